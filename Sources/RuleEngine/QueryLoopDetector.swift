import AdvisorCore

/// Finds N+1 loops in per-connection statement sequences: a lookup repeated back to back at least
/// `minRepeats` times right after a read whose rows it iterates (the parent, Sentry's "source").
///
/// Sessions are consumed one at a time and only the current run and the statement before it are
/// kept per session, so memory grows with the number of distinct (parent, lookup) pairs, not with
/// the log. Utility statements (`SET`, `BEGIN`, `SELECT 1`) are transparent; writes, statements of
/// unknown shape, another statement or a pause longer than `maxGapMs` end a run. When the source
/// counts rows, a parent that returned fewer rows than the run repeated is not its source.
public struct QueryLoopDetector {
    /// Fewest repetitions in one run that count as a loop.
    public var minRepeats: Int
    /// Longest idle time between two statements of a loop (and between the parent and the first).
    public var maxGapMs: Double
    private let role: (String) -> StatementRole?
    private var pairs: [String: ObservedLoop] = [:]
    private var pairOrder: [String] = []
    private var seenInSession: Set<String> = []

    /// `role` classifies a fingerprint id (`nil`: unknown statement).
    public init(minRepeats: Int, maxGapMs: Double, role: @escaping (String) -> StatementRole?) {
        self.minRepeats = max(2, minRepeats)
        self.maxGapMs = maxGapMs
        self.role = role
    }

    /// The loops found so far, in order of first sight.
    public var loops: [ObservedLoop] { pairOrder.compactMap { pairs[$0] } }

    private struct Run {
        var fingerprint: String
        var parent: SessionEvent?
        var count = 0
        var timeMs = 0.0
        var firstTime: Double?
    }

    /// Scans one connection's statements.
    public mutating func consume(_ trace: SessionTrace) {
        seenInSession.removeAll(keepingCapacity: true)
        var previous: (event: SessionEvent, role: StatementRole)?
        var run: Run?
        for event in trace.events {
            guard let role = role(event.fingerprintID) else {
                if let ended = run { finish(ended, session: trace.session) }
                run = nil
                previous = nil
                continue
            }
            if role == .utility { continue }
            let gapOK = previous.map { idleMs(between: $0.event, and: event) <= maxGapMs } ?? false
            if var current = run, current.fingerprint == event.fingerprintID, gapOK {
                current.count += 1
                current.timeMs += event.durationMs
                run = current
            } else {
                if let ended = run { finish(ended, session: trace.session) }
                run = nil
                if role == .lookup {
                    let parent = previous.flatMap { gapOK && $0.role.canBeParent ? $0.event : nil }
                    run = Run(
                        fingerprint: event.fingerprintID, parent: parent, count: 1, timeMs: event.durationMs,
                        firstTime: parent?.time ?? event.time)
                }
            }
            previous = (event, role)
        }
        if let ended = run { finish(ended, session: trace.session) }
    }

    private mutating func finish(_ run: Run, session: String) {
        guard run.count >= minRepeats, let parent = run.parent else { return }
        // A loop over the parent's rows runs at most once per row.
        if let rows = parent.rows, rows < Int64(run.count) { return }
        let key = parent.fingerprintID + " " + run.fingerprint
        if pairs[key] == nil {
            pairs[key] = ObservedLoop(parentFingerprint: parent.fingerprintID, repeatedFingerprint: run.fingerprint)
            pairOrder.append(key)
        }
        let observed = QueryLoopRun(
            session: session, startTime: run.firstTime, repeats: run.count, timeMs: run.timeMs, parentRows: parent.rows)
        pairs[key]!.add(observed, newSession: seenInSession.insert(key).inserted)
    }

    /// Idle time between two consecutive statements: the time between their log stamps less the
    /// longer duration. Sources stamp either the start or the end of a statement, so the longer
    /// one is subtracted either way; unknown times count as no gap.
    private func idleMs(between first: SessionEvent, and second: SessionEvent) -> Double {
        guard let a = first.time, let b = second.time else { return 0 }
        return max(0, abs(b - a) * 1000 - max(first.durationMs, second.durationMs))
    }
}
