/// Where `PostgresEntryInterpreter` puts the executions it pairs: a chunk's partial workload on a
/// worker thread, or the whole log's on the reading thread.
///
/// `position` orders the outputs as one pass over the log would make them (`PostgresLogEntry.position`
/// plus the output's rank among those of its event), as a chunk's outputs and the ones settled while
/// merging it are made apart.
protocol PostgresExecutionSink {
    /// One execution of `session` (the interpreter's session number `session`, named `key`).
    mutating func record(
        _ fingerprint: FingerprintCache.Entry, text: String, parameters: String?, durationMs: Double?, time: Double?,
        session: Int, key: String, database: String?, line: Int, position: Int64)
    /// auto_explain's plan for the group `fingerprintID`, kept when it is the group's slowest.
    mutating func attachPlan(json: String, durationMs: Double, to fingerprintID: String, line: Int, position: Int64)
}

/// Turns PostgreSQL log events into executions, pairing the events that describe one execution.
///
/// Pairings, per connection (events of one backend arrive in order):
/// - `execute <name>: …` + the `DETAIL:  parameters: …` that follows it: one execution, the values
///   go into the sample text.
/// - `statement: …` without duration (`log_statement`) + a later bare `duration: … ms`: one
///   execution with that time; without a bare duration it counts with unknown time (0 ms).
/// - auto_explain's `duration: … ms  plan:` + the `statement:`/`execute` line of the same statement
///   (before or after it): one execution timed by the statement line; the plan goes to the group.
///   A plan with no such line (statement logging off or above its threshold) is the execution.
/// - `parse`/`bind` lines are protocol steps of an `execute` and never count.
///
/// A chunk of a log read on its own (`startsUnknown`) does not know what its connections left open
/// before it. Each connection's events are then kept aside as *leading* events, and produce
/// nothing, until the connection's state no longer depends on what came before (every part of it
/// was overwritten, tracked with `SessionState.unknown`); the merge feeds the leading events to the
/// interpreter of the log read so far, whose state is the real one, and takes the chunk's state
/// from there on. The result equals one pass over the whole log.
struct PostgresEntryInterpreter {
    struct Execution {
        var sql: String
        var fingerprint: FingerprintCache.Entry
        var parameters: String?
        var durationMs: Double?
        var time: Double?
        var database: String?
        var line: Int
        var mayTakeParameters: Bool
        var awaitsDuration: Bool
        var fingerprintID: String
        var plan: LoggedPlan?
    }

    struct LoggedPlan {
        var json: String?
        var queryText: String
        var fingerprint: FingerprintCache.Entry
        var durationMs: Double
        var time: Double?
        var database: String?
        var line: Int
        var fingerprintID: String
    }

    /// Parts of a connection's state a chunk cannot know before its events overwrite them.
    struct Unknown: OptionSet {
        let rawValue: UInt8
        static let pending = Unknown(rawValue: 1)
        static let pendingPlan = Unknown(rawValue: 2)
        static let lastFingerprint = Unknown(rawValue: 4)
        static let lastHasPlan = Unknown(rawValue: 8)
        static let all: Unknown = [.pending, .pendingPlan, .lastFingerprint, .lastHasPlan]
    }

    struct SessionState {
        var pending: Execution?
        var pendingPlan: LoggedPlan?
        /// The last recorded execution and whether a plan already went with it.
        var lastFingerprintID: String?
        var lastHasPlan = true
        /// What this state's values stand for only in this chunk's reading; empty in a whole-log
        /// reading. An unknown part's value here is nil.
        var unknown: Unknown = []
    }

    /// Whether sessions seen first start with an unknown state (a chunk after the first).
    let startsUnknown: Bool
    /// Session number by key; `keys` and `states` by number, in first-seen order.
    private var numbers: [String: Int] = [:]
    private(set) var keys: [String] = []
    private(set) var states: [SessionState] = []
    /// A chunk's events of sessions whose state was not yet known, in log order, with the session's number.
    private(set) var leading: [(entry: PostgresLogEntry, session: Int)] = []
    /// Where the event being consumed is, and how many outputs it made so far.
    private var position: Int64 = 0
    /// Outputs go to the sink (false while a chunk's session is leading).
    private var emitting = true

    init(startsUnknown: Bool = false) {
        self.startsUnknown = startsUnknown
    }

    /// The number of session `key`, made on first sight.
    mutating func session(_ key: String) -> Int {
        if let known = numbers[key] { return known }
        let number = keys.count
        numbers[key] = number
        keys.append(key)
        states.append(SessionState(unknown: startsUnknown ? .all : []))
        return number
    }

