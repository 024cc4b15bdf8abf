import AdvisorCore

/// One row of `performance_schema.events_statements_summary_by_digest` (facts.md, MySQL and
/// MariaDB §3): one normalized statement in one schema, with timers in picoseconds and counters
/// summed over COUNT_STAR executions.
struct StatementDigest: Equatable {
    var digest: String
    /// The normalized text, values replaced by `?` (MariaDB also spaces tokens: `COUNT ( * )`).
    var digestText: String
    var calls: Int
    var totalTimeMs: Double
    var minTimeMs: Double?
    var maxTimeMs: Double?
    var lockTimeMs: Double?
    var rowsAffected: Int64?
    var rowsSent: Int64?
    var rowsExamined: Int64?
    var tmpDiskTables: Int64?
    var selectFullJoin: Int64?
    var selectScan: Int64?
    var noIndexUsed: Int64?
    var sortScan: Int64?
    var sortRange: Int64?
    /// MySQL 8.0.3+ QUERY_SAMPLE_TEXT: a real statement of the digest; MariaDB has none.
    var querySampleText: String?

    /// The select list `init?(_:)` reads; QUERY_SAMPLE_TEXT only where the table has it.
    static func selectList(hasQuerySampleText: Bool) -> String {
        """
        DIGEST AS digest, DIGEST_TEXT AS digest_text, COUNT_STAR AS count_star,
        SUM_TIMER_WAIT AS sum_timer_wait, MIN_TIMER_WAIT AS min_timer_wait, MAX_TIMER_WAIT AS max_timer_wait,
        SUM_LOCK_TIME AS sum_lock_time, SUM_ROWS_AFFECTED AS sum_rows_affected, SUM_ROWS_SENT AS sum_rows_sent,
        SUM_ROWS_EXAMINED AS sum_rows_examined, SUM_CREATED_TMP_DISK_TABLES AS sum_created_tmp_disk_tables,
        SUM_SELECT_FULL_JOIN AS sum_select_full_join, SUM_SELECT_SCAN AS sum_select_scan,
        SUM_NO_INDEX_USED AS sum_no_index_used, SUM_SORT_SCAN AS sum_sort_scan, SUM_SORT_RANGE AS sum_sort_range,
        \(hasQuerySampleText ? "QUERY_SAMPLE_TEXT" : "NULL") AS query_sample_text
        """
    }

    init?(_ row: QueryResult.Row) {
        guard let digest = row["digest"], let text = row["digest_text"], let calls = row.int("count_star"),
            let total = row["sum_timer_wait"].flatMap(ServerDuration.milliseconds(picoseconds:))
        else { return nil }
        func count(_ name: String) -> Int64? { row[name].flatMap { Int64($0) } }
        self.digest = digest
        digestText = text
        self.calls = calls
        totalTimeMs = total
        minTimeMs = row["min_timer_wait"].flatMap(ServerDuration.milliseconds(picoseconds:))
        maxTimeMs = row["max_timer_wait"].flatMap(ServerDuration.milliseconds(picoseconds:))
        lockTimeMs = row["sum_lock_time"].flatMap(ServerDuration.milliseconds(picoseconds:))
        rowsAffected = count("sum_rows_affected")
        rowsSent = count("sum_rows_sent")
        rowsExamined = count("sum_rows_examined")
        tmpDiskTables = count("sum_created_tmp_disk_tables")
        selectFullJoin = count("sum_select_full_join")
        selectScan = count("sum_select_scan")
        noIndexUsed = count("sum_no_index_used")
        sortScan = count("sum_sort_scan")
        sortRange = count("sum_sort_range")
        querySampleText = row["query_sample_text"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The counters as executions. The server counts events, some of which can happen more than
    /// once per statement (two scanned tables, two sorts), so each is capped at COUNT_STAR.
    /// A full scan is SUM_NO_INDEX_USED (statements that read some table without an index, a full
    /// join included) or SUM_SELECT_SCAN (scans of a join's first table), whichever is larger.
    var counters: ExecutionCounters {
        func executions(_ value: Int64?) -> Int? { value.map { Int(min(Int64(calls), max(0, $0))) } }
        let scans: Int64? =
            switch (noIndexUsed, selectScan) {
            case (nil, nil): nil
            case (let a, let b): max(a ?? 0, b ?? 0)
            }
        let sorts: Int64? =
            switch (sortScan, sortRange) {
            case (nil, nil): nil
            case (let a, let b): (a ?? 0) + (b ?? 0)
            }
        return ExecutionCounters(
            calls: calls, rowsExamined: rowsExamined, rowsSent: rowsSent, rowsAffected: rowsAffected,
            lockTimeMs: lockTimeMs, fullScans: executions(scans), fullJoins: executions(selectFullJoin),
            filesorts: executions(sorts), tmpDiskTables: executions(tmpDiskTables))
    }
}
