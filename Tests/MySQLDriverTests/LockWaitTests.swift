import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

/// A table another session holds (LOCK TABLES … WRITE, an ALTER TABLE) must not hang the advisor
/// for the server's `lock_wait_timeout` (a day on MariaDB, a year on MySQL).
///
/// Serialized: the tests lock the same table, and a second LOCK TABLES would queue behind the first.
@Suite("Waiting for metadata locks", .enabled(if: TestServer.isEnabled), .serialized, .timeLimit(.minutes(1)))
struct LockWaitTests {
    /// Its own database, so the locked table never stalls the other suites.
    static let database = "dbadvisor_mysqldriver_locks"

    private static let prepared = Result { () throws in
        let admin = try MySQLConnection(dsn: TestServer.adminDSN(), environment: [:])
        for statement in [
            "DROP DATABASE IF EXISTS \(database)",
            "CREATE DATABASE \(database)",
            "CREATE TABLE \(database).parcels (id BIGINT PRIMARY KEY, weight_g INT NOT NULL)",
            "INSERT INTO \(database).parcels VALUES (1, 120), (2, 340), (3, 560)",
        ] {
            _ = try admin.query(statement)
        }
    }

    static func reader(options: [(key: String, value: String)] = []) throws -> MySQLConnection {
        try prepared.get()
        var dsn = try TestServer.dsn(database: database)
        dsn.options += options
        return try MySQLConnection(dsn: dsn, environment: [:])
    }

    /// Runs `body` while another session holds `parcels` with LOCK TABLES … WRITE.
    func whileParcelsAreLocked(_ body: () throws -> Void) throws {
        try Self.prepared.get()
        let holder = try MySQLConnection(dsn: TestServer.adminDSN(database: Self.database), environment: [:])
        _ = try holder.query("LOCK TABLES parcels WRITE")
        defer { _ = try? holder.query("UNLOCK TABLES") }
        try body()
    }

    @Test func explainStopsAtTheLockWaitTimeoutAndSaysWhatToDo() throws {
        let reader = try Self.reader(options: [(key: "lock_wait_timeout", value: "1")])
        try whileParcelsAreLocked {
            let error = try #require(throws: DriverError.self) {
                try reader.explainJSON("SELECT weight_g FROM parcels WHERE id = 2")
            }
            #expect(error.code == 1205)
            #expect(error.kind == .queryFailed)
            #expect(error.message.contains("another session holds a lock"), "\(error.message)")
            #expect(error.message.contains("?lock_wait_timeout=60"), "\(error.message)")
        }
        // The connection is still good once the lock is gone.
        #expect(try reader.explainJSON("SELECT weight_g FROM parcels WHERE id = 2").contains("parcels"))
    }

    @Test func sessionsInheritingTheServersWaitWaitFiveSeconds() throws {
        let reader = try Self.reader()
        #expect(try reader.query("SELECT @@session.lock_wait_timeout").rows == [["5"]])
    }

    @Test func lockWaitTimeoutFromTheDSNIsUsed() throws {
        let reader = try Self.reader(options: [(key: "lock_wait_timeout", value: "42")])
        #expect(try reader.query("SELECT @@session.lock_wait_timeout").rows == [["42"]])
    }

    @Test func lockWaitTimeoutThatIsNotASecondCountIsRefused() throws {
        let error = try #require(throws: DriverError.self) {
            try Self.reader(options: [(key: "lock_wait_timeout", value: "soon")])
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("lock_wait_timeout"))
    }
}
