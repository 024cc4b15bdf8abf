import AdvisorCore
import Foundation

@testable import PostgresDriver

/// A small, analyzed schema built once per test run in `TestServer.testDatabase`.
///
/// Row counts stay below ANALYZE's 30,000-row sample, so every row is read and the statistics
/// are exact and repeatable (analyze.c: the whole table is the sample).
enum TestDatabase {
    /// The schema and data; `audit_log` is created after ANALYZE so it stays unanalyzed.
    /// pg_stat_statements and HypoPG are installed (the server preloads pg_stat_statements).
    static let script = """
        CREATE EXTENSION pg_stat_statements;
        CREATE EXTENSION hypopg;

        CREATE TABLE customers (
            id integer PRIMARY KEY,
            email text NOT NULL,
            name varchar(64),
            created_at timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX customers_email_key ON customers (email);
        CREATE INDEX customers_lower_email_idx ON customers (lower(email));

        CREATE TABLE orders (
            id bigint PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES customers,
            status text NOT NULL,
            total numeric(10,2),
            note text,
            created_at timestamp NOT NULL
        );
        CREATE INDEX orders_customer_status_created_idx ON orders (customer_id, status, created_at DESC);
        CREATE INDEX orders_customer_covering_idx ON orders (customer_id) INCLUDE (status, total);
        CREATE INDEX orders_open_created_idx ON orders (created_at) WHERE status = 'open';

        INSERT INTO customers
        SELECT i, 'user' || i || '@example.com', 'User ' || i, timestamptz '2024-01-01 00:00+00' + i * interval '1 day'
        FROM generate_series(1, 100) AS i;

        -- status frequencies 0.5 / 0.3 / 0.15 / 0.05, two of them needing quotes in an array literal
        INSERT INTO orders
        SELECT i, i % 100 + 1,
               CASE WHEN i <= 500 THEN 'open' WHEN i <= 800 THEN 'shipped'
                    WHEN i <= 950 THEN 'needs review' ELSE 'say "hi"' END,
               (i % 50) * 1.5,
               CASE WHEN i % 2 = 0 THEN 'note ' || i END,
               timestamp '2024-01-01' + i * interval '1 hour'
        FROM generate_series(1, 1000) AS i;

        ANALYZE customers, orders;
        CREATE TABLE audit_log (id integer, message text);
        """

    /// Drops and recreates the test database once per process; later callers get the same outcome.
    static func prepare() throws {
        try outcome.get()
    }

    private static let outcome = Result { () throws(DriverError) in try build() }

    private static func build() throws(DriverError) {
        guard let text = ProcessInfo.processInfo.environment["DBADVISOR_PG_ADMIN_DSN"] else {
            throw DriverError(
                kind: .invalidConfiguration, engine: .postgres, message: "DBADVISOR_PG_ADMIN_DSN is unset",
                server: "test")
        }
        var dsn = try DataSourceName(parsing: text)
        let server = try PostgresConnection(dsn: dsn)
        _ = try server.query("DROP DATABASE IF EXISTS \(TestServer.testDatabase) WITH (FORCE)")
        _ = try server.query("CREATE DATABASE \(TestServer.testDatabase)")
        server.close()

        dsn.database = TestServer.testDatabase
        let database = try PostgresConnection(dsn: dsn)
        _ = try database.query(script)
        // Statistics counters reach the shared stats only when a backend flushes them (PG 15); this
        // makes the flush happen before the statement returns, so n_tup_ins is 1000 for readers.
        _ = try database.query("SELECT pg_stat_force_next_flush()")
        database.close()
    }
}
