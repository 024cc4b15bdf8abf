import AdvisorCore
import Foundation

extension MySQLConnection {
    /// Rows `readSlowLogTable` reads at most unless told otherwise.
    public static let defaultSlowLogRowLimit = 1_000_000

    /// The statements `mysql.slow_log` (`log_output=TABLE`) recorded in the connected database,
    /// grouped by `fingerprint`, with per-thread sequences for N+1 detection.
    ///
    /// Only rows whose `db` (the statement's default database) is the connected database are read,
    /// and only workload statements are kept (`WorkloadStatementFilter`). Each group's sample is its
    /// slowest statement, its origin that row's start_time and thread. At most `maxRows` rows are
    /// read, and only those that started at or after `since` when given; a capped read says so in a
    /// diagnostic. The table has no index (CSV engine), so the server scans it once; rows are
    /// streamed, never held whole. Reading a log table does not block the server's writes to it
    /// (log tables take no locks that conflict with logging: MySQL WL#3984).
    ///
    /// Throws with the statements to run when nothing is logged to the table (`log_output` without
    /// TABLE, `slow_query_log` OFF) and with the GRANT to run when the role may not read it.
    public func readSlowLogTable(
        fingerprint: @escaping (String) -> Fingerprint, maxRows: Int = defaultSlowLogRowLimit, since: Date? = nil
    ) throws(DriverError) -> Workload {
        let database = try currentDatabase()
        let settings = try SlowLogSettings(query(SlowLogSettings.query).namedRows.first)
        let columns = try query(
            """
            SELECT LOWER(COLUMN_NAME) AS name FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'slow_log'
            """
        ).rows.compactMap { $0.first ?? nil }
        // MySQL's slow_log has no rows_affected (facts.md, MySQL and MariaDB §3).
        let hasRowsAffected = columns.contains("rows_affected")
        let limit = max(1, maxRows)
        var filter = "db = DATABASE()"
        if let since {
            filter += " AND start_time >= FROM_UNIXTIME(\(Figures.decimal(since.timeIntervalSince1970, places: 6)))"
        }
        // No ORDER BY: sorting would make the server read and sort every matching row before the
        // first one is sent. Rows come in the order they were logged; traces are ordered in Swift.
        let sql = """
            SELECT \(SlowLogRow.selectList(hasRowsAffected: hasRowsAffected))
            FROM mysql.slow_log WHERE \(filter) LIMIT \(limit + 1)
            """
        var aggregator = SlowLogAggregator(
            source: "mysql.slow_log on \(serverLabel)", database: database, fingerprint: fingerprint)
        var capped = false
        do {
            try streamRows(sql) { values in
                if aggregator.rowCount >= limit {
                    capped = true
                } else {
                    aggregator.add(values: values)
                }
            }
        } catch  where error.code.map(WorkloadSourceAdvice.accessDenied.contains) == true {
            throw DriverError(
                kind: error.kind, engine: engine, sqlState: error.sqlState, code: error.code,
                message: WorkloadSourceAdvice.missingSelect(
                    on: "mysql.slow_log", grantOn: "mysql.slow_log", account: currentAccount(),
                    serverMessage: error.message),
                server: serverLabel)
        }
        if aggregator.rowCount == 0 {
            if let why = settings.notLoggingToTable {
                throw DriverError(kind: .queryFailed, engine: engine, message: why, server: serverLabel)
            }
            aggregator.addDiagnostic(
                WorkloadDiagnostic(location: "mysql.slow_log", message: settings.nothingLogged(for: database)))
        } else if let why = settings.notLoggingToTable {
            aggregator.addDiagnostic(
                WorkloadDiagnostic(location: "mysql.slow_log", message: "these rows are from earlier: \(why)"))
        }
        if capped {
            aggregator.addDiagnostic(
                WorkloadDiagnostic(
                    location: "mysql.slow_log",
                    message: "read the first \(limit) rows of database \(database) (oldest first) and stopped; "
                        + "read a shorter window (since:), or empty the table with TRUNCATE mysql.slow_log "
                        + "before a capture"))
        }
        return aggregator.build()
    }
}
