import AdvisorCore

/// The runs of one repeated lookup after one parent, summed over every session of the workload.
public struct ObservedLoop: Equatable, Sendable {
    /// Fingerprint id of the parent query (the source of the keys).
    public var parentFingerprint: String
    /// Fingerprint id of the repeated lookup.
    public var repeatedFingerprint: String
    /// Runs seen.
    public var occurrences = 0
    /// Repeated statements in those runs.
    public var queries = 0
    /// Server time of those statements, in ms.
    public var timeMs = 0.0
    public var minRepeats = Int.max
    public var maxRepeats = 0
    /// Sessions the runs were seen on.
    public var sessions = 0
    /// The run with the most repetitions (the first of equals).
    public var example: QueryLoopRun?

    public init(parentFingerprint: String, repeatedFingerprint: String) {
        self.parentFingerprint = parentFingerprint
        self.repeatedFingerprint = repeatedFingerprint
    }

    /// Counts one run; `newSession` when it is the first run of its session for this pair.
    mutating func add(_ run: QueryLoopRun, newSession: Bool) {
        occurrences += 1
        queries += run.repeats
        timeMs += run.timeMs
        minRepeats = min(minRepeats, run.repeats)
        maxRepeats = max(maxRepeats, run.repeats)
        if newSession { sessions += 1 }
        if run.repeats > example?.repeats ?? 0 { example = run }
    }
}
