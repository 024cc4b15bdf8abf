import AdvisorCore
import Foundation
import MySQLDriver
import SQLParsing
import Testing

@testable import dbadvisor

/// A table another session holds costs analyze one lock timeout, not one per statement on it.
@Suite("Planning behind a locked table", .enabled(if: TestServers.available), .timeLimit(.minutes(1)))
struct QueryPlanningLockTests {
    static let database = "dbadvisor_planning_locks"

    func group(_ sql: String, calls: Int) -> QueryGroup {
        QueryGroup(
            fingerprint: Fingerprint(id: sql, normalized: sql), sampleText: sql, calls: calls,
            totalTimeMs: Double(calls))
    }

    @Test func statementsOnATableThatTimedOutWaitingForALockAreNotPlannedAgain() throws {
        let admin = try MySQLConnection(dsn: DataSourceName(parsing: try TestServers.mysqlAdmin()))
        for statement in [
            "DROP DATABASE IF EXISTS \(Self.database)", "CREATE DATABASE \(Self.database)",
            "CREATE TABLE \(Self.database).parcels (id BIGINT PRIMARY KEY, sack_id INT NOT NULL, weight_g INT)",
            "CREATE TABLE \(Self.database).sacks (id INT PRIMARY KEY, label VARCHAR(20))",
        ] {
            _ = try admin.query(statement)
        }
        var dsn = try DataSourceName(parsing: try TestServers.mysql(database: Self.database))
        dsn.options.append((key: "lock_wait_timeout", value: "1"))
        let reader = try MySQLConnection(dsn: dsn)
        let workload = Workload(groups: [
            group("SELECT weight_g FROM parcels WHERE sack_id = 3", calls: 30),
            group("SELECT id FROM parcels WHERE weight_g > 500", calls: 20),
            group("SELECT p.id FROM parcels p JOIN sacks s ON s.id = p.sack_id WHERE s.label = 'x'", calls: 15),
            group("SELECT label FROM sacks WHERE id = 4", calls: 10),
        ])

        let holder = try MySQLConnection(
            dsn: DataSourceName(parsing: try TestServers.mysqlAdmin(database: Self.database)))
        _ = try holder.query("LOCK TABLES parcels WRITE")
        var planning = QueryPlanning(connection: reader, dialect: .mysql, limit: 10)
        let queries = planning.analyze(workload)
        _ = try holder.query("UNLOCK TABLES")

        #expect(queries.count == 4)
        #expect(queries[0].plan == nil)
        #expect(queries[0].planError?.hasPrefix("could not be planned: Lock wait timeout exceeded") == true)
        for query in queries[1...2] {
            #expect(query.plan == nil)
            #expect(query.planError == "not planned: a statement before it on parcels timed out waiting for a lock")
        }
        #expect(queries[3].plan != nil, "\(queries[3].planError ?? "")")
    }
}
