import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

@Suite("mysql.slow_log reader", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct SlowLogTableTests {
    @Test func groupsTheDatabasesStatementsWithCountersSamplesAndSessionOrder() throws {
        let token = WorkloadTestServer.token()
        let session = try WorkloadTestServer.loggedSession()
        let thread = try #require(session.query("SELECT CONNECTION_ID()").rows.first?.first ?? nil)
        for id in [5, 3, 9, 1, 7] {
            _ = try session.query("SELECT name AS \(token) FROM customers WHERE id = \(id)")
        }
        _ = try session.query("SELECT COUNT(*) AS \(token) FROM customers WHERE name LIKE '%9%'")
        _ = try session.query("UPDATE customers AS \(token) SET name = name WHERE id < 0")
        // The same statement run from no default database is not the test database's workload.
        let elsewhere = try WorkloadTestServer.loggedSession(database: nil)
        _ = try elsewhere.query("SELECT name AS \(token) FROM \(WorkloadTestServer.database).customers WHERE id = 2")

        let workload = try WorkloadTestServer.connect().readSlowLogTable(fingerprint: WorkloadTestServer.fingerprint)
        let mine = workload.groups.filter { $0.sampleText.contains(token) }
        let lookup = try #require(mine.first { $0.sampleText.hasPrefix("SELECT name") })
        #expect(lookup.calls == 5)
        #expect(lookup.database == WorkloadTestServer.database)
        #expect(lookup.rows == 5)
        let counters = try #require(lookup.counters)
        #expect(counters.calls == 5 && counters.rowsSent == 5 && counters.rowsExamined == 5)
        #expect(counters.rowsAffected == 0)
        #expect(counters.lockTimeMs != nil)
        #expect(lookup.minTimeMs! <= lookup.maxTimeMs! && lookup.maxTimeMs! <= lookup.totalTimeMs)
        #expect(lookup.origins.count == 1 && lookup.origins[0].hasPrefix("mysql.slow_log start_time 20"))
        #expect(lookup.origins[0].hasSuffix("thread \(thread)"))

        let count = try #require(mine.first { $0.sampleText.hasPrefix("SELECT COUNT") })
        #expect(count.calls == 1 && count.counters?.rowsExamined == 1000 && count.counters?.rowsSent == 1)
        let update = try #require(mine.first { $0.sampleText.hasPrefix("UPDATE") })
        #expect(update.counters?.rowsAffected == 0 && update.calls == 1)
        #expect(mine.count == 3)

        let trace = try #require(workload.sessions.first { $0.session == thread })
        let ids = [lookup, count, update].map(\.fingerprint.id)
        let events = trace.events.filter { ids.contains($0.fingerprintID) }
        #expect(events.map(\.fingerprintID) == [ids[0], ids[0], ids[0], ids[0], ids[0], ids[1], ids[2]])
        let times = events.compactMap(\.time)
        #expect(times.count == events.count && times == times.sorted())
        let traced = events.prefix(5).reduce(0) { $0 + $1.durationMs }
        #expect(abs(traced - lookup.totalTimeMs) < 1e-9)
        #expect(workload.sources == ["mysql.slow_log on \(try WorkloadTestServer.connect().serverLabel)"])
    }

    @Test func theSampleIsTheSlowestStatementOfItsGroup() throws {
        let token = WorkloadTestServer.token()
        let session = try WorkloadTestServer.loggedSession()
        _ = try session.query("SELECT id AS \(token) FROM customers WHERE id = 1 AND SLEEP(0.001) = 0")
        _ = try session.query("SELECT id AS \(token) FROM customers WHERE id = 2 AND SLEEP(0.060) = 0")
        _ = try session.query("SELECT id AS \(token) FROM customers WHERE id = 3 AND SLEEP(0.002) = 0")
        let workload = try WorkloadTestServer.connect().readSlowLogTable(fingerprint: WorkloadTestServer.fingerprint)
        let group = try #require(workload.groups.first { $0.sampleText.contains(token) })
        #expect(group.calls == 3)
        #expect(group.sampleText.contains("SLEEP(0.060)"))
        #expect(group.maxTimeMs! >= 60)
    }

    @Test func capsTheRowsItReadsAndSaysSo() throws {
        let session = try WorkloadTestServer.loggedSession()
        for _ in 0..<3 { _ = try session.query("SELECT 1 FROM customers WHERE id = 1") }
        let workload = try WorkloadTestServer.connect().readSlowLogTable(
            fingerprint: WorkloadTestServer.fingerprint, maxRows: 2)
        #expect(workload.groups.reduce(0) { $0 + $1.calls } <= 2)
        #expect(workload.diagnostics.contains { $0.message.hasPrefix("read the first 2 rows of database") })
    }

    @Test func sinceLeavesOutOlderStatements() throws {
        let token = WorkloadTestServer.token()
        let session = try WorkloadTestServer.loggedSession()
        _ = try session.query("SELECT id AS \(token) FROM customers WHERE id = 4")
        let workload = try WorkloadTestServer.connect().readSlowLogTable(
            fingerprint: WorkloadTestServer.fingerprint, since: Date().addingTimeInterval(3600))
        #expect(!workload.groups.contains { $0.sampleText.contains(token) })
    }

    @Test func aRoleWithoutSelectOnTheTableIsToldWhichGrantIsMissing() throws {
        let connection = try WorkloadTestServer.connectUnprivileged()
        let error = try #require(throws: DriverError.self) {
            try connection.readSlowLogTable(fingerprint: WorkloadTestServer.fingerprint)
        }
        #expect(error.code == 1142)
        #expect(error.message.contains("cannot read mysql.slow_log"))
        #expect(
            error.message.hasSuffix("GRANT SELECT ON mysql.slow_log TO '\(WorkloadTestServer.unprivilegedUser)'@'%';"))
    }
}
