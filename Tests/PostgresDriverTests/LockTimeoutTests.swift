import AdvisorCore
import Foundation
import Testing

@testable import PostgresDriver

/// A table another session holds in ACCESS EXCLUSIVE mode (a migration, VACUUM FULL) must not
/// hang the advisor: its reads fail after `lock_timeout` and say who holds the lock.
///
/// Serialized: every test locks the same table, and a second LOCK TABLE would queue behind the first.
@Suite("Waiting for table locks", .enabled(if: TestServer.enabled), .serialized, .timeLimit(.minutes(1)))
struct LockTimeoutTests {
    /// Its own database, so the locked table never stalls the other suites' schema reads.
    static let database = "dbadvisor_pgdriver_locks"
    static let shortTimeout: Duration = .milliseconds(300)

    private static let prepared = Result { () throws in
        let server = try PostgresConnection(dsn: try TestServer.dsn("DBADVISOR_PG_ADMIN_DSN"))
        _ = try server.query("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        _ = try server.query("CREATE DATABASE \(database)")
        _ = try admin().query(
            """
            CREATE EXTENSION hypopg;
            CREATE TABLE parcels (id bigint PRIMARY KEY, weight_g int NOT NULL);
            INSERT INTO parcels SELECT g, g % 500 FROM generate_series(1, 2000) g;
            ANALYZE parcels;
            """)
    }

    static func admin() throws -> PostgresConnection {
        var dsn = try TestServer.dsn("DBADVISOR_PG_ADMIN_DSN")
        dsn.database = database
        return try PostgresConnection(dsn: dsn)
    }

    static func reader(lockTimeout: Duration = shortTimeout) throws -> PostgresConnection {
        try prepared.get()
        var dsn = try TestServer.dsn()
        dsn.database = database
        return try PostgresConnection(dsn: dsn, lockTimeout: lockTimeout)
    }

    /// Runs `body` while another session holds ACCESS EXCLUSIVE on `parcels`; passes its process id.
    func whileParcelsAreLocked(_ body: (String) throws -> Void) throws {
        try Self.prepared.get()
        let holder = try Self.admin()
        let pid = try #require(try holder.query("SELECT pg_backend_pid()").rows.first?.first ?? nil)
        _ = try holder.query("BEGIN; LOCK TABLE parcels IN ACCESS EXCLUSIVE MODE")
        defer { _ = try? holder.query("ROLLBACK") }
        try body(pid)
    }

    func expectLockTimeout(_ error: DriverError, holder pid: String) {
        #expect(error.sqlState == "55P03")
        #expect(error.kind == .queryFailed)
        #expect(error.message.contains("parcels (process \(pid))"), "\(error.message)")
        #expect(error.message.contains("after 300ms"), "\(error.message)")
        #expect(error.message.contains("lock_timeout=60s"), "\(error.message)")
        #expect(!error.description.contains("\n"))
    }

    @Test func schemaReadStopsAtTheLockTimeoutAndNamesTheLockedTable() throws {
        let reader = try Self.reader()
        try whileParcelsAreLocked { pid in
            let error = try #require(throws: DriverError.self) { try reader.readSchema() }
            expectLockTimeout(error, holder: pid)
            #expect(reader.isIdle)
        }
        // Nothing was left behind: once the lock is gone the same connection reads the table.
        #expect(try reader.readSchema().tables.map(\.name) == ["parcels"])
    }

    @Test func explainStopsAtTheLockTimeout() throws {
        let reader = try Self.reader()
        try whileParcelsAreLocked { pid in
            let error = try #require(throws: DriverError.self) {
                try reader.explainJSON("SELECT weight_g FROM parcels WHERE id = 7")
            }
            expectLockTimeout(error, holder: pid)
        }
    }

    /// `hypopg_create_index` runs outside a transaction: the error is explained at once.
    @Test func hypotheticalIndexStopsAtTheLockTimeout() throws {
        let reader = try Self.reader()
        let planner = try HypoPGPlanner(connection: reader)
        try whileParcelsAreLocked { pid in
            let error = try #require(throws: DriverError.self) {
                try planner.estimatedSize(of: IndexCandidate(table: "parcels", keyColumns: ["weight_g"]))
            }
            expectLockTimeout(error, holder: pid)
        }
    }

    @Test func connectionsWaitFiveSecondsForALockByDefault() throws {
        try Self.prepared.get()
        var dsn = try TestServer.dsn()
        dsn.database = Self.database
        let connection = try PostgresConnection(dsn: dsn)
        #expect(try connection.query("SHOW lock_timeout").rows == [["5s"]])
    }

    /// A `lock_timeout` the user gave (DSN `options`, `PGOPTIONS`, the role's settings) wins.
    @Test func lockTimeoutTheSessionAlreadyHasIsKept() throws {
        try Self.prepared.get()
        var dsn = try TestServer.dsn()
        dsn.database = Self.database
        dsn.options.append((key: "options", value: "-c lock_timeout=1234ms"))
        let connection = try PostgresConnection(dsn: dsn)
        #expect(try connection.query("SHOW lock_timeout").rows == [["1234ms"]])
    }
}
