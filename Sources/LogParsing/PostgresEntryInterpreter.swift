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
struct PostgresEntryInterpreter {
    private struct Execution {
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

    private struct LoggedPlan {
        var json: String?
        var queryText: String
        var fingerprint: FingerprintCache.Entry
        var durationMs: Double
        var time: Double?
        var database: String?
        var line: Int
        var fingerprintID: String
    }

    private struct SessionState {
        var pending: Execution?
        var pendingPlan: LoggedPlan?
        /// The last recorded execution and whether a plan already went with it.
        var lastFingerprintID: String?
        var lastHasPlan = true
    }

    private var sessions: [String: SessionState] = [:]
    private var sessionOrder: [String] = []

    /// Feeds one event, prepared by `PostgresLogEntry.prepare` (classified and fingerprinted).
    mutating func consume(_ entry: PostgresLogEntry, into builder: inout WorkloadBuilder) {
        var state = sessions[entry.session] ?? newSession(entry.session)
        defer { sessions[entry.session] = state }
        switch entry.severity {
        case .detail:
            handleDetail(entry.message, &state, &builder)
            return
        case .other:
            finishUnlessAwaitingDuration(&state, entry.session, &builder)
            return
        case .log:
            break
        }
        switch entry.kind! {
        case .execution(_, let durationMs, let isExecute):
            finish(&state, entry.session, &builder)
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
            if !execution.mayTakeParameters && !execution.awaitsDuration { finish(&state, entry.session, &builder) }
        case .bareDuration(let ms):
            if state.pending?.awaitsDuration == true {
                state.pending!.durationMs = ms
                state.pending!.awaitsDuration = false
            }
            finish(&state, entry.session, &builder)
        case .plan(let durationMs, _):
            handlePlan(entry, durationMs, &state, &builder)
        case .protocolStep, .other:
            finishUnlessAwaitingDuration(&state, entry.session, &builder)
        }
    }

    /// Flushes what is still waiting for a follow-up event, at the end of the input.
    mutating func finishAll(into builder: inout WorkloadBuilder) {
        for session in sessionOrder {
            guard var state = sessions[session] else { continue }
            finish(&state, session, &builder)
            flushPlan(&state, session, &builder)
            sessions[session] = state
        }
    }

    private mutating func newSession(_ key: String) -> SessionState {
        sessionOrder.append(key)
        return SessionState()
    }

    private func handleDetail(_ message: [UInt8], _ state: inout SessionState, _ builder: inout WorkloadBuilder) {
        guard state.pending?.mayTakeParameters == true else { return }
        if let start = message.withUnsafeBufferPointer({ PostgresMessage.parametersStart($0) }) {
            state.pending!.parameters = text(message, from: start)
        }
        state.pending!.mayTakeParameters = false
    }

    private func finishUnlessAwaitingDuration(
        _ state: inout SessionState, _ session: String, _ builder: inout WorkloadBuilder
    ) {
        if state.pending?.awaitsDuration != true { finish(&state, session, &builder) }
    }

    private func handlePlan(
        _ entry: PostgresLogEntry, _ durationMs: Double, _ state: inout SessionState, _ builder: inout WorkloadBuilder
    ) {
        guard let queryText = entry.sql, let fingerprint = entry.fingerprint else { return }
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
        finish(&state, entry.session, &builder)
        // Extended protocol: the executor ends (and auto_explain logs) after the `execute` line.
        if state.lastFingerprintID == id && !state.lastHasPlan {
            state.lastHasPlan = true
            if let json { builder.attachPlan(json: json, durationMs: durationMs, to: id, line: entry.line) }
            return
        }
        flushPlan(&state, entry.session, &builder)
        state.pendingPlan = plan
    }

    /// Records the pending execution, first pairing it with (or flushing) a plan logged before it.
    private func finish(_ state: inout SessionState, _ session: String, _ builder: inout WorkloadBuilder) {
        guard let execution = state.pending else { return }
        state.pending = nil
        var plan = execution.plan
        if plan == nil, let waiting = state.pendingPlan, waiting.fingerprintID == execution.fingerprintID {
            plan = waiting
            state.pendingPlan = nil
        }
        flushPlan(&state, session, &builder)
        builder.record(
            fingerprinted: execution.fingerprint, text: { execution.sql }, parameters: execution.parameters,
            durationMs: execution.durationMs, time: execution.time, session: session, database: execution.database,
            line: execution.line)
        state.lastFingerprintID = execution.fingerprintID
        state.lastHasPlan = plan != nil
        if let plan, let json = plan.json {
            builder.attachPlan(json: json, durationMs: plan.durationMs, to: plan.fingerprintID, line: plan.line)
        }
    }

    /// A plan no statement line claimed is itself the record of the execution.
    private func flushPlan(_ state: inout SessionState, _ session: String, _ builder: inout WorkloadBuilder) {
        guard let plan = state.pendingPlan else { return }
        state.pendingPlan = nil
        builder.record(
            fingerprinted: plan.fingerprint, text: { plan.queryText }, durationMs: plan.durationMs, time: plan.time,
            session: session, database: plan.database, line: plan.line)
        state.lastFingerprintID = plan.fingerprintID
        state.lastHasPlan = true
        if let json = plan.json {
            builder.attachPlan(json: json, durationMs: plan.durationMs, to: plan.fingerprintID, line: plan.line)
        }
    }

    private func text(_ bytes: [UInt8], from start: Int) -> String {
        guard start < bytes.count else { return "" }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
