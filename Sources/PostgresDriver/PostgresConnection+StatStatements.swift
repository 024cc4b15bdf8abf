import AdvisorCore
import CLibPQ

extension PostgresConnection {
    /// The statement groups pg_stat_statements recorded in the connected database, heaviest
    /// (total execution time) first, at most `limit` of them.
    ///
    /// Only top-level statements a workload runs are read: SELECT, INSERT, UPDATE, DELETE, MERGE,
    /// WITH, VALUES and TABLE. Utility statements (SET, BEGIN, VACUUM, DDL, EXPLAIN, PREPARE) and
    /// catalog or HypoPG queries, which is what dbadvisor itself sends, are left out by their text:
    /// pg_stat_statements keeps no application_name to tell them apart by.
    ///
    /// PostgresDriver does not parse SQL, so the caller supplies `fingerprint` (the CLI passes
    /// libpg_query's, so these groups merge with the ones read from logs). When it returns `nil`
    /// (or is left out) a group is identified as `pgss:<queryid>` with the normalized text.
    /// Groups that end up with the same fingerprint (one statement run by two roles) are merged.
    public func readStatStatements(
        limit: Int = 500, fingerprint: (String) -> Fingerprint? = { _ in nil }
    ) throws(DriverError) -> Workload {
        let version = try statStatementsVersion()
        let rows: [QueryResult.Row]
        do {
            rows = try executeOne(Self.statStatementsQuery(limit: max(1, limit))).namedRows
        } catch  where error.sqlState == "55000" {
            // "pg_stat_statements must be loaded via shared_preload_libraries" (object not in prerequisite state).
            throw statStatementsUnavailable("the extension exists in this database but the library is not preloaded")
        }
        var workload = Workload(sources: ["pg_stat_statements \(version) on \(serverLabel)"])
        let database = PQdb(try liveHandle()).map { String(cString: $0) }
        for row in rows {
            guard let queryID = row["queryid"], let text = row["query"] else { continue }
            let group = QueryGroup(
                fingerprint: fingerprint(text) ?? Fingerprint(id: "pgss:\(queryID)", normalized: text),
                sampleText: text, calls: row.int("calls") ?? 0, totalTimeMs: row.double("total_exec_time") ?? 0,
                minTimeMs: row.double("min_exec_time"), maxTimeMs: row.double("max_exec_time"),
                rows: row["rows"].flatMap { Int64($0) }, database: database,
                origins: ["pg_stat_statements queryid \(queryID)"])
            workload = workload.merged(with: Workload(groups: [group]))
        }
        let hidden = try executeOne(Self.hiddenStatementsQuery).namedRows.first?.int("n") ?? 0
        if hidden > 0 {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: "pg_stat_statements",
                    message: "statement text of other roles is hidden (<insufficient privilege>); "
                        + "GRANT pg_read_all_stats TO the advisor's role to include it",
                    count: hidden))
        }
        return workload.sorted()
    }

    /// The installed extension's version, or an error that says how to install it.
    private func statStatementsVersion() throws(DriverError) -> String {
        let result = try executeOne("SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'")
        guard let version = result.rows.first?.first ?? nil else {
            throw statStatementsUnavailable("the extension is not installed in this database")
        }
        return version
    }

    private func statStatementsUnavailable(_ why: String) -> DriverError {
        DriverError(
            kind: .queryFailed, engine: .postgres,
            message: "pg_stat_statements is not available (\(why)): add pg_stat_statements to "
                + "shared_preload_libraries in postgresql.conf, restart the server, then run "
                + "CREATE EXTENSION pg_stat_statements; in this database (or pass the workload with --log / --workload)",
            server: serverLabel)
    }

    /// Statement text may start with comments; the first keyword decides whether it is workload.
    /// `\m`/`\M` are word boundaries in PostgreSQL's regular expressions (ARE).
    static func statStatementsQuery(limit: Int) -> String {
        """
        SELECT s.queryid, s.query, s.calls, s.total_exec_time, s.min_exec_time, s.max_exec_time, s.rows
        FROM pg_stat_statements s
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND s.toplevel
          AND s.calls > 0
          AND s.query ~* '^(\\s|/\\*.*?\\*/|--[^\\n]*\\n)*\\(*\\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH|VALUES|TABLE)\\M'
          AND s.query !~* '(hypopg|\\mpg_catalog\\.|\\minformation_schema\\.|\\mpg_(class|namespace|attribute|index|stats|stat_[a-z_]+|am|depend|constraint|database|extension|settings|roles|proc|type)\\M)'
        ORDER BY s.total_exec_time DESC, s.queryid
        LIMIT \(limit)
        """
    }

    /// Rows whose text the role may not read (pg_read_all_stats is missing).
    static let hiddenStatementsQuery = """
        SELECT count(*) AS n FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query = '<insufficient privilege>'
        """
}
