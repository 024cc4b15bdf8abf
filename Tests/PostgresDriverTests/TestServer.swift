import AdvisorCore
import Foundation
import TestSupport
import Testing

@testable import PostgresDriver

/// The throwaway server the integration tests talk to, configured by `scripts/dev-db env`.
enum TestServer {
    /// Server tests run unless `DBADVISOR_SKIP_SERVER_TESTS=1`; without a DSN they fail and say why.
    static let enabled = ServerEnvironment.serverTestsEnabled

    /// Database the tests create (and recreate) for themselves via the admin DSN.
    static let testDatabase = "dbadvisor_pgdriver_test"

    /// The DSN in `variable`, or a failed test telling how to provide it.
    static func dsn(_ variable: String = "DBADVISOR_PG_DSN") throws -> DataSourceName {
        try DataSourceName(parsing: try ServerEnvironment.value(variable))
    }

    /// The read-only role, connected to the prepared test database.
    static func readOnlyConnection() throws -> PostgresConnection {
        var dsn = try dsn()
        _ = try self.dsn("DBADVISOR_PG_ADMIN_DSN")  // builds the database; asked first for the hint
        try TestDatabase.prepare()
        dsn.database = testDatabase
        return try PostgresConnection(dsn: dsn)
    }

    /// The superuser, connected to the prepared test database.
    static func adminConnection() throws -> PostgresConnection {
        var dsn = try dsn("DBADVISOR_PG_ADMIN_DSN")
        try TestDatabase.prepare()
        dsn.database = testDatabase
        return try PostgresConnection(dsn: dsn)
    }

    /// A freshly created database without any extension, as the superuser.
    static func bareDatabaseConnection() throws -> PostgresConnection {
        var dsn = try dsn("DBADVISOR_PG_ADMIN_DSN")
        try bareDatabase.get()
        dsn.database = bareDatabaseName
        return try PostgresConnection(dsn: dsn)
    }

    /// Database without extensions, for the "extension missing" errors.
    static let bareDatabaseName = "dbadvisor_pgdriver_test_bare"

    private static let bareDatabase = Result { () throws in
        let server = try PostgresConnection(dsn: try dsn("DBADVISOR_PG_ADMIN_DSN"))
        _ = try server.query("DROP DATABASE IF EXISTS \(bareDatabaseName) WITH (FORCE)")
        _ = try server.query("CREATE DATABASE \(bareDatabaseName)")
    }
}
