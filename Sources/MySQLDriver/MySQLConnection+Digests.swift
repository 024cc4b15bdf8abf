import AdvisorCore

extension MySQLConnection {
    /// Digests `readStatementDigests` reads at most unless told otherwise (heaviest first).
    public static let defaultDigestLimit = 1000

    /// The statement digests performance_schema summed up for the connected database
    /// (`events_statements_summary_by_digest`), heaviest total time first, at most `limit`.
    ///
    /// Timers are picoseconds, converted to ms; the SUM_* counters fill `QueryGroup.counters`.
    /// Each group's sample is a real statement where one is known: MySQL 8's QUERY_SAMPLE_TEXT
    /// (found by its column, not by version), else the slowest execution of the digest still in
    /// `events_statements_history_long` or `events_statements_history`. Otherwise the sample is the
    /// normalized DIGEST_TEXT, its origin says "normalized text only" and a diagnostic says how to
    /// turn the history on: such text has `?` for values and cannot be EXPLAINed.
    /// Groups are keyed by `fingerprint` of the sample, so they merge with slow-log groups; the
    /// DIGEST stays in the origins.
    ///
    /// Throws with the fix when performance_schema is OFF (a restart is needed), when the
    /// statements_digest consumer is off, or when the role may not read performance_schema.
    public func readStatementDigests(
        limit: Int = defaultDigestLimit, fingerprint: @escaping (String) -> Fingerprint
    ) throws(DriverError) -> Workload {
        let database = try currentDatabase()
        let consumers = try statementConsumers()
        guard consumers.digestsCollected else { throw sourceUnavailable(WorkloadSourceAdvice.digestConsumerDisabled) }
        let hasSampleText =
            try query(
                """
                SELECT COUNT(*) AS n FROM information_schema.COLUMNS
                WHERE TABLE_SCHEMA = 'performance_schema' AND TABLE_NAME = 'events_statements_summary_by_digest'
                  AND COLUMN_NAME = 'QUERY_SAMPLE_TEXT'
                """
            ).namedRows.first?.int("n") ?? 0 > 0
        let sizes = try query(
            """
            SELECT @@performance_schema_max_sql_text_length AS max_text,
                   @@performance_schema_events_statements_history_long_size AS history_long_size
            """
        ).namedRows.first
        let maxTextBytes = sizes?.int("max_text")
        let bounded = max(1, limit)
        let digests = try performanceSchemaQuery(
            """
            SELECT \(StatementDigest.selectList(hasQuerySampleText: hasSampleText))
            FROM performance_schema.events_statements_summary_by_digest
            WHERE SCHEMA_NAME = DATABASE() AND COUNT_STAR > 0
            ORDER BY SUM_TIMER_WAIT DESC, DIGEST
            LIMIT \(bounded)
            """
        ).namedRows.compactMap(StatementDigest.init)
        let historyCollected = consumers.historyLongCollected || consumers.historyCollected
        var samples: [String: String] = [:]
        if historyCollected, digests.contains(where: { $0.querySampleText == nil }) {
            let history = try performanceSchemaQuery(HistoryStatement.query).namedRows.compactMap(HistoryStatement.init)
            samples = DigestWorkloadAssembler.samples(from: history, maxTextBytes: maxTextBytes)
        }
        var workload = DigestWorkloadAssembler.workload(
            digests: digests, samples: samples, maxTextBytes: maxTextBytes, database: database,
            source: "performance_schema.events_statements_summary_by_digest on \(serverLabel)",
            historyCollected: historyCollected, historySize: sizes?.int("history_long_size"), fingerprint: fingerprint)
        let location = "performance_schema.events_statements_summary_by_digest"
        if digests.isEmpty {
            workload.diagnostics.append(
                WorkloadDiagnostic(location: location, message: "no statement digest for database \(database) yet"))
        } else if digests.count == bounded {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: location, message: "read the \(bounded) heaviest digests of database \(database) only"))
        }
        // The digest table holds performance_schema_digests_size rows; statements that find it full
        // are counted in one row with a NULL DIGEST (and no schema).
        let lost =
            try performanceSchemaQuery(
                """
                SELECT COALESCE(SUM(COUNT_STAR), 0) AS n FROM performance_schema.events_statements_summary_by_digest
                WHERE DIGEST IS NULL
                """
            ).namedRows.first?.int("n") ?? 0
        if lost > 0 {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: location,
                    message: "the digest table is full (performance_schema_digests_size), so later statements of all "
                        + "databases were counted without a digest; TRUNCATE "
                        + "performance_schema.events_statements_summary_by_digest starts a fresh capture",
                    count: lost))
        }
        return workload
    }

    /// Per-connection statement sequences of the connected database from
    /// `events_statements_history_long` and `events_statements_history` (for N+1 detection), one
    /// trace per performance_schema THREAD_ID in EVENT_ID order, fingerprinted like the digests.
    ///
    /// Returns sessions only (no groups: `readStatementDigests` counts the same executions).
    /// The history is a ring of the server's last statements
    /// (`performance_schema_events_statements_history_long_size`), so read it while the
    /// application runs. Throws with the fix when performance_schema is OFF, when the history
    /// consumers are off, or when the role may not read performance_schema.
    public func readStatementHistory(fingerprint: @escaping (String) -> Fingerprint) throws(DriverError) -> Workload {
        _ = try currentDatabase()
        let consumers = try statementConsumers()
        guard consumers.historyLongCollected || consumers.historyCollected else {
            throw sourceUnavailable(WorkloadSourceAdvice.historyDisabled)
        }
        let history = try performanceSchemaQuery(HistoryStatement.query).namedRows.compactMap(HistoryStatement.init)
        let now = try query("SELECT UNIX_TIMESTAMP(NOW(6)) AS now").namedRows.first?.double("now")
        let uptime = try query("SHOW GLOBAL STATUS LIKE 'Uptime'").namedRows.first?.double("Value")
        var memo = FingerprintMemo(fingerprint)
        let sessions = DigestWorkloadAssembler.sessions(
            from: history, serverStartEpoch: now.flatMap { now in uptime.map { now - $0 } }, fingerprint: &memo)
        var workload = Workload(
            sessions: sessions, sources: ["performance_schema statement history on \(serverLabel)"])
        if !consumers.historyLongCollected {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: "performance_schema.events_statements_history",
                    message: "only the last statements of each open connection are kept; "
                        + WorkloadSourceAdvice.enableHistory + " keeps the server's recent statements"))
        }
        return workload
    }

    // MARK: - Private

    /// The consumers, after checking that performance_schema is on at all.
    private func statementConsumers() throws(DriverError) -> StatementConsumers {
        // Without performance_schema compiled in, the variable does not exist (ER_UNKNOWN_SYSTEM_VARIABLE).
        let on: Bool
        do {
            on = try query("SELECT @@performance_schema AS on_").namedRows.first?.bool("on_") ?? false
        } catch  where error.kind == .queryFailed {
            on = false
        }
        guard on else { throw sourceUnavailable(WorkloadSourceAdvice.performanceSchemaOff(engine: engine)) }
        return StatementConsumers(try performanceSchemaQuery(StatementConsumers.query))
    }

    /// A query of performance_schema whose access-denied error becomes the GRANT to run.
    private func performanceSchemaQuery(_ sql: String) throws(DriverError) -> QueryResult {
        do {
            return try query(sql)
        } catch  where error.code.map(WorkloadSourceAdvice.accessDenied.contains) == true {
            throw DriverError(
                kind: error.kind, engine: engine, sqlState: error.sqlState, code: error.code,
                message: WorkloadSourceAdvice.missingSelect(
                    on: "performance_schema", grantOn: "performance_schema.*", account: currentAccount(),
                    serverMessage: error.message),
                server: serverLabel)
        }
    }

    private func sourceUnavailable(_ message: String) -> DriverError {
        DriverError(kind: .queryFailed, engine: engine, message: message, server: serverLabel)
    }
}
