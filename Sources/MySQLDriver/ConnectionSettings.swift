import AdvisorCore

/// Where and how to connect, resolved from a DSN and the mysql client's usual environment.
///
/// Precedence, highest first: the DSN, the `defaults-file` option file (libmariadb applies it
/// inside `mysql_real_connect`, so it overrides what we pass through `mysql_options`), the
/// environment (`MYSQL_HOST`, `MYSQL_TCP_PORT`, `MYSQL_PWD`, `USER`), then libmariadb's defaults.
/// This is the order the `mysql` command-line client uses.
///
/// Host: with no host anywhere, libmariadb connects to `localhost`, which it (like the `mysql`
/// client) takes to mean the Unix socket, not TCP. We keep that convention, with one exception
/// borrowed from the MariaDB 10.6 client (MDEV-14974): a DSN that names a port but no host and no
/// socket means TCP, because a port given on purpose should not be silently ignored.
struct ConnectionSettings: Equatable {
    /// Host the DSN names; `nil` lets the option file or the environment decide.
    var host: String?
    /// Port the DSN names; 0 lets the option file, the environment or libmariadb decide.
    var port: Int
    var user: String?
    var password: String?
    var database: String?
    /// Unix socket path (DSN option `socket`).
    var socket: String?
    /// Option file to read (DSN option `defaults-file`). Without one, libmariadb reads no option
    /// file at all, unlike the `mysql` client, which reads ~/.my.cnf and /etc/mysql/my.cnf.
    var defaultsFile: String?
    /// Fallbacks from the environment, applied below the option file.
    var environmentHost: String?
    var environmentPort: Int?
    var environmentUser: String?
    var environmentPassword: String?
    /// Forces TCP when a port was given without a host (see the type's note).
    var forceTCP: Bool
    var connectTimeoutSeconds: UInt32
    var readTimeoutSeconds: UInt32
    var writeTimeoutSeconds: UInt32
    /// `lock_wait_timeout` the DSN asks for (option `lock_wait_timeout`); `nil` lets the connection
    /// choose (`defaultLockWaitTimeout` unless the session already has its own).
    var lockWaitTimeoutSeconds: UInt32?
    /// Engine to name in errors until the server tells us which one it is.
    var assumedEngine: Engine

    static let defaultConnectTimeout: UInt32 = 10
    /// Long enough for information_schema on a server with many tables; a read that waits longer
    /// fails with error 2013 rather than hanging the CLI forever.
    static let defaultReadWriteTimeout: UInt32 = 120
    /// Seconds a statement waits for a metadata lock (LOCK TABLES, ALTER TABLE) before it fails;
    /// the servers' own defaults are a day (MariaDB) and a year (MySQL).
    static let defaultLockWaitTimeout: UInt32 = 5

    init(dsn: DataSourceName?, environment: [String: String]) throws(DriverError) {
        let engine = dsn?.engine.isMySQLFamily == true ? dsn!.engine : .mysql
        func invalid(_ why: String) -> DriverError {
            DriverError(kind: .invalidConfiguration, engine: engine, message: why, server: "DSN")
        }
        func nonEmpty(_ s: String?) -> String? { s?.isEmpty == false ? s : nil }
        func seconds(_ key: String, default value: UInt32) throws(DriverError) -> UInt32 {
            guard let text = dsn?.option(key) else { return value }
            guard let n = UInt32(text), n > 0 else {
                throw invalid("DSN option \(key) must be a positive number of seconds")
            }
            return n
        }

        if let dsn, !dsn.engine.isMySQLFamily {
            throw invalid("a \(dsn.engine) DSN was given to the MySQL driver; use mysql:// or mariadb://")
        }
        host = nonEmpty(dsn?.host)
        port = dsn?.port ?? 0
        user = nonEmpty(dsn?.user)
        password = dsn?.password
        database = nonEmpty(dsn?.database)
        socket = nonEmpty(dsn?.option("socket"))
        defaultsFile = nonEmpty(dsn?.option("defaults-file"))
        environmentHost = nonEmpty(environment["MYSQL_HOST"])
        environmentPort = try environment["MYSQL_TCP_PORT"].flatMap { (text: String) throws(DriverError) -> Int? in
            guard let n = Int(text), (1...65535).contains(n) else {
                throw invalid("MYSQL_TCP_PORT must be a port number from 1 to 65535")
            }
            return n
        }
        environmentUser = nonEmpty(environment["USER"])
        environmentPassword = environment["MYSQL_PWD"]
        forceTCP = host == nil && dsn?.port != nil && socket == nil
        connectTimeoutSeconds = try seconds("connect_timeout", default: Self.defaultConnectTimeout)
        readTimeoutSeconds = try seconds("read_timeout", default: Self.defaultReadWriteTimeout)
        writeTimeoutSeconds = try seconds("write_timeout", default: Self.defaultReadWriteTimeout)
        lockWaitTimeoutSeconds =
            dsn?.option("lock_wait_timeout") == nil
            ? nil : try seconds("lock_wait_timeout", default: Self.defaultLockWaitTimeout)
        assumedEngine = engine

        // Connector/C reads a host containing "://" or "=" as a connection string or plugin URL;
        // no real host name contains them, so refuse rather than let a DSN smuggle in options.
        for candidate in [host, environmentHost].compactMap({ $0 })
        where candidate.contains("=") || candidate.contains("://") || candidate.contains(";") {
            throw invalid("host '\(candidate)' is not a host name or address")
        }
    }

    /// `host:port/database` for messages, never the password.
    var label: String {
        var s = host ?? environmentHost ?? "localhost"
        if let socket, host == nil { s += " (socket \(socket))" }
        let effectivePort = port != 0 ? port : environmentPort
        if let effectivePort, socket == nil || host != nil { s += ":\(effectivePort)" }
        if let database { s += "/\(database)" }
        return s
    }
}
