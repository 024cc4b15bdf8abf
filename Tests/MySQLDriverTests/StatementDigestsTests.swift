import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

@Suite("performance_schema readers", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct StatementDigestsTests {
    @Test func digestsBecomeGroupsWithRealSamplesAndCounters() throws {
        let token = WorkloadTestServer.token()
        let session = try WorkloadTestServer.loggedSession()
        for id in [11, 12, 13] {
            _ = try session.query("SELECT name AS \(token) FROM customers WHERE id = \(id)")
        }
        // No index on name: a full scan and a sort, twice.
        for pattern in ["%1%", "%2%"] {
            _ = try session.query("SELECT id AS \(token) FROM customers WHERE name LIKE '\(pattern)' ORDER BY name")
        }
        let workload = try WorkloadTestServer.connect().readStatementDigests(
            fingerprint: WorkloadTestServer.fingerprint)
        let mine = workload.groups.filter { $0.sampleText.contains(token) }
        #expect(mine.count == 2)
        let lookup = try #require(mine.first { $0.sampleText.contains("WHERE id = ") })
        #expect(lookup.calls == 3)
        // A real statement from the history, not DIGEST_TEXT with `?`.
        #expect(lookup.sampleText.hasPrefix("SELECT name AS \(token) FROM customers WHERE id = 1"))
        #expect(lookup.origins.count == 1 && lookup.origins[0].hasPrefix("performance_schema digest "))
        #expect(!lookup.origins[0].contains("normalized"))
        #expect(lookup.database == WorkloadTestServer.database)
        #expect(lookup.rows == 3)
        let lookupCounters = try #require(lookup.counters)
        #expect(lookupCounters.calls == 3 && lookupCounters.rowsSent == 3 && lookupCounters.fullScans == 0)
        #expect(lookup.totalTimeMs > 0 && lookup.minTimeMs! <= lookup.maxTimeMs!)

        let scan = try #require(mine.first { $0.sampleText.contains("LIKE") })
        #expect(scan.calls == 2)
        let scanCounters = try #require(scan.counters)
        #expect(scanCounters.fullScans == 2)
        #expect(scanCounters.filesorts == 2)
        #expect(scanCounters.rowsExamined! >= 2000)
        #expect(scanCounters.fullJoins == 0 && scanCounters.tmpDiskTables == 0)
        #expect(workload.sources.first?.hasPrefix("performance_schema.events_statements_summary_by_digest on ") == true)
    }

    @Test func statementsOfOtherDatabasesAreLeftOut() throws {
        let token = WorkloadTestServer.token()
        let elsewhere = try WorkloadTestServer.loggedSession(database: nil)
        _ = try elsewhere.query("SELECT name AS \(token) FROM \(WorkloadTestServer.database).customers WHERE id = 2")
        let connection = try WorkloadTestServer.connect()
        let digests = try connection.readStatementDigests(fingerprint: WorkloadTestServer.fingerprint)
        #expect(!digests.groups.contains { $0.sampleText.contains(token) })
        let history = try connection.readStatementHistory(fingerprint: WorkloadTestServer.fingerprint)
        let id = WorkloadTestServer.fingerprint(
            "SELECT name AS \(token) FROM \(WorkloadTestServer.database).customers WHERE id = 2"
        ).id
        #expect(!history.sessions.contains { $0.events.contains { $0.fingerprintID == id } })
    }

    @Test func historyGivesEachConnectionItsStatementsInOrder() throws {
        let token = WorkloadTestServer.token()
        let session = try WorkloadTestServer.loggedSession()
        let thread = try #require(
            session.query(
                "SELECT THREAD_ID FROM performance_schema.threads WHERE PROCESSLIST_ID = CONNECTION_ID()"
            ).rows.first?.first ?? nil)
        let lookup = "SELECT name AS \(token) FROM customers WHERE id = "
        _ = try session.query("SELECT COUNT(*) AS \(token) FROM customers")
        for id in 1...4 { _ = try session.query(lookup + "\(id)") }
        let workload = try WorkloadTestServer.connect().readStatementHistory(
            fingerprint: WorkloadTestServer.fingerprint)
        #expect(workload.groups.isEmpty)
        let trace = try #require(workload.sessions.first { $0.session == "performance_schema thread \(thread)" })
        let countID = WorkloadTestServer.fingerprint("SELECT COUNT(*) AS \(token) FROM customers").id
        let lookupID = WorkloadTestServer.fingerprint(lookup + "1").id
        let mine = trace.events.filter { [countID, lookupID].contains($0.fingerprintID) }
        #expect(mine.map(\.fingerprintID) == [countID, lookupID, lookupID, lookupID, lookupID])
        let times = mine.compactMap(\.time)
        #expect(times.count == 5 && times == times.sorted())
        // Server start + TIMER_START is wall-clock time, give or take the second of Uptime's resolution.
        #expect(abs(times[0] - Date().timeIntervalSince1970) < 60)
        #expect(mine.allSatisfy { $0.durationMs > 0 })
        #expect(mine.dropFirst().allSatisfy { $0.rows == 1 })
    }

    @Test func aRoleWithoutSelectOnPerformanceSchemaIsToldWhichGrantIsMissing() throws {
        let connection = try WorkloadTestServer.connectUnprivileged()
        for read in [
            { try connection.readStatementDigests(fingerprint: WorkloadTestServer.fingerprint) },
            { try connection.readStatementHistory(fingerprint: WorkloadTestServer.fingerprint) },
        ] as [() throws -> Workload] {
            let error = try #require(throws: DriverError.self) { try read() }
            #expect(error.code == 1142)
            #expect(
                error.message.hasSuffix(
                    "GRANT SELECT ON performance_schema.* TO '\(WorkloadTestServer.unprivilegedUser)'@'%';"))
        }
    }
}
