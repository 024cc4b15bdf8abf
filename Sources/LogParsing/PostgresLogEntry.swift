/// One PostgreSQL log event, whatever the log format: a stderr line with its continuation lines,
/// a csv record or a json object.
struct PostgresLogEntry {
    /// Line of the event's first byte, for origins and diagnostics.
    var line: Int
    /// Seconds since the epoch, when the format gave a time.
    var time: Double?
    /// Connection key: backend pid, plus the session id when the format has one.
    var session: String
    var database: String?
    var severity: LogSeverity
    /// The message bytes (multi-line messages joined with `\n`). Empty for events that cannot
    /// carry workload, so their text is never copied.
    var message: [UInt8]
    /// csv/json `detail` (stderr logs it as its own DETAIL event).
    var detail: [UInt8]?
}
