/// One row of `mysql.slow_log` as the slow-log reader selects it (facts.md, MySQL and MariaDB §3).
struct SlowLogRow: Equatable {
    /// `start_time` as the server prints it in the session time zone, for origins.
    var startTime: String
    /// `UNIX_TIMESTAMP(start_time)`: seconds since the epoch, with microseconds.
    var startEpoch: Double?
    var threadID: String
    var queryTimeMicroseconds: Int64
    var lockTimeMicroseconds: Int64
    var rowsSent: Int64
    var rowsExamined: Int64
    /// MariaDB only; MySQL's slow_log has no rows_affected column.
    var rowsAffected: Int64?
    var sqlText: String

    /// The select list `values(from:)` expects, in order; `rows_affected` only where the table has it.
    static func selectList(hasRowsAffected: Bool) -> String {
        """
        start_time AS start_time, UNIX_TIMESTAMP(start_time) AS start_epoch, thread_id AS thread_id,
        query_time AS query_time, lock_time AS lock_time, rows_sent AS rows_sent, rows_examined AS rows_examined,
        \(hasRowsAffected ? "rows_affected" : "NULL") AS rows_affected, sql_text AS sql_text
        """
    }

    /// A row from values in `selectList` order; `nil` when a NOT NULL column is missing or malformed.
    init?(values: [String?]) {
        guard values.count == 9, let start = values[0], let thread = values[2],
            let queryTime = values[3].flatMap(ServerDuration.microseconds(time:)),
            let lockTime = values[4].flatMap(ServerDuration.microseconds(time:)), let text = values[8]
        else { return nil }
        self.init(
            startTime: start, startEpoch: values[1].flatMap(Double.init), threadID: thread,
            queryTimeMicroseconds: queryTime, lockTimeMicroseconds: lockTime,
            rowsSent: values[5].flatMap { Int64($0) } ?? 0, rowsExamined: values[6].flatMap { Int64($0) } ?? 0,
            rowsAffected: values[7].flatMap { Int64($0) }, sqlText: text)
    }

    init(
        startTime: String, startEpoch: Double?, threadID: String, queryTimeMicroseconds: Int64,
        lockTimeMicroseconds: Int64, rowsSent: Int64, rowsExamined: Int64, rowsAffected: Int64?, sqlText: String
    ) {
        self.startTime = startTime
        self.startEpoch = startEpoch
        self.threadID = threadID
        self.queryTimeMicroseconds = queryTimeMicroseconds
        self.lockTimeMicroseconds = lockTimeMicroseconds
        self.rowsSent = rowsSent
        self.rowsExamined = rowsExamined
        self.rowsAffected = rowsAffected
        self.sqlText = sqlText
    }
}
