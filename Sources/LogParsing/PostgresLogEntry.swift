/// One PostgreSQL log event, whatever the log format: a stderr line with its continuation lines,
/// a csv record or a json object.
struct PostgresLogEntry: Sendable {
    /// Line of the event's first byte, for origins and diagnostics.
    var line: Int
    /// Seconds since the epoch, when the format gave a time.
    var time: Double?
    /// Connection key: backend pid, plus the session id when the format has one.
    var session: String
    /// stderr logs: the backend pid, and how many times it disconnected before this event in the
    /// part of the log read (the key's `#n`), for the merge to renumber; -1 when not known.
    var pid = -1
    var generation = 0
    var database: String?
    var severity: LogSeverity
    /// The message bytes (multi-line messages joined with `\n`). Empty for events that cannot
    /// carry workload, so their text is never copied.
    var message: [UInt8]
    /// csv/json `detail` (stderr logs it as its own DETAIL event).
    var detail: [UInt8]?
    /// What the LOG message says, and its statement (or auto_explain's query text) with its
    /// fingerprint: filled by `prepare`, off the reading thread.
    var kind: PostgresMessage?
    var sql: String?
    var planJSON: String?
    var fingerprint: FingerprintCache.Entry?
    /// Where the event is in the log, for ordering what chunks read apart (`PostgresChunk.position`).
    var position: Int64 = 0

    /// Classifies a LOG event and fingerprints its statement with `cache`.
    static func prepare(_ entry: inout PostgresLogEntry, _ cache: inout FingerprintCache) {
        guard entry.severity == .log else { return }
        let kind = entry.message.withUnsafeBufferPointer { PostgresMessage.classify($0) }
        entry.kind = kind
        switch kind {
        case .execution(let sqlStart, _, _):
            entry.fingerprint = entry.message.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[min(sqlStart, all.count)...])
                let sql = String(decoding: bytes, as: UTF8.self)
                entry.sql = sql
                return cache.entry(for: bytes, text: { sql })
            }
        case .plan(_, let bodyStart):
            let body = entry.message.withUnsafeBufferPointer { all in
                String(decoding: UnsafeBufferPointer(rebasing: all[min(bodyStart, all.count)...]), as: UTF8.self)
            }
            let (json, queryText) = AutoExplainText.split(body)
            entry.planJSON = json
            entry.sql = queryText
            if let queryText { entry.fingerprint = cache.entry(for: queryText) }
        case .bareDuration, .protocolStep, .other:
            break
        }
    }
}
