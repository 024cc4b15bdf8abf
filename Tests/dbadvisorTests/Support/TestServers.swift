import AdvisorCore
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

extension TestServers {
    /// Runs SQL (or a file, with `source`) with the `mariadb` client as the root of the throwaway
    /// server, stopping at the first error; returns the rows, tab-separated, without headers.
    @discardableResult
    static func mariadb(database: String? = nil, _ sql: String? = nil, file: String? = nil) throws -> String {
        let dsn = try DataSourceName(parsing: mysqlAdmin())
        var arguments = ["--no-defaults", "--host", dsn.host ?? "127.0.0.1", "--port", String(dsn.port ?? 3306)]
        arguments += ["--user", dsn.user ?? "root", "--batch", "--skip-column-names"]
        if let password = dsn.password { arguments.append("--password=\(password)") }
        if let database { arguments.append(database) }
        if let sql { arguments += ["-e", sql] }
        if let file { arguments += ["-e", "source \(file)"] }
        return try Shell.run("mariadb", arguments)
    }
}
