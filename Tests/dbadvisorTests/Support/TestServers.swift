import Foundation
import TestSupport

/// Connection strings of the throwaway servers `make test` starts (scripts/dev-db env).
enum TestServers {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether server tests run (`ServerEnvironment`).
    static let available = ServerEnvironment.serverTestsEnabled

    /// The read-only PostgreSQL DSN, optionally pointed at another database.
    static func postgres(database: String? = nil) throws -> String {
        try dsn("DBADVISOR_PG_DSN", database: database)
    }

    /// The read-only MariaDB DSN, optionally pointed at another database.
    static func mysql(database: String? = nil) throws -> String {
        try dsn("DBADVISOR_MYSQL_DSN", database: database)
    }

    /// The PostgreSQL superuser DSN, for what a read-only role may not do (planning writes).
    static func postgresAdmin(database: String? = nil) throws -> String {
        try dsn("DBADVISOR_PG_ADMIN_DSN", database: database)
    }

    /// The MariaDB root DSN, for what a read-only role may not do (planning writes).
    static func mysqlAdmin(database: String? = nil) throws -> String {
        try dsn("DBADVISOR_MYSQL_ADMIN_DSN", database: database)
    }

    private static func dsn(_ variable: String, database: String?) throws -> String {
        let value = try ServerEnvironment.value(variable)
        guard let database else { return value }
        let base = value.split(separator: "?", maxSplits: 1)[0]
        guard let schemeEnd = base.range(of: "://"), let slash = base[schemeEnd.upperBound...].firstIndex(of: "/")
        else { return base + "/" + database }
        return String(base[..<slash]) + "/" + database
    }
}