    /// Takes `state` as the state of session `key` (a chunk's, where the chunk knew it).
    mutating func adopt(_ state: SessionState, for key: String) {
        states[session(key)] = state
    }

    /// Feeds one event, prepared by `PostgresLogEntry.prepare` (classified and fingerprinted).
    mutating func consume(_ entry: PostgresLogEntry, into sink: inout some PostgresExecutionSink) {
        let number = session(entry.session)
        consume(entry, session: number, into: &sink)
    }

    /// `consume(_:into:)` for an event of session number `number`.
    mutating func consume(_ entry: PostgresLogEntry, session number: Int, into sink: inout some PostgresExecutionSink) {
        // Swapped out and back, not copied: a copy retains and releases every string in it.
        var state = SessionState()
        swap(&state, &states[number])
        defer { swap(&state, &states[number]) }
        position = entry.position
        emitting = state.unknown.isEmpty
        if !emitting { leading.append((entry, number)) }
        let key = keys[number]
        switch entry.severity {
        case .detail:
            handleDetail(entry.message, &state)
            return
        case .other:
            finishUnlessAwaitingDuration(&state, number, key, &sink)
            return
        case .log:
            break
        }
        switch entry.kind! {
        case .execution(_, let durationMs, let isExecute):
            finish(&state, number, key, &sink)
            let fingerprint = entry.fingerprint!
            var execution = Execution(
                sql: entry.sql!, fingerprint: fingerprint, durationMs: durationMs, time: entry.time,
                database: entry.database, line: entry.line, mayTakeParameters: isExecute,
                awaitsDuration: durationMs == nil, fingerprintID: fingerprint.fingerprint.id)
            if let detail = entry.detail {
                if isExecute, let start = detail.withUnsafeBufferPointer({ PostgresMessage.parametersStart($0) }) {
                    execution.parameters = text(detail, from: start)
                }
                execution.mayTakeParameters = false
            }
            state.pending = execution
            state.unknown.remove(.pending)
            if !execution.mayTakeParameters && !execution.awaitsDuration { finish(&state, number, key, &sink) }
        case .bareDuration(let ms):
            if state.pending?.awaitsDuration == true {
                state.pending!.durationMs = ms
                state.pending!.awaitsDuration = false
            }
            finish(&state, number, key, &sink)
        case .plan(let durationMs, _):
            handlePlan(entry, durationMs, &state, number, key, &sink)
        case .protocolStep, .other:
            finishUnlessAwaitingDuration(&state, number, key, &sink)
        }
    }

    /// Flushes what is still waiting for a follow-up event, at the end of the input; `position`
    /// is past every event's.
    mutating func finishAll(at position: Int64, into sink: inout some PostgresExecutionSink) {
        self.position = position
        emitting = true
        for number in keys.indices {
            var state = states[number]
            finish(&state, number, keys[number], &sink)
            flushPlan(&state, number, keys[number], &sink)
            states[number] = state
        }
    }

    private mutating func nextPosition() -> Int64 {
        defer { position += 1 }
        return position
    }

    private func handleDetail(_ message: [UInt8], _ state: inout SessionState) {
        guard state.pending?.mayTakeParameters == true else { return }
        if let start = message.withUnsafeBufferPointer({ PostgresMessage.parametersStart($0) }) {
            state.pending!.parameters = text(message, from: start)
        }
        state.pending!.mayTakeParameters = false
    }

    private mutating func finishUnlessAwaitingDuration(
        _ state: inout SessionState, _ number: Int, _ key: String, _ sink: inout some PostgresExecutionSink
    ) {
        if state.unknown.contains(.pending) {
            // Finished or not, depending on the unknown pending execution: whatever it may flush is unknown too.
            if state.pendingPlan != nil { state.unknown.insert(.pendingPlan) }
            state.pendingPlan = nil
            state.unknown.formUnion([.lastFingerprint, .lastHasPlan])
            return
        }
        if state.pending?.awaitsDuration != true { finish(&state, number, key, &sink) }
    }

