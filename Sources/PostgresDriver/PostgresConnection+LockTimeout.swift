import AdvisorCore

extension PostgresConnection {
    /// How long a statement of dbadvisor's waits for a table lock before failing, unless the
    /// session already has a `lock_timeout` (from the DSN's `options`, `PGOPTIONS` or the role).
    ///
    /// PostgreSQL's default is to wait forever: the catalog read (`pg_table_size`), EXPLAIN and
    /// `hypopg_create_index` take ACCESS SHARE on the tables, so a migration or VACUUM FULL holding
    /// ACCESS EXCLUSIVE would hang the advisor for as long as it runs.
    public static let defaultLockTimeout: Duration = .seconds(5)

    /// Sets `lock_timeout` for the session when it is still 0 (wait forever), in one round trip.
    /// Reading it from `pg_settings` keeps the statement out of the workload read from
    /// pg_stat_statements, which leaves out what reads the catalog.
    func limitLockWaits(to timeout: Duration) throws(DriverError) {
        _ = try executeOne(
            "SELECT set_config(name, $1, false) FROM pg_settings WHERE name = 'lock_timeout' AND setting = '0'",
            parameters: ["\(Self.milliseconds(timeout))ms"])
    }

    /// Whole milliseconds of `duration`, at least 1 (0 would mean no limit to the server).
    static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return max(1, parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
    }

    /// A lock timeout (SQLSTATE 55P03) says which tables other sessions hold exclusively and what to do.
    ///
    /// Asked on this connection once it is idle again, since an aborted transaction answers
    /// nothing but ROLLBACK; any other error, or a failed question, leaves `error` as it was.
    func explainingLockTimeout(_ error: DriverError) -> DriverError {
        guard error.sqlState == "55P03", isIdle else { return error }
        // ACCESS SHARE, which dbadvisor's reads take, conflicts with ACCESS EXCLUSIVE only.
        let holders = try? executeOne(
            """
            SELECT format('%s (process %s)', l.relation::regclass, l.pid) AS holder
            FROM pg_locks l
            WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted
              AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY l.relation::regclass::text, l.pid
            LIMIT 4
            """
        ).rows.compactMap { $0.first ?? nil }
        let setting = (try? executeOne("SHOW lock_timeout").rows.first?.first ?? nil) ?? "lock_timeout"
        var explained = error
        let names = holders ?? []
        let listed = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        let held = names.isEmpty ? "" : " (ACCESS EXCLUSIVE on \(listed))"
        explained.message =
            "\(error.message) after \(setting): another session holds a table lock\(held), as a migration,"
            + " VACUUM FULL or LOCK TABLE does; run again once it is released, or wait longer with"
            + " PGOPTIONS='-c lock_timeout=60s'"
        return explained
    }
}
