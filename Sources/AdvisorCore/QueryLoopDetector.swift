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

    /// One statement as the streaming reader hands it over: its group as a number (the reader's
    /// group index, which `loops(naming:)` turns back into fingerprint ids), so following a
    /// statement hashes no text and counts no references.
    public struct Step: Sendable {
        public var statement: Int
        public var time: Double?
        public var durationMs: Double
        public var rows: Int64?

        public init(statement: Int, time: Double?, durationMs: Double, rows: Int64?) {
            self.statement = statement
            self.time = time
            self.durationMs = durationMs
            self.rows = rows
        }
    }

    /// A session number as a dictionary key hashed by a multiply-xorshift mix instead of SipHash:
    /// `open` is looked up for every statement of a log, and hashing an `Int` with `Hasher` was
    /// most of the lookup. The mix spreads thread ids and the restart count in their high bits.
    private struct SessionKey: Hashable, Sendable {
        var number: Int

        func hash(into hasher: inout Hasher) { hasher.combine(number) }

        func _rawHashValue(seed: Int) -> Int {
            var x = UInt64(bitPattern: Int64(number ^ seed))
            x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
            x = (x ^ (x >> 33)) &* 0xC4CE_B9FE_1A85_EC53
            return Int(bitPattern: UInt(x ^ (x >> 33)))
        }
    }

    /// A (parent, repeated) pair of statement numbers.
    private struct Pair: Hashable, Sendable {
        var parent: Int
        var child: Int
    }

    /// Loops by pair, their fingerprints named only by `loops(naming:)`.
    private var pairs: [Pair: ObservedLoop] = [:]
    private var pairOrder: [Pair] = []
    /// Open connections by the caller's session number.
    private var open: [SessionKey: Connection] = [:]
    private var consumed = 0
    private var latestTime: Double?
    /// The numbers the `String` entry points give fingerprint ids and sessions.
    private var statementNumbers: [String: Int] = [:]
    private var statementIDs: [String] = []
    private var sessionNumbers: [String: Int] = [:]

    /// Connections idle this long (log time) are closed during `consume(_:role:session:name:)`, so a
    /// log of many short connections keeps few of them in memory.
    private static let sweepEvery = 65_536

    public init(minRepeats: Int, maxGapMs: Double) {
        self.minRepeats = max(2, minRepeats)
        self.maxGapMs = maxGapMs
    }

    /// The loops found so far through the `String` entry points, in order of first sight;
    /// `finish()` first to include open runs.
    public var loops: [ObservedLoop] { loops { statementIDs[$0] } }

    /// The loops found so far, in order of first sight, their statements named by `fingerprintID`
    /// (the numbers given in `Step`s); `finish()` first to include open runs.
    public func loops(naming fingerprintID: (Int) -> String) -> [ObservedLoop] {
        pairOrder.compactMap { pair in
            guard var loop = pairs[pair] else { return nil }
            loop.parentFingerprint = fingerprintID(pair.parent)
            loop.repeatedFingerprint = fingerprintID(pair.child)
            return loop
        }
    }

    private struct Run: Sendable {
        var statement: Int
        var parent: Step?
        var count = 0
        var timeMs = 0.0
        var firstTime: Double?
    }

    /// What is kept of one connection between its statements.
    private struct Connection: Sendable {
        /// The session as the source names it (in `QueryLoopRun.session`, and the order
        /// connections are closed in).
        var name: String
        var previous: (step: Step, role: StatementRole)?
        var run: Run?
        /// Pairs already counted on this connection (for `ObservedLoop.sessions`).
        var pairsSeen: Set<Pair> = []
        /// When its last statement ran, whatever its role (for closing idle connections).
        var lastTime: Double?
    }

    /// Scans one whole connection's statements; `role` classifies a fingerprint id (`nil`: unknown).
    public mutating func consume(_ trace: SessionTrace, role: (String) -> StatementRole?) {
        var connection = Connection(name: trace.session)
        for event in trace.events {
            let step = self.step(of: event)
            if let ended = Self.step(&connection, step, role: role(event.fingerprintID), maxGapMs: maxGapMs) {
                finish(ended, &connection)
            }
        }
        if let ended = connection.run { finish(ended, &connection) }
    }

    /// Takes the next statement of `session`, whose statements may interleave with other sessions'.
    public mutating func consume(_ event: SessionEvent, role: StatementRole?, session: String) {
        consume(step(of: event), role: role, session: number(ofSession: session)) { session }
    }

    /// The number the session named `name` is known by to `consume(_:role:session:name:)`:
    /// negative, apart from the numbers callers give sessions themselves (≥ 0). A caller that
    /// names sessions asks once per session and batch of statements, not per statement.
    public mutating func number(ofSession name: String) -> Int {
        if let known = sessionNumbers[name] { return known }
        let number = -1 - sessionNumbers.count
        sessionNumbers[name] = number
        return number
    }

    /// Takes the next statement of the session numbered `session` (any number that tells the
    /// caller's sessions apart), whose statements may interleave with other sessions'; `name`
    /// names the session the first time it is seen (and again after it was closed idle).
    public mutating func consume(_ step: Step, role: StatementRole?, session: Int, name: () -> String) {
        // One hash lookup per statement: the connection is updated in place.
        let key = SessionKey(number: session)
        let ended = Self.step(&open[key, default: Connection(name: name())], step, role: role, maxGapMs: maxGapMs)
        if let ended, isLoop(ended) {
            // Moved out and back, so recording the loop does not overlap `open`.
            var connection = open.removeValue(forKey: key)!
            finish(ended, &connection)
            open[key] = connection
        }
        if let time = step.time { latestTime = max(latestTime ?? time, time) }
        consumed += 1
        if consumed % Self.sweepEvery == 0 { closeIdleConnections() }
    }

    /// Ends the open runs of every connection (the end of the log).
    public mutating func finish() {
        for session in open.sorted(by: { $0.value.name < $1.value.name }).map(\.key) {
            var connection = open.removeValue(forKey: session)!
            if let ended = connection.run { finish(ended, &connection) }
        }
    }

    /// The `Step` of an event of the `String` entry points.
    private mutating func step(of event: SessionEvent) -> Step {
        let number: Int
        if let known = statementNumbers[event.fingerprintID] {
            number = known
        } else {
            number = statementIDs.count
            statementNumbers[event.fingerprintID] = number
            statementIDs.append(event.fingerprintID)
        }
        return Step(statement: number, time: event.time, durationMs: event.durationMs, rows: event.rows)
    }

    private mutating func closeIdleConnections() {
        guard let now = latestTime else { return }
        // In session order, not the dictionary's (it differs between runs): the loops found here
        // are recorded in the order of `loops`.
        let idle = open.filter { _, connection in
            connection.lastTime.map { (now - $0) * 1000 > maxGapMs } ?? false
        }
        for session in idle.sorted(by: { $0.value.name < $1.value.name }).map(\.key) {
            var closing = open.removeValue(forKey: session)!
            if let ended = closing.run { finish(ended, &closing) }
        }
    }

    /// Advances `connection` by one statement; returns the run the statement ended, if any.
    private static func step(
        _ connection: inout Connection, _ step: Step, role: StatementRole?, maxGapMs: Double
    ) -> Run? {
        if let time = step.time { connection.lastTime = time }
        guard let role else {
            let ended = connection.run
            connection.run = nil
            connection.previous = nil
            return ended
        }
        if role == .utility { return nil }
        let gapOK = connection.previous.map { idleMs(between: $0.step, and: step) <= maxGapMs } ?? false
        var ended: Run?
        if connection.run?.statement == step.statement, gapOK {
            connection.run!.count += 1
            connection.run!.timeMs += step.durationMs
        } else {
            ended = connection.run
            connection.run = nil
            if role == .lookup {
                let parent = connection.previous.flatMap { gapOK && $0.role.canBeParent ? $0.step : nil }
                connection.run = Run(
                    statement: step.statement, parent: parent, count: 1, timeMs: step.durationMs,
                    firstTime: parent?.time ?? step.time)
            }
        }
        connection.previous = (step, role)
        return ended
    }

    /// Whether a run that ended is a loop: repeated enough, after a parent with enough rows.
    private func isLoop(_ run: Run) -> Bool {
        guard run.count >= minRepeats, let parent = run.parent else { return false }
        // A loop over the parent's rows runs at most once per row.
        if let rows = parent.rows, rows < Int64(run.count) { return false }
        return true
    }

    private mutating func finish(_ run: Run, _ connection: inout Connection) {
        guard isLoop(run), let parent = run.parent else { return }
        let key = Pair(parent: parent.statement, child: run.statement)
        if pairs[key] == nil {
            pairs[key] = ObservedLoop(parentFingerprint: "", repeatedFingerprint: "")
            pairOrder.append(key)
        }
        let observed = QueryLoopRun(
            session: connection.name, startTime: run.firstTime, repeats: run.count, timeMs: run.timeMs,
            parentRows: parent.rows)
        pairs[key]!.add(observed, newSession: connection.pairsSeen.insert(key).inserted)
    }

    /// Idle time between two consecutive statements: the time between their log stamps less the
    /// longer duration. Sources stamp either the start or the end of a statement, so the longer
    /// one is subtracted either way; unknown times count as no gap.
    private static func idleMs(between first: Step, and second: Step) -> Double {
        guard let a = first.time, let b = second.time else { return 0 }
        return max(0, abs(b - a) * 1000 - max(first.durationMs, second.durationMs))
    }
}
