import AdvisorCore
import Testing

@testable import PostgresDriver

@Suite("Reading the workload from pg_stat_statements", .enabled(if: TestServer.enabled))
struct StatStatementsTests {
    @Test func groupsTopLevelWorkloadStatementsOfTheCurrentDatabaseWithTheirFigures() throws {
        let admin = try TestServer.adminConnection()
        for customer in [7, 8, 9] {
            _ = try admin.query("SELECT id, total FROM orders WHERE customer_id = \(customer) AND status = 'open'")
        }
        _ = try admin.query("SET work_mem = '8MB'")
        _ = try admin.explainJSON("SELECT * FROM customers WHERE id = 1")

        let workload = try TestServer.readOnlyConnection().readStatStatements()
        let group = try #require(
            workload.groups.first { $0.sampleText.hasPrefix("SELECT id, total FROM orders WHERE customer_id =") })
        #expect(group.sampleText == "SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2")
        #expect(group.calls >= 3)
        #expect(group.totalTimeMs > 0 && group.minTimeMs != nil && group.maxTimeMs != nil)
        #expect(group.rows != nil)
        #expect(group.database == TestServer.testDatabase)
        #expect(group.origins.count == 1 && group.origins[0].hasPrefix("pg_stat_statements queryid "))
        #expect(group.fingerprint.id.hasPrefix("pgss:"))
        #expect(workload.sources.first?.hasPrefix("pg_stat_statements 1.") == true)
        // Utility statements and dbadvisor's own catalog and EXPLAIN traffic are not workload.
        for other in workload.groups {
            #expect(!other.sampleText.contains("pg_class") && !other.sampleText.hasPrefix("SET"))
            #expect(!other.sampleText.hasPrefix("EXPLAIN") && !other.sampleText.contains("hypopg"))
            #expect(!other.sampleText.contains("lock_timeout"))  // every connection sets its own
        }
        #expect(workload.groups == workload.sorted().groups)
    }

    @Test func callerSuppliedFingerprintsMergeGroupsWithTheSameIdentity() throws {
        let admin = try TestServer.adminConnection()
        _ = try admin.query("SELECT note FROM orders WHERE id = 5")
        _ = try admin.query("SELECT note FROM orders WHERE id IN (5, 6)")
        let workload = try TestServer.readOnlyConnection().readStatStatements { text in
            text.hasPrefix("SELECT note FROM orders WHERE id") ? Fingerprint(id: "note-by-id", normalized: text) : nil
        }
        let merged = workload.groups.filter { $0.fingerprint.id == "note-by-id" }
        #expect(merged.count == 1)
        #expect(merged.first?.origins.count == 2)
        #expect(merged.first.map { $0.calls >= 2 } == true)
    }

    @Test func limitKeepsTheHeaviestGroups() throws {
        let workload = try TestServer.readOnlyConnection().readStatStatements(limit: 1)
        #expect(workload.groups.count == 1)
    }

    @Test func missingExtensionSaysHowToEnableIt() throws {
        let connection = try TestServer.bareDatabaseConnection()
        let error = try #require(throws: DriverError.self) { try connection.readStatStatements() }
        #expect(error.kind == .queryFailed)
        #expect(error.message.contains("shared_preload_libraries"))
        #expect(error.message.contains("CREATE EXTENSION pg_stat_statements"))
    }

    @Test func workloadFilterAcceptsLeadingCommentsAndRejectsUtilityText() {
        let query = PostgresConnection.statStatementsQuery(limit: 5)
        #expect(query.contains("s.toplevel") && query.hasSuffix("LIMIT 5"))
    }
}
