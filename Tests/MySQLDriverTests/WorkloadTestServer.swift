import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

/// The database the workload-source and sampling tests create, and helpers to run known statements.
///
/// Other suites run statements against the same server at the same time, so every test filters
/// what it reads back by this database and by a token unique to the test.
enum WorkloadTestServer {
    static let database = "dbadvisor_mysqldriver_workload_test"
    /// A role that may read the test database but neither mysql.slow_log nor performance_schema.
    static let unprivilegedUser = "dbadvisor_workload_noaccess"
    static let unprivilegedPassword = "noaccess-51c2"

    /// Creates the database once per test process.
    static func prepare() throws {
        try fixture.get()
    }

    /// A read-only (advisor role) connection to the test database.
    static func connect() throws -> MySQLConnection {
        try prepare()
        return try MySQLConnection(dsn: TestServer.dsn(database: database), environment: [:])
    }

    /// An admin connection to `database` (or none) that logs every statement to the slow log.
    static func loggedSession(database: String? = Self.database) throws -> MySQLConnection {
        try prepare()
        let connection = try MySQLConnection(dsn: TestServer.adminDSN(database: database), environment: [:])
        _ = try connection.query("SET SESSION long_query_time = 0")
        return connection
    }

    /// A connection to the test database as the role without access to the workload sources.
    static func connectUnprivileged() throws -> MySQLConnection {
        try prepare()
        var dsn = try TestServer.dsn(database: database)
        dsn.user = unprivilegedUser
        dsn.password = unprivilegedPassword
        return try MySQLConnection(dsn: dsn, environment: [:])
    }

    /// Letters only, so the tests' trivial normalizer (digits become ?) keeps it.
    static func token() -> String {
        "t" + String(UUID().uuidString.lowercased().filter(\.isLetter).prefix(12)) + "_"
            + String(UUID().uuidString.lowercased().filter(\.isLetter).prefix(12))
    }

    /// A stand-in for the MySQL fingerprint (SQLParsing is not a dependency of this target): numbers
    /// and quoted strings become `?`, case and whitespace are folded.
    static func fingerprint(_ sql: String) -> Fingerprint {
        var normalized = ""
        var inString = false
        var lastWasSpace = false
        for character in sql.lowercased() {
            if inString {
                if character == "'" { inString = false }
                continue
            }
            if character == "'" {
                inString = true
                normalized += "?"
            } else if character.isNumber {
                if !normalized.hasSuffix("?") { normalized += "?" }
            } else if character.isWhitespace {
                if !lastWasSpace { normalized += " " }
                lastWasSpace = true
                continue
            } else {
                normalized.append(character)
            }
            lastWasSpace = false
        }
        normalized = normalized.trimmingCharacters(in: .whitespaces)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in normalized.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Fingerprint(id: String(hash, radix: 16), normalized: normalized)
    }

    private static let fixture: Result<Void, any Error> = Result { try create() }

    private static func create() throws {
        let admin = try MySQLConnection(dsn: TestServer.adminDSN(), environment: [:])
        for statement in [
            "DROP DATABASE IF EXISTS \(database)",
            "CREATE DATABASE \(database) CHARACTER SET utf8mb4",
            "USE \(database)",
            """
            CREATE TABLE customers (
                id INT UNSIGNED NOT NULL PRIMARY KEY,
                name VARCHAR(100) NOT NULL,
                country CHAR(2) NULL
            ) ENGINE=InnoDB
            """,
            // 1000 rows: 5 countries on the odd ids, NULL on the even ones.
            """
            INSERT INTO customers
            SELECT seq, CONCAT('Customer ', seq), IF(seq % 2 = 0, NULL, ELT(1 + seq % 10 DIV 2, 'DE', 'FR', 'US', 'JP', 'IT'))
            FROM seq_1_to_1000
            """,
            """
            CREATE TABLE events (
                id INT UNSIGNED NOT NULL PRIMARY KEY,
                kind VARCHAR(16) NOT NULL,
                ref INT UNSIGNED NOT NULL,
                note VARCHAR(32) NULL
            ) ENGINE=InnoDB
            """,
            // 20000 rows: 7 kinds, ref unique, note 25% NULL with 40 values.
            """
            INSERT INTO events
            SELECT seq, ELT(1 + seq % 7, 'a', 'b', 'c', 'd', 'e', 'f', 'g'), seq * 3,
                   IF(seq % 4 = 0, NULL, CONCAT('n', seq % 40))
            FROM seq_1_to_20000
            """,
            "ANALYZE TABLE customers, events",
            // The history consumers fill events_statements_history_long only while
            // events_statements_current is on too; scripts/dev-db turns on history_long alone.
            """
            UPDATE performance_schema.setup_consumers SET ENABLED = 'YES'
            WHERE NAME IN ('events_statements_current', 'events_statements_history_long')
            """,
            "DROP USER IF EXISTS \(unprivilegedUser)@'%'",
            "CREATE USER \(unprivilegedUser)@'%' IDENTIFIED BY '\(unprivilegedPassword)'",
            "GRANT SELECT ON \(database).* TO \(unprivilegedUser)@'%'",
        ] {
            _ = try admin.query(statement)
        }
    }
}
