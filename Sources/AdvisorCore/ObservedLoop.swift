/// The runs of one repeated lookup after one parent, summed over every session of the workload.
public struct ObservedLoop: Codable, Equatable, Sendable {
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
    public mutating func add(_ run: QueryLoopRun, newSession: Bool) {
        occurrences += 1
        queries += run.repeats
        timeMs += run.timeMs
        minRepeats = min(minRepeats, run.repeats)
        maxRepeats = max(maxRepeats, run.repeats)
        if newSession { sessions += 1 }
        if run.repeats > example?.repeats ?? 0 { example = run }
    }

    /// Adds the runs of the same pair seen in another source.
    public mutating func merge(_ other: ObservedLoop) {
        occurrences += other.occurrences
        queries += other.queries
        timeMs += other.timeMs
        minRepeats = min(minRepeats, other.minRepeats)
        maxRepeats = max(maxRepeats, other.maxRepeats)
        sessions += other.sessions
        if let run = other.example, run.repeats > example?.repeats ?? 0 { example = run }
    }
}

/// N+1 evidence a log reader found while streaming (`LoopDetection`), kept instead of the
/// connections' whole statement sequences so memory does not grow with the log.
public struct StreamedLoops: Codable, Equatable, Sendable {
    /// Loops by (parent, lookup) pair, in order of first sight.
    public var loops: [ObservedLoop]
    /// Fingerprint ids of every statement seen on a connection: whatever loops they ran are in
    /// `loops`, so they need no inference from aggregates.
    public var tracedFingerprints: Set<String>

    public init(loops: [ObservedLoop] = [], tracedFingerprints: Set<String> = []) {
        self.loops = loops
        self.tracedFingerprints = tracedFingerprints
    }

    /// Both sources' loops, the runs of one pair added up.
    public func merged(with other: StreamedLoops) -> StreamedLoops {
        var out = self
        for loop in other.loops {
            if let i = out.loops.firstIndex(where: {
                ($0.parentFingerprint, $0.repeatedFingerprint) == (loop.parentFingerprint, loop.repeatedFingerprint)
            }) {
                out.loops[i].merge(loop)
            } else {
                out.loops.append(loop)
            }
        }
        out.tracedFingerprints.formUnion(other.tracedFingerprints)
        return out
    }
}

/// The n-plus-one rule's thresholds, for a log reader that detects loops as it reads.
public struct LoopDetection: Sendable, Equatable {
    public var minRepeats: Int
    public var maxGapMs: Double

    public init(minRepeats: Int, maxGapMs: Double) {
        self.minRepeats = minRepeats
        self.maxGapMs = maxGapMs
    }
}
