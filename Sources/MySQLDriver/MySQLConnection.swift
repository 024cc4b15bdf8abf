import AdvisorCore
import CMariaDB
import Foundation

/// A connection to a MySQL 8 or MariaDB 10.6+ server through libmariadb (MariaDB Connector/C).
///
/// One statement per call: multi-statements are never enabled, so `;` cannot chain a second
/// statement onto one we send. Not thread-safe; use one connection per thread.
public final class MySQLConnection: DatabaseConnection {
    /// `.mariadb` when the server's version string says MariaDB, else `.mysql`.
    public private(set) var engine: Engine
    /// `SELECT VERSION()`, e.g. `10.11.19-MariaDB-0+deb12u1-log` or `8.0.36`.
    public private(set) var serverVersion: String
    /// `host:port/database` for messages, never the password; after connecting, where the
    /// connection really went (an option file or the environment may have chosen the host).
    public private(set) var serverLabel: String

    private var handle: UnsafeMutablePointer<MYSQL>?
    private let settings: ConnectionSettings

    /// Connects to the server the DSN names, filling what it leaves out from `environment`
    /// (`MYSQL_HOST`, `MYSQL_TCP_PORT`, `MYSQL_PWD`, `USER`) and the DSN's `defaults-file`.
    /// DSN options: `socket`, `defaults-file`, `connect_timeout` (default 10 s),
    /// `read_timeout` and `write_timeout` (default 120 s), `lock_wait_timeout` (default 5 s
    /// unless the session already has its own, e.g. from an option file's `init-command`).
    public init(
        dsn: DataSourceName?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DriverError) {
        let settings = try ConnectionSettings(dsn: dsn, environment: environment)
        self.settings = settings
        serverLabel = settings.label
        engine = settings.assumedEngine
        serverVersion = ""
        if let problem = ClientLibrary.problem {
            throw DriverError(kind: .clientLibraryMissing, engine: engine, message: problem, server: serverLabel)
        }
        guard let handle = mysql_init(nil) else {
            throw DriverError(
                kind: .connectionFailed, engine: engine, message: "libmariadb could not allocate a connection",
                server: serverLabel)
        }
        Self.applyOptions(settings, to: handle)
        let connected = mysql_real_connect(
            handle, settings.host, settings.user, settings.password, settings.database, UInt32(settings.port),
            settings.socket, 0)
        guard connected != nil else {
            let error = Self.error(from: handle, settings: settings, engine: engine, connected: false)
            mysql_close(handle)
            throw error
        }
        self.handle = handle
        serverLabel = Self.connectedLabel(handle) ?? serverLabel
        // From here on a failure leaves a fully initialised object, so deinit closes the handle.
        // An option file can switch multi-statements on (`multi-statements`); switch it off for
        // the session so a `;` in text we are given can never run a second statement.
        guard mysql_set_server_option(handle, MYSQL_OPTION_MULTI_STATEMENTS_OFF) == 0 else {
            throw error(from: handle)
        }
        serverVersion = try query("SELECT VERSION()").rows.first?.first.flatMap { $0 } ?? ""
        engine = serverVersion.contains("MariaDB") ? .mariadb : .mysql
        try limitLockWaits()
    }

    /// A table another session holds (LOCK TABLES … WRITE, an ALTER TABLE's metadata lock) makes
    /// EXPLAIN and the catalog read wait for `lock_wait_timeout`, a day or a year by default, so
    /// the session's is lowered unless it differs from the server's (set on purpose for it).
    private func limitLockWaits() throws(DriverError) {
        if let seconds = settings.lockWaitTimeoutSeconds {
            _ = try query("SET SESSION lock_wait_timeout = \(seconds)")
        } else {
            _ = try query(
                "SET SESSION lock_wait_timeout = IF(@@session.lock_wait_timeout = @@global.lock_wait_timeout, "
                    + "\(ConnectionSettings.defaultLockWaitTimeout), @@session.lock_wait_timeout)")
        }
    }

    deinit {
        close()
    }

