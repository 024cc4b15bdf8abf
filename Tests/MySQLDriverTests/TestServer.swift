import AdvisorCore
import Foundation
import TestSupport
import Testing

@testable import MySQLDriver

/// The MariaDB/MySQL server the integration tests use, configured by the environment
/// (`make test` or `eval "$(scripts/dev-db env)"` sets it), and the small database they create.
enum TestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether server tests run (`ServerEnvironment`).
    static let isEnabled = ServerEnvironment.serverTestsEnabled

    /// Database the tests drop and recreate; nothing else touches it.
    static let database = "dbadvisor_mysqldriver_test"

    /// The read-only role's DSN (`DBADVISOR_MYSQL_DSN`), optionally pointed at `database`.
    static func dsn(database: String? = nil) throws -> DataSourceName {
        var dsn = try parse("DBADVISOR_MYSQL_DSN")
        dsn.database = database
        return dsn
    }

    /// The all-privileges DSN (`DBADVISOR_MYSQL_ADMIN_DSN`), optionally pointed at `database`.
    static func adminDSN(database: String? = nil) throws -> DataSourceName {
        var dsn = try parse("DBADVISOR_MYSQL_ADMIN_DSN")
        dsn.database = database
        return dsn
    }

    /// Creates the fixture database once per test process; a test that names it without connecting
    /// through the helpers below calls this first, or it may run before another test creates it.
    static func prepareFixture() throws {
        try fixture.get()
    }

    /// A read-only connection to the test database, created on first use.
    static func connectToTestDatabase() throws -> MySQLConnection {
        try fixture.get()
        return try MySQLConnection(dsn: dsn(database: database), environment: [:])
    }

    /// An admin connection to the test database, created on first use.
    static func connectAsAdmin() throws -> MySQLConnection {
        try fixture.get()
        return try MySQLConnection(dsn: adminDSN(database: database), environment: [:])
    }

    private static func parse(_ variable: String) throws -> DataSourceName {
        let text = try ServerEnvironment.value(variable)
        return try DataSourceName(parsing: text)
    }

    static let limitedUser = "dbadvisor_mysqldriver_limited"
    static let limitedPassword = "limited-7f3a"

    /// A connection to the test database as a role without SELECT on mysql.*.
    static func connectWithoutStatisticsPrivileges() throws -> MySQLConnection {
        try fixture.get()
        var dsn = try dsn(database: database)
        dsn.user = limitedUser
        dsn.password = limitedPassword
        return try MySQLConnection(dsn: dsn, environment: [:])
    }

    /// Created once per test process; tests share it read-only (the few writes use temporary tables).
    private static let fixture: Result<Void, any Error> = Result { try createFixture() }

    /// Two small tables with every kind of key part readSchema maps, and persistent statistics.
    private static func createFixture() throws {
        let admin = try MySQLConnection(dsn: adminDSN(), environment: [:])
        for statement in [
            "DROP DATABASE IF EXISTS \(database)",
            "CREATE DATABASE \(database) CHARACTER SET utf8mb4",
            "USE \(database)",
            """
            CREATE TABLE customers (
                id INT UNSIGNED NOT NULL PRIMARY KEY,
                email VARCHAR(100) NOT NULL,
                name VARCHAR(100) NULL,
                country CHAR(2) NOT NULL,
                created_at DATETIME NOT NULL,
                UNIQUE KEY uq_customers_email (email),
                KEY idx_customers_country_created (country, created_at DESC),
                KEY idx_customers_name (name(10))
            ) ENGINE=InnoDB
            """,
            // 100 rows: every 5th name NULL (20 NULLs, 80 distinct names), 4 countries.
            """
            INSERT INTO customers
            SELECT seq, CONCAT('c', seq, '@example.com'), IF(seq % 5 = 0, NULL, CONCAT('Customer ', seq)),
                   ELT(1 + seq % 4, 'DE', 'FR', 'US', 'JP'), '2024-01-01' + INTERVAL seq HOUR
            FROM seq_1_to_100
            """,
            """
            CREATE TABLE orders (
                id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                customer_id INT UNSIGNED NOT NULL,
                status VARCHAR(16) NOT NULL,
                total DECIMAL(10,2) NULL,
                KEY idx_orders_customer_status (customer_id, status),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
            ) ENGINE=InnoDB
            """,
            // 300 rows over 50 customers and 3 statuses.
            """
            INSERT INTO orders (customer_id, status, total)
            SELECT 1 + seq % 50, ELT(1 + seq % 3, 'new', 'paid', 'shipped'), seq * 1.5 FROM seq_1_to_300
            """,
            "CREATE VIEW paid_orders AS SELECT id, total FROM orders WHERE status = 'paid'",
            "CREATE PROCEDURE two_results() BEGIN SELECT 1 AS first; SELECT 2 AS second; END",
            "ANALYZE TABLE customers, orders PERSISTENT FOR ALL",
            // A role that may read the test database but not the mysql.* statistics tables.
            "DROP USER IF EXISTS \(limitedUser)@'%'",
            "CREATE USER \(limitedUser)@'%' IDENTIFIED BY '\(limitedPassword)'",
            "GRANT SELECT ON \(database).* TO \(limitedUser)@'%'",
        ] {
            _ = try admin.query(statement)
        }
    }
}
