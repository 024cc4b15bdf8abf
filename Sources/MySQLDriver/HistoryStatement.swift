import AdvisorCore

/// One finished statement from `performance_schema.events_statements_history_long` or
/// `events_statements_history`: real text, its digest, and when it ran on which thread.
struct HistoryStatement: Equatable {
    /// performance_schema's THREAD_ID (not the processlist id the slow log records).
    var threadID: Int64
    /// Increases with each event of the thread, so it orders the thread's statements.
    var eventID: Int64
    /// Picoseconds since the server's timers started (server start).
    var timerStart: UInt64?
    var durationMs: Double
    var rowsSent: Int64?
    var rowsAffected: Int64?
    var digest: String?
    var sqlText: String

    /// Both history tables, top-level statements of the current database only: a statement run
    /// inside a stored program has a statement as its NESTING_EVENT_TYPE; a top-level one has none,
    /// or a transaction where transaction events are instrumented.
    static let query = """
        SELECT THREAD_ID AS thread_id, EVENT_ID AS event_id, TIMER_START AS timer_start, TIMER_WAIT AS timer_wait,
               ROWS_SENT AS rows_sent, ROWS_AFFECTED AS rows_affected, DIGEST AS digest, SQL_TEXT AS sql_text
        FROM performance_schema.events_statements_history_long
        WHERE CURRENT_SCHEMA = DATABASE() AND SQL_TEXT IS NOT NULL
          AND (NESTING_EVENT_TYPE IS NULL OR NESTING_EVENT_TYPE <> 'STATEMENT')
        UNION ALL
        SELECT THREAD_ID, EVENT_ID, TIMER_START, TIMER_WAIT, ROWS_SENT, ROWS_AFFECTED, DIGEST, SQL_TEXT
        FROM performance_schema.events_statements_history
        WHERE CURRENT_SCHEMA = DATABASE() AND SQL_TEXT IS NOT NULL
          AND (NESTING_EVENT_TYPE IS NULL OR NESTING_EVENT_TYPE <> 'STATEMENT')
        """

    init?(_ row: QueryResult.Row) {
        guard let thread = row["thread_id"].flatMap({ Int64($0) }), let event = row["event_id"].flatMap({ Int64($0) }),
            let text = row["sql_text"]
        else { return nil }
        threadID = thread
        eventID = event
        timerStart = row["timer_start"].flatMap { UInt64($0) }
        durationMs = row["timer_wait"].flatMap(ServerDuration.milliseconds(picoseconds:)) ?? 0
        rowsSent = row["rows_sent"].flatMap { Int64($0) }
        rowsAffected = row["rows_affected"].flatMap { Int64($0) }
        digest = row["digest"]
        sqlText = text
    }

    init(
        threadID: Int64, eventID: Int64, timerStart: UInt64?, durationMs: Double, rowsSent: Int64? = nil,
        rowsAffected: Int64? = nil, digest: String?, sqlText: String
    ) {
        self.threadID = threadID
        self.eventID = eventID
        self.timerStart = timerStart
        self.durationMs = durationMs
        self.rowsSent = rowsSent
        self.rowsAffected = rowsAffected
        self.digest = digest
        self.sqlText = sqlText
    }

    /// Whether the server may have cut the text: SQL_TEXT keeps at most
    /// `performance_schema_max_sql_text_length` bytes (1024 by default on both engines).
    func mayBeTruncated(maxTextBytes: Int?) -> Bool {
        Self.mayBeTruncated(sqlText, maxTextBytes: maxTextBytes)
    }

    /// Whether `text` (SQL_TEXT or MySQL's QUERY_SAMPLE_TEXT, cut at the same length) may be cut short.
    static func mayBeTruncated(_ text: String, maxTextBytes: Int?) -> Bool {
        guard let maxTextBytes else { return false }
        return text.utf8.count >= maxTextBytes
    }
}
