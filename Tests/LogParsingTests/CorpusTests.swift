import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// pgbadger's PostgreSQL log fixtures: every one reads without crash, with the counts its README gives.
struct CorpusTests {
    @Test(arguments: Corpus.pgbadgerFiles)
    func everyPgbadgerFixtureReadsWithoutCrashing(_ name: String) throws {
        let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger(name))
        #expect(workload.sources.count == 1)
        for group in workload.groups { #expect(group.calls > 0) }
    }

    @Test func formatsAndPrefixesAreDetectedFromContent() throws {
        let expected: [String: String] = [
            "light.postgres.log":
                "PostgreSQL stderr log, log_line_prefix '%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h '",
            "begin_end.log": "PostgreSQL stderr log, log_line_prefix '%t [%p]: db=%d,user=%u,app=%a,client=%h '",
            "multiline_param.log": "PostgreSQL stderr log, log_line_prefix '%m [%p] user=%u,db=%d '",
            "queryid.log": "PostgreSQL stderr log, log_line_prefix '%m [%p] [queryid=%Q] %q%u@%d '",
            "tempfile_only.log": "PostgreSQL stderr log, log_line_prefix '%t [%p]: [%l-1] user=%u,db=%d '",
            "pg-timezones.log": "PostgreSQL stderr log, log_line_prefix '%t:%r:%u@%d:[%p]:'",
            "anonymize.log": "PostgreSQL csvlog",
            "weeknumber.log": "PostgreSQL csvlog",
            "csv_statement_without_duration.log": "PostgreSQL csvlog",
            "pg_vacuums.json": "PostgreSQL jsonlog",
            "cnpg.log": "PostgreSQL jsonlog",
        ]
        for (name, format) in expected {
            let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger(name))
            #expect(workload.sources.first?.hasSuffix("(\(format))") == true, "\(name): \(workload.sources)")
        }
    }

    @Test func everyDurationLineOfLightPostgresLogIsOneCall() throws {
        let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("light.postgres.log"))
        #expect(workload.calls == 629)
        #expect(workload.diagnostics.isEmpty)
        #expect(workload.groups.allSatisfy { $0.database == "postgres" })
        #expect(workload.sessions.reduce(0) { $0 + $1.events.count } == 629)
    }

    @Test func durationCountsMatchTheFixtures() throws {
        // Executions only: `parse`/`bind` duration lines are protocol steps of an `execute`.
        let calls: [String: Int] = [
            "anonymize.log": 5, "weeknumber.log": 6, "multiline_param.log": 5, "queryid.log": 20,
            "stmt_type.log": 12, "tempfile_only.log": 65, "pg-timezones.log": 2, "postgresql_param_range.log": 3,
            "cnpg.log": 400, "begin_end.log": 0,
        ]
        for (name, expected) in calls {
            let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger(name))
            #expect(workload.calls == expected, "\(name)")
        }
    }

    @Test func csvStatementWithoutDurationKeepsTheLoggedDuration() throws {
        let workload = try WorkloadReader.readPostgresLog(
            path: try Corpus.pgbadger("csv_statement_without_duration.log"))
        #expect(workload.calls == 2)
        let slow = try #require(workload.group("slow_table"))
        #expect(slow.totalTimeMs == 688786.283)
        #expect(slow.maxTimeMs == 688786.283)
        #expect(slow.database == "example_db")
        let health = try #require(workload.group("health_check"))
        #expect(health.calls == 1)
        #expect(health.totalTimeMs == 0)
        #expect(health.minTimeMs == nil)
    }

    @Test func multiLineBindParametersAreSubstitutedIntoTheSample() throws {
        let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("multiline_param.log"))
        let group = try #require(workload.group("pg_catalog.pg_type"))
        #expect(group.calls == 2)
        #expect(
            group.sampleText.hasSuffix(
                "(t.typnamespace = '1234') AND (t.typname = 'njchar\nhello') AND t.test = 'aaaa'"))
        #expect(group.totalTimeMs == 0.215 + 0.131)
        #expect(workload.diagnostics.isEmpty)
    }

    @Test func typedParametersKeepTheirCast() throws {
        let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("postgresql_param_range.log"))
        let group = try #require(workload.groups.first)
        #expect(group.sampleText.contains("&& '[2023-02-23T00:00,2023-02-24T00:00]'::tsrange"))
    }

    @Test func vacuumLogsHaveNoWorkloadAndNothingUnparsed() throws {
        let json = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("pg_vacuums.json"))
        #expect(json.groups.isEmpty)
        #expect(json.diagnostics.isEmpty)
        let stderr = try WorkloadReader.readPostgresLog(
            path: try Corpus.pgbadger("pg_vacuums.log"), logLinePrefix: "%t [%p]: [%l-1] user=%u,db=%d,host=%h,app=%a")
        #expect(stderr.groups.isEmpty)
        #expect(stderr.diagnostics.isEmpty)
    }

    @Test func vendorLogsCountWhatTheyCannotRead() throws {
        let logplex = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("logplex"))
        #expect(logplex.diagnostics.contains { $0.message.contains("not understood") && $0.count > 0 })
        let cloudSQL = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("cloudsql.log"))
        #expect(cloudSQL.sources.first?.hasSuffix("(PostgreSQL jsonlog)") == true)
    }

    @Test func nonLogLinesAreCountedWithExamples() throws {
        let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger("pg_rawcsv.log"))
        let diagnostic = try #require(workload.diagnostics.first)
        #expect(diagnostic.count == 2)
        #expect(diagnostic.location == "pg_rawcsv.log:3")
        #expect(diagnostic.message.contains("pg_ctl: could not start server"))
    }
}
