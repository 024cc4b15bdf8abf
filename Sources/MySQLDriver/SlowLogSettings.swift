import AdvisorCore
import Foundation

/// The server variables that decide whether statements reach `mysql.slow_log`, and what to SET
/// when they do not. Pure, so every message is testable without changing a shared server.
///
/// `log_output` (FILE, TABLE, NONE, or a list; NONE wins) and `slow_query_log` are global only;
/// `long_query_time` is copied into each new session, so the global value is what the
/// application's connections log with (MariaDB "Writing Logs Into Tables", MySQL "Selecting
/// General Query Log and Slow Query Log Output Destinations").
struct SlowLogSettings: Equatable {
    /// `@@GLOBAL.log_output`, e.g. `FILE,TABLE`.
    var logOutput: String
    /// `@@GLOBAL.slow_query_log`.
    var slowQueryLog: Bool
    /// `@@GLOBAL.long_query_time` in seconds.
    var longQueryTime: Double

    /// The query that reads the three variables.
    static let query = """
        SELECT @@GLOBAL.log_output AS log_output, @@GLOBAL.slow_query_log AS slow_query_log,
               @@GLOBAL.long_query_time AS long_query_time
        """

    init(logOutput: String, slowQueryLog: Bool, longQueryTime: Double) {
        self.logOutput = logOutput
        self.slowQueryLog = slowQueryLog
        self.longQueryTime = longQueryTime
    }

    /// The settings from the row of `query`; a missing value reads as "not logging".
    init(_ row: QueryResult.Row?) {
        self.init(
            logOutput: row?["log_output"] ?? "", slowQueryLog: row?.bool("slow_query_log") ?? false,
            longQueryTime: row?.double("long_query_time") ?? 10)
    }

    private var destinations: Set<String> {
        Set(logOutput.uppercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Whether slow statements are written to the table now.
    var writesTable: Bool { slowQueryLog && destinations.contains("TABLE") && !destinations.contains("NONE") }

    /// What to run so statements reach the table: only the statements that are missing.
    var enablingStatements: [String] {
        var statements: [String] = []
        if !destinations.contains("TABLE") || destinations.contains("NONE") {
            let keepFile = destinations.contains("FILE") && !destinations.contains("NONE")
            statements.append("SET GLOBAL log_output = '\(keepFile ? "FILE,TABLE" : "TABLE")';")
        }
        if !slowQueryLog { statements.append("SET GLOBAL slow_query_log = ON;") }
        return statements
    }

    /// Why the table receives no statements and what to SET, or `nil` when it does.
    var notLoggingToTable: String? {
        guard !writesTable else { return nil }
        var why: [String] = []
        if !slowQueryLog { why.append("slow_query_log is OFF") }
        if !destinations.contains("TABLE") || destinations.contains("NONE") {
            why.append("log_output is '\(logOutput)' (no TABLE)")
        }
        return "mysql.slow_log receives no statements: \(why.joined(separator: " and ")); run "
            + (enablingStatements + captureAllStatement).joined(separator: " ")
            + " as an administrator, let the application run, then read again "
            + "(add the settings to my.cnf to keep them after a restart)"
    }

    /// `long_query_time` advice when not every statement is logged (N+1 evidence needs the fast ones).
    var captureAllStatement: [String] {
        longQueryTime > 0 ? ["SET GLOBAL long_query_time = 0;"] : []
    }

    /// Why nothing of `database` is in the table although logging is on.
    func nothingLogged(for database: String) -> String {
        var message = "no statement run in database \(database) is in mysql.slow_log"
        if longQueryTime > 0 {
            message +=
                "; only statements slower than long_query_time = \(longQueryTime) s are logged: run "
                + "SET GLOBAL long_query_time = 0; while capturing a workload (new connections pick it up)"
        }
        return message
    }
}
