import AdvisorCore
import CLibPQ

extension PostgresConnection {
    /// Name of the prepared statement used to plan `$n` statements; deallocated after each use.
    static let preparedStatementName = "dbadvisor_stmt"

    /// `EXPLAIN (FORMAT JSON)` of `sql`, planned but never executed; `$n` statements get a generic plan.
    ///
    /// Safety rests on three things: no ANALYZE (the statement is only planned); a READ ONLY
    /// transaction that is always rolled back, with `statement_timeout`; and the extended protocol,
    /// which rejects `sql` holding a second statement.
    ///
    /// Writes need no exception: without ANALYZE, EXPLAIN starts the executor with
    /// EXEC_FLAG_EXPLAIN_ONLY and `standard_ExecutorStart` skips the read-only check for it
    /// (measured on 15.20: `EXPLAIN UPDATE …` succeeds after `BEGIN READ ONLY`). Permission checks
    /// still run, so planning an UPDATE needs the UPDATE privilege (SQLSTATE 42501 otherwise).
    public func explainJSON(_ sql: String) throws(DriverError) -> String {
        let milliseconds = Self.milliseconds(explainTimeout)
        var prepared = false
        let plan = Result { () throws(DriverError) -> String in
            try inRolledBackTransaction("BEGIN READ ONLY") { () throws(DriverError) -> String in
                _ = try executeOne("SET LOCAL statement_timeout = \(milliseconds)")
                guard Self.mentionsParameters(sql) else {
                    return try planText("EXPLAIN (FORMAT JSON) \(sql)")
                }
                // PG 15 has no EXPLAIN (GENERIC_PLAN); a prepared statement forced to its generic
                // plan is planned without the values, so the NULL arguments are never looked at.
                _ = try executeOne("SET LOCAL plan_cache_mode = force_generic_plan")
                let parameterCount = try prepare(Self.castingTypedLiteralParameters(sql))
                prepared = true
                let arguments = Array(repeating: "NULL", count: parameterCount).joined(separator: ", ")
                return try planText(
                    "EXPLAIN (FORMAT JSON) EXECUTE \(Self.preparedStatementName)"
                        + (parameterCount == 0 ? "" : "(\(arguments))"))
            }
        }
        // Prepared statements belong to the session, not the transaction: ROLLBACK keeps them.
        if prepared { _ = try? executeOne("DEALLOCATE \(Self.preparedStatementName)") }
        return try plan.get()
    }

    /// `true` when `sql` may hold a `$n` placeholder; the server then counts the real ones, so a
    /// `$1` inside a string literal merely costs a prepare.
    static func mentionsParameters(_ sql: String) -> Bool {
        sql.contains(/\$[0-9]/)
    }

    /// `interval $5` → `$5::interval`: pg_stat_statements replaces the string of a typed literal
    /// (`interval '30 days'`, `date '2025-01-18'`) by `$n` and leaves the type name before it, which is
    /// not valid SQL (syntax error at or near "$5"); a cast says the same and parses.
    static func castingTypedLiteralParameters(_ sql: String) -> String {
        sql.replacing(typedLiteralParameter) { match in "\(match.output.2)::\(match.output.1)" }
    }

    nonisolated(unsafe) private static let typedLiteralParameter =
        /(?i)\b(interval|date|timestamptz|timestamp(?:\s+with(?:out)?\s+time\s+zone)?|timetz|time(?:\s+with(?:out)?\s+time\s+zone)?|numeric|uuid|inet|jsonb?|bool(?:ean)?|text)\s+(\$[0-9]+)/

    /// Prepares `sql` under `preparedStatementName` and returns how many parameters it has.
    private func prepare(_ sql: String) throws(DriverError) -> Int {
        let connection = try liveHandle()
        // No parameter types given: the server infers each from its context (SQLSTATE 42P18 when it cannot).
        _ = try collect(PQprepare(connection, Self.preparedStatementName, sql, 0, nil), from: connection)
        let description = PQdescribePrepared(connection, Self.preparedStatementName)
        defer { PQclear(description) }
        guard let description, PQresultStatus(description) == PGRES_COMMAND_OK else {
            throw LibPQDiagnostics.queryError(description, connection: connection, server: serverLabel)
        }
        return Int(PQnparams(description))
    }

    /// The single text value EXPLAIN (FORMAT JSON) returns.
    private func planText(_ explain: String) throws(DriverError) -> String {
        let result = try executeOne(explain)
        guard let text = result.rows.first?.first ?? nil else {
            throw DriverError(
                kind: .queryFailed, engine: .postgres, message: "EXPLAIN returned no plan", server: serverLabel)
        }
        return text
    }
}
