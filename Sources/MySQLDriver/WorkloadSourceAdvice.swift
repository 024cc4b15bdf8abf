import AdvisorCore

/// The messages the server-side workload readers give when a source cannot be read, each naming
/// the statement or setting that fixes it. Pure, so states a shared test server cannot be put in
/// (performance_schema OFF needs a restart) are still tested.
enum WorkloadSourceAdvice {
    /// ER_TABLEACCESS_DENIED_ERROR ("SELECT command denied to user … for table …"),
    /// ER_DBACCESS_DENIED_ERROR and ER_COLUMNACCESS_DENIED_ERROR.
    static let accessDenied: Set<Int> = [1142, 1044, 1143]

    /// `'user'@'host'` from `CURRENT_USER()`'s `user@host` (the account the grants belong to).
    static func account(fromCurrentUser text: String?) -> String {
        guard let text, let at = text.lastIndex(of: "@") else { return "<the advisor's account>" }
        return "'\(text[..<at])'@'\(text[text.index(after: at)...])'"
    }

    /// The role may not read `object`: which GRANT fixes it.
    static func missingSelect(on object: String, grantOn: String, account: String, serverMessage: String) -> String {
        "the advisor's role cannot read \(object) (\(serverMessage)); an administrator can run "
            + "GRANT SELECT ON \(grantOn) TO \(account);"
    }

    /// performance_schema is OFF: it is a startup option, so only my.cnf and a restart turn it on.
    static func performanceSchemaOff(engine: Engine) -> String {
        let section = engine == .mariadb ? "[mariadbd]" : "[mysqld]"
        let note = engine == .mariadb ? " (OFF is MariaDB's default)" : ""
        return "performance_schema is OFF on this server\(note), so there are no statement digests: add "
            + "performance_schema=ON under \(section) in my.cnf and restart the server (it cannot be "
            + "switched on at runtime), or read the workload from mysql.slow_log or a slow log file instead"
    }

    /// The statements_digest consumer is disabled, so the digest table stays empty.
    static let digestConsumerDisabled =
        "the performance_schema consumer statements_digest is disabled, so no statement digests are collected: "
        + "run UPDATE performance_schema.setup_consumers SET ENABLED='YES' WHERE NAME='statements_digest'; "
        + "as an administrator (performance-schema-consumer-statements-digest=ON in my.cnf keeps it)"

    /// The statements that turn the statement history on; history and history_long are only filled
    /// while events_statements_current is on too (the consumer hierarchy in the MySQL manual,
    /// "Example Consumer Configurations"; measured on MariaDB 10.11).
    static let enableHistory =
        "UPDATE performance_schema.setup_consumers SET ENABLED='YES' "
        + "WHERE NAME IN ('events_statements_current', 'events_statements_history_long');"

    /// Groups that only have a digest's normalized text.
    static func normalizedTextOnly(historyEnabled: Bool, historySize: Int?) -> String {
        var message = "only the normalized DIGEST_TEXT (values replaced by ?) is known, which cannot be EXPLAINed; "
        if historyEnabled {
            let size = historySize.map { " (the last \($0) statements)" } ?? ""
            message +=
                "no execution of these digests is left in events_statements_history_long\(size): read again "
                + "while the application runs, or add mysql.slow_log or a slow log file for real statements"
        } else {
            message +=
                "the statement history that keeps real statements is off: run \(enableHistory) as an "
                + "administrator (performance-schema-consumer-events-statements-current=ON and "
                + "performance-schema-consumer-events-statements-history-long=ON in my.cnf keep it), "
                + "let the application run, then read again"
        }
        return message
    }

    /// The history consumers needed for `readStatementHistory` are off.
    static let historyDisabled =
        "events_statements_history_long is not being filled, so there are no per-connection statement "
        + "sequences: run \(enableHistory) as an administrator, let the application run, then read again"
}