    private mutating func handlePlan(
        _ entry: PostgresLogEntry, _ durationMs: Double, _ state: inout SessionState, _ number: Int, _ key: String,
        _ sink: inout some PostgresExecutionSink
    ) {
        guard let queryText = entry.sql, let fingerprint = entry.fingerprint else { return }
        if state.unknown.contains(.pending) {
            // Whether the plan goes with the pending execution, the last one or waits is unknown.
            state.pendingPlan = nil
            state.lastFingerprintID = nil
            state.unknown = .all
            return
        }
        let json = entry.planJSON
        let id = fingerprint.fingerprint.id
        let plan = LoggedPlan(
            json: json, queryText: queryText, fingerprint: fingerprint, durationMs: durationMs, time: entry.time,
            database: entry.database, line: entry.line, fingerprintID: id)
        // log_statement logged the statement before it ran; its duration line comes after the plan.
        if state.pending?.fingerprintID == id && state.pending?.plan == nil {
            state.pending!.plan = plan
            return
        }
        finish(&state, number, key, &sink)
        if state.unknown.contains(.lastFingerprint)
            || (state.lastFingerprintID == id && state.unknown.contains(.lastHasPlan))
        {
            // Goes with the last execution or waits: unknown which.
            state.pendingPlan = nil
            state.lastFingerprintID = nil
            state.unknown.formUnion([.pendingPlan, .lastFingerprint, .lastHasPlan])
            return
        }
        // Extended protocol: the executor ends (and auto_explain logs) after the `execute` line.
        if state.lastFingerprintID == id && !state.lastHasPlan {
            state.lastHasPlan = true
            if let json, emitting {
                sink.attachPlan(json: json, durationMs: durationMs, to: id, line: entry.line, position: nextPosition())
            }
            return
        }
        flushPlan(&state, number, key, &sink)
        state.pendingPlan = plan
        state.unknown.remove(.pendingPlan)
    }

    /// Records the pending execution, first pairing it with (or flushing) a plan logged before it.
    private mutating func finish(
        _ state: inout SessionState, _ number: Int, _ key: String, _ sink: inout some PostgresExecutionSink
    ) {
        if state.unknown.contains(.pending) {
            // The unknown pending execution (if any) is recorded now, flushing a waiting plan.
            state.unknown.remove(.pending)
            if state.pendingPlan != nil { state.unknown.insert(.pendingPlan) }
            state.pendingPlan = nil
            state.lastFingerprintID = nil
            state.unknown.formUnion([.lastFingerprint, .lastHasPlan])
            return
        }
        // Taken, not copied: a copy retains every string of the execution.
        guard let execution = state.pending.take() else { return }
        var plan = execution.plan
        if plan == nil, let waiting = state.pendingPlan, waiting.fingerprintID == execution.fingerprintID {
            plan = waiting
            state.pendingPlan = nil
        }
        let pairingUnknown = plan == nil && state.unknown.contains(.pendingPlan)
        flushPlan(&state, number, key, &sink)
        if emitting {
            sink.record(
                execution.fingerprint, text: execution.sql, parameters: execution.parameters,
                durationMs: execution.durationMs, time: execution.time, session: number, key: key,
                database: execution.database, line: execution.line, position: nextPosition())
        }
        state.lastFingerprintID = execution.fingerprintID
        state.lastHasPlan = plan != nil
        state.unknown.remove(.lastFingerprint)
        if pairingUnknown { state.unknown.insert(.lastHasPlan) } else { state.unknown.remove(.lastHasPlan) }
        if let plan, let json = plan.json, emitting {
            sink.attachPlan(
                json: json, durationMs: plan.durationMs, to: plan.fingerprintID, line: plan.line,
                position: nextPosition())
        }
    }

    /// A plan no statement line claimed is itself the record of the execution.
    private mutating func flushPlan(
        _ state: inout SessionState, _ number: Int, _ key: String, _ sink: inout some PostgresExecutionSink
    ) {
        if state.unknown.contains(.pendingPlan) {
            // An unknown waiting plan (if any) is recorded now.
            state.unknown.remove(.pendingPlan)
            state.lastFingerprintID = nil
            state.unknown.formUnion([.lastFingerprint, .lastHasPlan])
            return
        }
        guard let plan = state.pendingPlan.take() else { return }
        if emitting {
            sink.record(
                plan.fingerprint, text: plan.queryText, parameters: nil, durationMs: plan.durationMs, time: plan.time,
                session: number, key: key, database: plan.database, line: plan.line, position: nextPosition())
        }
        state.lastFingerprintID = plan.fingerprintID
        state.lastHasPlan = true
        state.unknown.subtract([.lastFingerprint, .lastHasPlan])
        if let json = plan.json, emitting {
            sink.attachPlan(
                json: json, durationMs: plan.durationMs, to: plan.fingerprintID, line: plan.line,
                position: nextPosition())
        }
    }

    private func text(_ bytes: [UInt8], from start: Int) -> String {
        guard start < bytes.count else { return "" }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
