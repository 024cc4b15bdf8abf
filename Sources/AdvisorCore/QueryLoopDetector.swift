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
        var lastTime: Double?
    }

    /// Scans one whole connection's statements; `role` classifies a fingerprint id (`nil`: unknown).
    public mutating func consume(_ trace: SessionTrace, role: (String) -> StatementRole?) {
        var connection = Connection()
        for event in trace.events {
            step(&connection, event, role: role(event.fingerprintID), session: trace.session)
        }
        close(&connection, session: trace.session)
    }

    /// Takes the next statement of `session`, whose statements may interleave with other sessions'.
    public mutating func consume(_ event: SessionEvent, role: StatementRole?, session: String) {
        var connection = open.removeValue(forKey: session) ?? Connection()
        step(&connection, event, role: role, session: session)
        connection.lastTime = event.time ?? connection.lastTime
        open[session] = connection
        if let time = event.time { latestTime = max(latestTime ?? time, time) }
        consumed += 1
        if consumed % Self.sweepEvery == 0 { closeIdleConnections() }
    }

    /// Ends the open runs of every connection (the end of the log).
    public mutating func finish() {
        for session in open.keys.sorted() {
            var connection = open.removeValue(forKey: session)!
            close(&connection, session: session)
        }
    }

    private mutating func closeIdleConnections() {
        guard let now = latestTime else { return }
        for (session, connection) in open {
            guard let last = connection.lastTime, (now - last) * 1000 > maxGapMs else { continue }
            var closing = connection
            close(&closing, session: session)
            open[session] = nil
        }
    }

    private mutating func step(
        _ connection: inout Connection, _ event: SessionEvent, role: StatementRole?, session: String
    ) {
        guard let role else {
            if let ended = connection.run { finish(ended, session: session, &connection) }
            connection.run = nil
            connection.previous = nil
            return
        }
        if role == .utility { return }
        let gapOK = connection.previous.map { idleMs(between: $0.event, and: event) <= maxGapMs } ?? false
        if var current = connection.run, current.fingerprint == event.fingerprintID, gapOK {
            current.count += 1
            current.timeMs += event.durationMs
            connection.run = current
        } else {
            if let ended = connection.run { finish(ended, session: session, &connection) }
            connection.run = nil
            if role == .lookup {
                let parent = connection.previous.flatMap { gapOK && $0.role.canBeParent ? $0.event : nil }
                connection.run = Run(
                    fingerprint: event.fingerprintID, parent: parent, count: 1, timeMs: event.durationMs,
                    firstTime: parent?.time ?? event.time)
            }
        }
        connection.previous = (event, role)
    }

    private mutating func close(_ connection: inout Connection, session: String) {
        if let ended = connection.run { finish(ended, session: session, &connection) }
        connection.run = nil
    }

    private mutating func finish(_ run: Run, session: String, _ connection: inout Connection) {
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
        pairs[key]!.add(observed, newSession: connection.pairsSeen.insert(key).inserted)
    }

    /// Idle time between two consecutive statements: the time between their log stamps less the
    /// longer duration. Sources stamp either the start or the end of a statement, so the longer
    /// one is subtracted either way; unknown times count as no gap.
    private func idleMs(between first: SessionEvent, and second: SessionEvent) -> Double {
        guard let a = first.time, let b = second.time else { return 0 }
        return max(0, abs(b - a) * 1000 - max(first.durationMs, second.durationMs))
    }
}
