/// Finds N+1 loops in per-connection statement sequences: a lookup repeated back to back at least
/// `minRepeats` times right after a read whose rows it iterates (the parent, Sentry's "source").
///
/// Statements arrive one at a time, from any number of interleaved connections (`consume(_:role:
/// session:)`, as a log is read) or a whole connection at once (`consume(_:)`). Only the current
/// run and the statement before it are kept per connection, so memory grows with the connections
/// open at a time and the distinct (parent, lookup) pairs, not with the log. Utility statements
/// (`SET`, `BEGIN`, `SELECT 1`) are transparent; writes, statements of unknown shape, another
/// statement or a pause longer than `maxGapMs` end a run. When the source counts rows, a parent
/// that returned fewer rows than the run repeated is not its source.
public struct QueryLoopDetector: Sendable {
    /// Fewest repetitions in one run that count as a loop.
    public var minRepeats: Int
    /// Longest idle time between two statements of a loop (and between the parent and the first).
    public var maxGapMs: Double
    private var pairs: [String: ObservedLoop] = [:]
    private var pairOrder: [String] = []
    private var open: [String: Connection] = [:]
    private var consumed = 0
    private var latestTime: Double?

    /// Connections idle this long (log time) are closed during `consume(_:role:session:)`, so a
    /// log of many short connections keeps few of them in memory.
    private static let sweepEvery = 65_536

    public init(minRepeats: Int, maxGapMs: Double) {
        self.minRepeats = max(2, minRepeats)
        self.maxGapMs = maxGapMs
    }

    /// The loops found so far, in order of first sight; `finish()` first to include open runs.
    public var loops: [ObservedLoop] { pairOrder.compactMap { pairs[$0] } }

    private struct Run: Sendable {
        var fingerprint: String
        var parent: SessionEvent?
        var count = 0
        var timeMs = 0.0
        var firstTime: Double?
    }

    /// What is kept of one connection between its statements.
    private struct Connection: Sendable {
        var previous: (event: SessionEvent, role: StatementRole)?
        var run: Run?
        /// Pairs already counted on this connection (for `ObservedLoop.sessions`).
        var pairsSeen: Set<String> = []
        /// When its last statement ran, whatever its role (for closing idle connections).
        var lastTime: Double?
    }

    /// Scans one whole connection's statements; `role` classifies a fingerprint id (`nil`: unknown).
    public mutating func consume(_ trace: SessionTrace, role: (String) -> StatementRole?) {
        var connection = Connection()
        for event in trace.events {
            if let ended = Self.step(&connection, event, role: role(event.fingerprintID), maxGapMs: maxGapMs) {
                finish(ended, session: trace.session, &connection.pairsSeen)
            }
        }
        if let ended = connection.run { finish(ended, session: trace.session, &connection.pairsSeen) }
    }

    /// Takes the next statement of `session`, whose statements may interleave with other sessions'.
    public mutating func consume(_ event: SessionEvent, role: StatementRole?, session: String) {
        // One hash lookup per statement: the connection is updated in place.
        let ended = Self.step(&open[session, default: Connection()], event, role: role, maxGapMs: maxGapMs)
        if let ended, isLoop(ended) {
            // Moved out and back, so recording the loop neither copies the set nor overlaps `open`.
            var seen = open[session]!.pairsSeen
            open[session]!.pairsSeen = []
            finish(ended, session: session, &seen)
            open[session]!.pairsSeen = seen
        }
        if let time = event.time { latestTime = max(latestTime ?? time, time) }
        consumed += 1
        if consumed % Self.sweepEvery == 0 { closeIdleConnections() }
    }

    /// Ends the open runs of every connection (the end of the log).
    public mutating func finish() {
        for session in open.keys.sorted() {
            var connection = open.removeValue(forKey: session)!
            if let ended = connection.run { finish(ended, session: session, &connection.pairsSeen) }
        }
    }

    private mutating func closeIdleConnections() {
        guard let now = latestTime else { return }
        // In session order, not the dictionary's (it differs between runs): the loops found here
        // are recorded in the order of `loops`.
        let idle = open.filter { _, connection in
            connection.lastTime.map { (now - $0) * 1000 > maxGapMs } ?? false
        }
        for session in idle.keys.sorted() {
            var closing = open.removeValue(forKey: session)!
            if let ended = closing.run { finish(ended, session: session, &closing.pairsSeen) }
        }
    }

    /// Advances `connection` by one statement; returns the run the statement ended, if any.
    private static func step(
        _ connection: inout Connection, _ event: SessionEvent, role: StatementRole?, maxGapMs: Double
    ) -> Run? {
        if let time = event.time { connection.lastTime = time }
        guard let role else {
            let ended = connection.run
            connection.run = nil
            connection.previous = nil
            return ended
        }
        if role == .utility { return nil }
        let gapOK = connection.previous.map { idleMs(between: $0.event, and: event) <= maxGapMs } ?? false
        var ended: Run?
        if connection.run?.fingerprint == event.fingerprintID, gapOK {
            connection.run!.count += 1
            connection.run!.timeMs += event.durationMs
        } else {
            ended = connection.run
            connection.run = nil
            if role == .lookup {
                let parent = connection.previous.flatMap { gapOK && $0.role.canBeParent ? $0.event : nil }
                connection.run = Run(
                    fingerprint: event.fingerprintID, parent: parent, count: 1, timeMs: event.durationMs,
                    firstTime: parent?.time ?? event.time)
            }
        }
        connection.previous = (event, role)
        return ended
    }

    /// Whether a run that ended is a loop: repeated enough, after a parent with enough rows.
    private func isLoop(_ run: Run) -> Bool {
        guard run.count >= minRepeats, let parent = run.parent else { return false }
        // A loop over the parent's rows runs at most once per row.
        if let rows = parent.rows, rows < Int64(run.count) { return false }
        return true
    }

    private mutating func finish(_ run: Run, session: String, _ pairsSeen: inout Set<String>) {
        guard isLoop(run), let parent = run.parent else { return }
        let key = parent.fingerprintID + " " + run.fingerprint
        if pairs[key] == nil {
            pairs[key] = ObservedLoop(parentFingerprint: parent.fingerprintID, repeatedFingerprint: run.fingerprint)
            pairOrder.append(key)
        }
        let observed = QueryLoopRun(
            session: session, startTime: run.firstTime, repeats: run.count, timeMs: run.timeMs, parentRows: parent.rows)
        pairs[key]!.add(observed, newSession: pairsSeen.insert(key).inserted)
    }

    /// Idle time between two consecutive statements: the time between their log stamps less the
    /// longer duration. Sources stamp either the start or the end of a statement, so the longer
    /// one is subtracted either way; unknown times count as no gap.
    private static func idleMs(between first: SessionEvent, and second: SessionEvent) -> Double {
        guard let a = first.time, let b = second.time else { return 0 }
        return max(0, abs(b - a) * 1000 - max(first.durationMs, second.durationMs))
    }
}
