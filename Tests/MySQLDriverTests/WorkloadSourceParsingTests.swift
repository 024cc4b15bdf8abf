import AdvisorCore
import Testing

@testable import MySQLDriver

/// The pure parts of the server-side workload readers: conversions, filters, messages, estimators.
@Suite("Workload source parsing")
struct WorkloadSourceParsingTests {
    @Test func slowLogTimesConvertToExactMilliseconds() {
        #expect(ServerDuration.microseconds(time: "00:00:12.000215") == 12_000_215)
        #expect(ServerDuration.milliseconds(time: "00:00:00.019460") == 19.46)
        #expect(ServerDuration.microseconds(time: "838:59:59.000000") == 3_020_399_000_000)
        #expect(ServerDuration.microseconds(time: "00:01:02.5") == 62_500_000)
        #expect(ServerDuration.microseconds(time: "00:00:03") == 3_000_000)
        #expect(ServerDuration.microseconds(time: "00:61:00") == nil)
        #expect(ServerDuration.microseconds(time: "1.5") == nil)
        #expect(ServerDuration.microseconds(time: "00:00:00.1234567") == nil)
    }

    @Test func picosecondTimersConvertToMillisecondsWithoutLosingDigits() {
        #expect(ServerDuration.milliseconds(picoseconds: "424981000") == 0.424981)
        #expect(ServerDuration.milliseconds(picoseconds: "0") == 0)
        // 2^63 ps: beyond Double's exact integers, the whole milliseconds still come out right.
        #expect(ServerDuration.milliseconds(picoseconds: "9223372036854775808") == 9_223_372_036.854776)
        #expect(ServerDuration.milliseconds(picoseconds: "-1") == nil)
    }

    @Test func onlyApplicationStatementsCountAsWorkload() {
        #expect(WorkloadStatementFilter.isWorkload("SELECT * FROM orders WHERE id = 1"))
        #expect(WorkloadStatementFilter.isWorkload("  /* app */ (SELECT 1) UNION (SELECT 2)"))
        #expect(WorkloadStatementFilter.isWorkload("SELECT * FROM users WHERE email = 'ops@mysql.com'"))
        #expect(WorkloadStatementFilter.isWorkload("UPDATE mysql_users SET a = 1"))
        #expect(!WorkloadStatementFilter.isWorkload("SET timestamp=1795357833"))
        #expect(!WorkloadStatementFilter.isWorkload("SHOW TABLES"))
        #expect(!WorkloadStatementFilter.isWorkload("EXPLAIN FORMAT=JSON SELECT 1"))
        #expect(!WorkloadStatementFilter.isWorkload("SELECT * FROM mysql.slow_log WHERE db = DATABASE()"))
        #expect(!WorkloadStatementFilter.isWorkload("SELECT COUNT ( * ) FROM `performance_schema` . `threads`"))
        #expect(!WorkloadStatementFilter.isWorkload("select column_name from INFORMATION_SCHEMA.COLUMNS"))
        #expect(!WorkloadStatementFilter.isWorkload("SELECT VERSION()"))
        #expect(!WorkloadStatementFilter.isWorkload("SELECT DATABASE() AS db"))
    }

    @Test func slowLogSettingsSayExactlyWhatToSet() {
        let fileOnly = SlowLogSettings(logOutput: "FILE", slowQueryLog: true, longQueryTime: 10)
        #expect(!fileOnly.writesTable)
        #expect(
            fileOnly.notLoggingToTable
                == "mysql.slow_log receives no statements: log_output is 'FILE' (no TABLE); run "
                + "SET GLOBAL log_output = 'FILE,TABLE'; SET GLOBAL long_query_time = 0; as an administrator, "
                + "let the application run, then read again (add the settings to my.cnf to keep them after a restart)")
        let off = SlowLogSettings(logOutput: "NONE,TABLE", slowQueryLog: false, longQueryTime: 0)
        #expect(off.enablingStatements == ["SET GLOBAL log_output = 'TABLE';", "SET GLOBAL slow_query_log = ON;"])
        #expect(off.notLoggingToTable?.contains("slow_query_log is OFF and log_output is 'NONE,TABLE'") == true)
        #expect(off.notLoggingToTable?.contains("long_query_time") == false)
        let on = SlowLogSettings(logOutput: "FILE,TABLE", slowQueryLog: true, longQueryTime: 0.5)
        #expect(on.writesTable && on.notLoggingToTable == nil)
        #expect(
            on.nothingLogged(for: "shop")
                == "no statement run in database shop is in mysql.slow_log; only statements slower than "
                + "long_query_time = 0.5 s are logged: run SET GLOBAL long_query_time = 0; while capturing a "
                + "workload (new connections pick it up)")
    }

    @Test func settingsAreReadFromTheServersRow() {
        let row = QueryResult(
            columns: ["log_output", "slow_query_log", "long_query_time"], rows: [["TABLE", "1", "0.010000"]]
        ).namedRows.first
        #expect(SlowLogSettings(row) == SlowLogSettings(logOutput: "TABLE", slowQueryLog: true, longQueryTime: 0.01))
        #expect(SlowLogSettings(nil).writesTable == false)
    }

    @Test func sourceMessagesNameTheFix() {
        #expect(WorkloadSourceAdvice.account(fromCurrentUser: "advisor@%") == "'advisor'@'%'")
        #expect(WorkloadSourceAdvice.account(fromCurrentUser: "a@b@127.0.0.1") == "'a@b'@'127.0.0.1'")
        let off = WorkloadSourceAdvice.performanceSchemaOff(engine: .mariadb)
        #expect(off.contains("(OFF is MariaDB's default)"))
        #expect(off.contains("add performance_schema=ON under [mariadbd] in my.cnf and restart the server"))
        #expect(WorkloadSourceAdvice.performanceSchemaOff(engine: .mysql).contains("under [mysqld]"))
        let normalized = WorkloadSourceAdvice.normalizedTextOnly(historyEnabled: false, historySize: nil)
        #expect(normalized.contains("cannot be EXPLAINed"))
        #expect(
            normalized.contains(
                "UPDATE performance_schema.setup_consumers SET ENABLED='YES' "
                    + "WHERE NAME IN ('events_statements_current', 'events_statements_history_long');"))
        #expect(
            WorkloadSourceAdvice.normalizedTextOnly(historyEnabled: true, historySize: 1000)
                .contains("events_statements_history_long (the last 1000 statements)"))
    }

    @Test func consumersFollowTheirHierarchy() {
        var consumers = StatementConsumers(
            enabled: [
                "global_instrumentation", "thread_instrumentation", "statements_digest",
                "events_statements_history_long",
            ])
        #expect(consumers.digestsCollected)
        #expect(!consumers.historyLongCollected)  // events_statements_current is off
        consumers.enabled.insert("events_statements_current")
        #expect(consumers.historyLongCollected && !consumers.historyCollected)
        consumers.enabled.remove("global_instrumentation")
        #expect(!consumers.digestsCollected && !consumers.historyLongCollected)
        let read = StatementConsumers(
            QueryResult(
                columns: ["name", "enabled"], rows: [["statements_digest", "YES"], ["events_waits_current", "NO"]]))
        #expect(read.enabled == ["statements_digest"])
    }
}
