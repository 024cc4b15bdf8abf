import AdvisorCore
import ArgumentParser
import Foundation
import MySQLDriver
import PostgresDriver

/// Where the live server is: a DSN, or the engine's usual environment variables.
struct ConnectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Server to connect to: postgres://user:password@host:port/db, mysql://… or mariadb://….",
            discussion: """
                Parts left out come from the engine's usual environment: PGHOST, PGPORT, PGDATABASE, \
                PGUSER, PGPASSWORD, PGSSLMODE, PGSERVICE and ~/.pgpass for PostgreSQL; MYSQL_HOST, \
                MYSQL_TCP_PORT, MYSQL_PWD and USER for MySQL/MariaDB. The password is never printed.
                """,
            valueName: "dsn"))
    var dsn: String?

    @Option(help: "Engine to use when no --dsn is given.")
    var engine: Engine?

    @Option(name: .customLong("defaults-file"), help: "MySQL/MariaDB option file to read client settings from.")
    var defaultsFile: String?

    /// The parsed DSN; `nil` when everything comes from the environment.
    func dataSourceName(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataSourceName? {
        var parsed: DataSourceName?
        if let dsn {
            parsed = try DataSourceName(parsing: dsn)
        } else if let engine = engine ?? Self.engineFromEnvironment(environment) {
            parsed = DataSourceName(engine: engine)
        }
        if let defaultsFile {
            var withFile = parsed ?? DataSourceName(engine: .mysql)
            guard withFile.engine.isMySQLFamily else {
                throw CommandFailure(
                    exitCode: CommandFailure.usageError, "--defaults-file applies to MySQL/MariaDB only")
            }
            withFile.options.append((key: "defaults-file", value: defaultsFile))
            parsed = withFile
        }
        return parsed
    }

    /// Opens the connection, choosing the driver by engine.
    func connect() throws -> any DatabaseConnection {
        guard let dsn = try dataSourceName() else {
            throw CommandFailure(
                exitCode: CommandFailure.usageError,
                "no server given: pass --dsn postgres://… or mysql://…, or set PGHOST/PGDATABASE or MYSQL_HOST")
        }
        switch dsn.engine {
        case .postgres: return try PostgresConnection(dsn: dsn)
        case .mysql, .mariadb: return try MySQLConnection(dsn: dsn)
        }
    }

    /// Picks the engine whose usual variables are set, when only one of them is.
    static func engineFromEnvironment(_ environment: [String: String]) -> Engine? {
        let postgres = ["PGHOST", "PGDATABASE", "PGSERVICE", "PGPORT"].contains { environment[$0] != nil }
        let mysql = ["MYSQL_HOST", "MYSQL_TCP_PORT"].contains { environment[$0] != nil }
        switch (postgres, mysql) {
        case (true, false): return .postgres
        case (false, true): return .mysql
        default: return nil
        }
    }
}

extension Engine: ExpressibleByArgument {}