    /// Closes the connection; later calls fail with `connectionLost`. Calling it twice is harmless.
    public func close() {
        if let handle {
            mysql_close(handle)
            self.handle = nil
        }
    }

    /// Runs one statement and returns its rows as text (`nil` for NULL), or `affectedRows` for a
    /// statement without a result set.
    public func query(_ sql: String) throws(DriverError) -> QueryResult {
        let handle = try openHandle()
        let status = sql.withCString { mysql_real_query(handle, $0, UInt(sql.utf8.count)) }
        guard status == 0 else { throw error(from: handle) }
        let result: QueryResult
        if let stored = mysql_store_result(handle) {
            result = Self.read(stored)
            mysql_free_result(stored)
        } else if mysql_field_count(handle) == 0 {
            let affected = mysql_affected_rows(handle)
            // (my_ulonglong)-1 means "not applicable or error" per the C API docs.
            result = QueryResult(columns: [], rows: [], affectedRows: affected == UInt64.max ? nil : Int(affected))
        } else {
            throw error(from: handle)  // a result set was due but could not be read
        }
        try discardFurtherResults(handle)
        return result
    }

    /// Runs one SELECT and hands each row to `body` as it arrives, so a large result is never held
    /// in memory whole (`mysql_use_result`). Values are text (`nil` for NULL) in select-list order.
    ///
    /// The server sends rows only as fast as `body` takes them and keeps the statement open until the
    /// last one, so `body` should be cheap; bound the result with LIMIT. When `body` throws, the rest
    /// of the result is read and discarded (libmariadb's `mysql_free_result` does that) and the error
    /// is rethrown.
    func streamRows(_ sql: String, _ body: ([String?]) throws(DriverError) -> Void) throws(DriverError) {
        let handle = try openHandle()
        let status = sql.withCString { mysql_real_query(handle, $0, UInt(sql.utf8.count)) }
        guard status == 0 else { throw error(from: handle) }
        guard let result = mysql_use_result(handle) else {
            if mysql_field_count(handle) == 0 { return try discardFurtherResults(handle) }
            throw error(from: handle)
        }
        let count = Int(mysql_num_fields(result))
        var failure: DriverError?
        while let row = mysql_fetch_row(result), let lengths = mysql_fetch_lengths(result) {
            let values = (0..<count).map { i in
                row[i].map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(lengths[i])), as: UTF8.self)
                }
            }
            do {
                try body(values)
            } catch {
                failure = error
                break
            }
        }
        // mysql_fetch_row returns NULL both at the end and on a broken read; only errno tells them apart.
        let readFailure = failure == nil && mysql_errno(handle) != 0 ? error(from: handle) : nil
        mysql_free_result(result)
        if let failure = failure ?? readFailure { throw failure }
        try discardFurtherResults(handle)
    }

    /// `EXPLAIN FORMAT=JSON <sql>`: the plan as the server's JSON text, without executing `sql`.
    ///
    /// Never `ANALYZE`: on MariaDB `ANALYZE FORMAT=JSON` runs the statement, writes included.
    /// Plain EXPLAIN does not execute it, so no statement time limit is set; note that both
    /// engines may still evaluate constant subqueries while optimising.
    /// The server needs the privileges the statement itself would need (MySQL: "EXPLAIN requires
    /// the same privileges required to execute the explained statement").
    public func explainJSON(_ sql: String) throws(DriverError) -> String {
        if let refusal = ExplainableStatement.refusal(for: sql) {
            throw DriverError(kind: .unsupportedStatement, engine: engine, message: refusal, server: serverLabel)
        }
        let result = try query("EXPLAIN FORMAT=JSON " + sql)
        // Both engines answer with one row and one column named EXPLAIN.
        guard let json = result.rows.first?.first.flatMap({ $0 }) else {
            throw DriverError(
                kind: .queryFailed, engine: engine, message: "EXPLAIN returned no plan", server: serverLabel)
        }
        return json
    }

    /// Reads the current database's tables, columns, indexes and statistics.
    ///
    /// Statistics from mysql.* tables need SELECT on them; without it they stay `nil` rather than
    /// failing the whole read.
    public func readSchema() throws(DriverError) -> Schema {
        let database = try currentDatabase()
        if engine == .mysql {
            _ = try optionalQuery(Catalog.freshTableStatisticsOnMySQL)  // absent before MySQL 8.0.3
        }
        let tables = try query(Catalog.tables)
        let hasExpression = try query(Catalog.statisticsHasExpression).namedRows.first?.int("n") ?? 0 > 0
        var assembler = SchemaAssembler(
            database: database, tables: tables, columns: try query(Catalog.columns),
            indexes: try query(Catalog.indexes(withExpression: hasExpression)),
            indexSizes: try optionalQuery(Catalog.indexSizes), foreignKeys: try query(Catalog.foreignKeys))
        switch engine {
        case .mariadb:
            if let rows = try optionalQuery(Catalog.mariaDBColumnStatistics) {
                var estimates: [String: Double] = [:]
                for row in tables.namedRows { estimates[row["table_name"] ?? ""] = row.double("table_rows") }
                assembler.columnStatistics = SchemaAssembler.mariaDBColumnStatistics(rows, fallbackRows: estimates)
            }
        default:
            if let rows = try optionalQuery(Catalog.mySQLHistograms) {
                assembler.columnStatistics = SchemaAssembler.mySQLColumnStatistics(rows)
            }
        }
        return Schema(engine: engine, serverVersion: serverVersion, database: database, tables: assembler.assemble())
    }

    /// The connection's current database, or an error that says how to name one.
    func currentDatabase() throws(DriverError) -> String {
        guard let database = try query(Catalog.currentDatabase).rows.first?.first.flatMap({ $0 }) else {
            throw DriverError(
                kind: .invalidConfiguration, engine: engine,
                message: "no database selected; name one in the DSN, e.g. mysql://user@host:3306/shop",
                server: serverLabel)
        }
        return database
    }

    /// The account the server checks privileges against, as `'user'@'host'` for a GRANT.
    func currentAccount() -> String {
        WorkloadSourceAdvice.account(fromCurrentUser: (try? query("SELECT CURRENT_USER()"))?.rows.first?.first ?? nil)
    }

    // MARK: - Private

    private static func applyOptions(_ settings: ConnectionSettings, to handle: UnsafeMutablePointer<MYSQL>) {
        var connectTimeout = settings.connectTimeoutSeconds
        var readTimeout = settings.readTimeoutSeconds
        var writeTimeout = settings.writeTimeoutSeconds
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout)
        mysql_options(handle, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        mysql_options(handle, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        // A server may ask the client to send a local file (LOAD DATA LOCAL); an advisor never needs it.
        var localInfile: UInt32 = 0
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &localInfile)
        if settings.forceTCP {
            var tcp = MYSQL_PROTOCOL_TCP.rawValue
            mysql_options(handle, MYSQL_OPT_PROTOCOL, &tcp)
        }
        // Environment fallbacks go in as options: libmariadb reads the option file inside
        // mysql_real_connect and lets it override these, while the DSN's values, passed to
        // mysql_real_connect itself, override both.
        if let host = settings.environmentHost { mysql_options(handle, MARIADB_OPT_HOST, host) }
        if var port = settings.environmentPort.map({ UInt32($0) }) { mysql_options(handle, MARIADB_OPT_PORT, &port) }
        if let user = settings.environmentUser { mysql_options(handle, MARIADB_OPT_USER, user) }
        if let password = settings.environmentPassword { mysql_options(handle, MARIADB_OPT_PASSWORD, password) }
        if let file = settings.defaultsFile { mysql_options(handle, MYSQL_READ_DEFAULT_FILE, file) }
    }

    /// `host:port/database`, or `localhost (socket /path)/database`, as libmariadb connected.
    private static func connectedLabel(_ handle: UnsafeMutablePointer<MYSQL>) -> String? {
        func text(_ value: mariadb_value) -> String? {
            var pointer: UnsafePointer<CChar>?
            guard mariadb_get_info(handle, value, &pointer) == 0, let pointer else { return nil }
            return String(cString: pointer)
        }
        var port: UInt32 = 0
        guard let host = text(MARIADB_CONNECTION_HOST), mariadb_get_info(handle, MARIADB_CONNECTION_PORT, &port) == 0
        else { return nil }
        // mysql_get_host_info says "127.0.0.1 via TCP/IP" or "Localhost via UNIX socket".
        let viaSocket = mysql_get_host_info(handle).map { String(cString: $0).hasSuffix("socket") } ?? false
        var label = host
        if viaSocket, let socket = text(MARIADB_CONNECTION_UNIX_SOCKET) {
            label += " (socket \(socket))"
        } else if !viaSocket {
            label += ":\(port)"
        }
        if let database = text(MARIADB_CONNECTION_SCHEMA), !database.isEmpty { label += "/\(database)" }
        return label
    }

    private func openHandle() throws(DriverError) -> UnsafeMutablePointer<MYSQL> {
        guard let handle else {
            throw DriverError(
                kind: .connectionLost, engine: engine, message: "the connection is closed", server: serverLabel)
        }
        return handle
    }

    /// Copies a stored result into values. Lengths come from mysql_fetch_lengths so binary
    /// values with NUL bytes are not cut short; text is decoded as UTF-8, invalid bytes replaced.
    private static func read(_ result: UnsafeMutablePointer<MYSQL_RES>) -> QueryResult {
        let count = Int(mysql_num_fields(result))
        let fields = mysql_fetch_fields(result)
        let columns = (0..<count).map { i -> String in
            guard let field = fields?[i], let name = field.name else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: name, count: Int(field.name_length)), as: UTF8.self)
        }
        var rows: [[String?]] = []
        while let row = mysql_fetch_row(result), let lengths = mysql_fetch_lengths(result) {
            rows.append(
                (0..<count).map { i in
                    row[i].map {
                        String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(lengths[i])), as: UTF8.self)
                    }
                })
        }
        return QueryResult(columns: columns, rows: rows)
    }

    /// Reads past any further results (a CALL sends a status result after its rows), so the
    /// connection is ready for the next statement and an error in them is not lost.
    private func discardFurtherResults(_ handle: UnsafeMutablePointer<MYSQL>) throws(DriverError) {
        while mysql_more_results(handle) != 0 {
            let status = mysql_next_result(handle)
            if status > 0 { throw error(from: handle) }
            if status < 0 { break }
            if let extra = mysql_store_result(handle) { mysql_free_result(extra) }
        }
    }

    /// Runs a statement whose failure (missing privilege, missing table on the other engine)
    /// only means "not available"; a lost connection still throws.
    private func optionalQuery(_ sql: String) throws(DriverError) -> QueryResult? {
        do {
            return try query(sql)
        } catch {
            guard error.kind == .queryFailed else { throw error }
            return nil
        }
    }

    private func error(from handle: UnsafeMutablePointer<MYSQL>) -> DriverError {
        var error = Self.error(from: handle, settings: settings, engine: engine, connected: true)
        if error.code == ErrorKindMapping.lockWaitTimeout {
            error.message +=
                " (another session holds a lock on a table of the statement, as LOCK TABLES, ALTER TABLE or an open"
                + " transaction do; run again once it is released, or wait longer with ?lock_wait_timeout=60 in the DSN)"
        }
        return error
    }

    private static func error(
        from handle: UnsafeMutablePointer<MYSQL>, settings: ConnectionSettings, engine: Engine, connected: Bool
    ) -> DriverError {
        let code = Int(mysql_errno(handle))
        let sqlState = String(cString: mysql_sqlstate(handle))
        // Neither libmariadb nor the servers put the password in a message: a rejected login reads
        // "Access denied for user 'u'@'h' (using password: YES)". (Masking the password text here
        // was tried and mangled messages whenever the password also occurs as the user name.)
        let message = String(cString: mysql_error(handle))
        return DriverError(
            kind: ErrorKindMapping.kind(errno: code, connected: connected), engine: engine,
            sqlState: sqlState.isEmpty || sqlState == "00000" ? nil : sqlState, code: code == 0 ? nil : code,
            message: message.isEmpty ? "unknown error" : message, server: settings.label)
    }
}
