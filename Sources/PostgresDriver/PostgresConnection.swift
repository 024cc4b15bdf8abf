import AdvisorCore
import CLibPQ
import Foundation

/// One libpq connection to a PostgreSQL database.
///
/// Synchronous and not thread-safe, like the `PGconn` it wraps (libpq docs, 34.19: one thread at a
/// time per connection). The connection is closed by `close()` or, at the latest, `deinit`.
public final class PostgresConnection: DatabaseConnection {
    /// Always `.postgres`.
    public let engine: Engine = .postgres
    /// `server_version` as the server reported it (`15.20 (Debian 15.20-0+deb12u1)`).
    public let serverVersion: String
    /// `host:port/database` as libpq resolved them, never the password.
    public let serverLabel: String
    /// Longest time one EXPLAIN may take (`statement_timeout`, set per transaction by `explainJSON`).
    public var explainTimeout: Duration = .seconds(30)

    /// `nil` once closed.
    private var connection: OpaquePointer?

    /// Connects with the DSN's settings; what it leaves out comes from libpq's environment
    /// (`PGHOST`, `PGUSER`, `PGSERVICE`, `.pgpass`, …); `dsn == nil` takes everything from there.
    /// Statements wait at most `lockTimeout` for a table lock unless the session sets its own.
    public init(
        dsn: DataSourceName?, environment: [String: String] = ProcessInfo.processInfo.environment,
        lockTimeout: Duration = PostgresConnection.defaultLockTimeout
    ) throws(DriverError) {
        let fallbackLabel = dsn?.serverLabel ?? "PostgreSQL"
        if let dsn, dsn.engine != .postgres {
            throw DriverError(
                kind: .invalidConfiguration, engine: dsn.engine,
                message: "a \(dsn.engine) DSN cannot open a PostgreSQL connection", server: fallbackLabel)
        }
        if let problem = dbadvisor_libpq_load() {
            throw DriverError(
                kind: .clientLibraryMissing, engine: .postgres, message: String(cString: problem),
                server: fallbackLabel)
        }
        let parameters = ConnectionParameters(dsn: dsn, environment: environment)
        if let unknown = parameters.unknownKeywords.first {
            throw DriverError(
                kind: .invalidConfiguration, engine: .postgres,
                message: "unknown connection option '\(unknown)' (see libpq's connection parameters)",
                server: fallbackLabel)
        }
        // expand_dbname = 0: a database name is only a name, never re-parsed as a conninfo string.
        let connection = parameters.withCArrays { keywords, values in PQconnectdbParams(keywords, values, 0) }
        let label = connection.flatMap(Self.label) ?? fallbackLabel
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let error = LibPQDiagnostics.connectionError(connection, server: label)
            PQfinish(connection)  // a failed PGconn still owns memory (libpq docs, 34.1)
            throw error
        }
        // libpq prints NOTICEs ("table … does not exist, skipping") to stderr by default, which
        // would interleave with the CLI's report.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.connection = connection
        self.serverLabel = label
        // The server reports server_version at startup, so this equals SHOW server_version without a round trip.
        self.serverVersion = PQparameterStatus(connection, "server_version").map { String(cString: $0) } ?? ""
        try limitLockWaits(to: lockTimeout)
    }

    deinit {
        close()
    }

    /// Closes the connection; later calls fail with `connectionLost`. Calling it twice is harmless.
    public func close() {
        PQfinish(connection)
        connection = nil
    }

    /// Runs `sql` (several `;`-separated statements allowed) and returns the last statement's rows.
    public func query(_ sql: String) throws(DriverError) -> QueryResult {
        let connection = try liveHandle()
        return try collect(PQexec(connection, sql), from: connection)
    }

    /// Reads all user tables in one REPEATABLE READ snapshot, so the queries agree with each other.
    public func readSchema() throws(DriverError) -> Schema {
        let database = PQdb(try liveHandle()).map { String(cString: $0) } ?? ""
        let reader = SchemaReader(run: executeOne)
        let snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        return try inRolledBackTransaction(snapshot) { () throws(DriverError) -> Schema in
            try reader.read(database: database, serverVersion: serverVersion)
        }
    }

    /// `true` when no transaction is open (libpq's `PQTRANS_IDLE`).
    var isIdle: Bool {
        connection.map { PQtransactionStatus($0) == PQTRANS_IDLE } ?? false
    }

    /// Runs exactly one statement through the extended protocol, which refuses a string holding
    /// several statements (SQLSTATE 42601); text that is not ours can then not smuggle in a COMMIT.
    func executeOne(_ sql: String) throws(DriverError) -> QueryResult {
        let connection = try liveHandle()
        return try collect(PQexecParams(connection, sql, 0, nil, nil, nil, nil, 0), from: connection)
    }

    /// Runs one statement with `$1`… bound to `parameters` as text, so values never need quoting.
    func executeOne(_ sql: String, parameters: [String]) throws(DriverError) -> QueryResult {
        let connection = try liveHandle()
        let copies = parameters.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        let values = copies.map { UnsafePointer($0) }
        let result = values.withUnsafeBufferPointer { buffer in
            PQexecParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        return try collect(result, from: connection)
    }

    /// Runs `body` between `begin` and a ROLLBACK that happens on every path.
    ///
    /// After an error the server accepts nothing but ROLLBACK in that transaction (SQLSTATE 25P02),
    /// so the rollback comes first and the original error is rethrown.
    func inRolledBackTransaction<T>(
        _ begin: String, _ body: () throws(DriverError) -> T
    ) throws(DriverError) -> T {
        guard isIdle else {
            throw DriverError(
                kind: .queryFailed, engine: .postgres,
                message: "dbadvisor needs an idle connection, but a transaction is open", server: serverLabel)
        }
        _ = try executeOne(begin)
        do {
            let value = try body()
            _ = try executeOne("ROLLBACK")
            return value
        } catch {
            _ = try? executeOne("ROLLBACK")
            throw explainingLockTimeout(error)
        }
    }

    func liveHandle() throws(DriverError) -> OpaquePointer {
        guard let connection else {
            throw DriverError(
                kind: .connectionLost, engine: .postgres, message: "connection was closed", server: serverLabel)
        }
        return connection
    }

    /// Turns a result into rows or an error, and clears it on every path.
    func collect(_ result: OpaquePointer?, from connection: OpaquePointer) throws(DriverError) -> QueryResult {
        defer { PQclear(result) }
        switch result.map(PQresultStatus) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return QueryResult(libpq: result!)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            abandonCopy(connection)
            throw DriverError(
                kind: .queryFailed, engine: .postgres,
                message: "COPY FROM STDIN / TO STDOUT is not supported by dbadvisor", server: serverLabel)
        default:
            // A statement outside a transaction is idle again here; inside one, the rollback explains it.
            throw explainingLockTimeout(
                LibPQDiagnostics.queryError(result, connection: connection, server: serverLabel))
        }
    }

    /// Ends a COPY the server started, so the connection is usable again (libpq docs, 34.10).
    private func abandonCopy(_ connection: OpaquePointer) {
        _ = PQputCopyEnd(connection, "dbadvisor does not send COPY data")
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(connection, &buffer, 0) > 0 { PQfreemem(buffer) }
        while let pending = PQgetResult(connection) { PQclear(pending) }
    }

    /// `host:port/database` from what libpq actually used; a socket directory stands in for the host.
    private static func label(_ connection: OpaquePointer) -> String? {
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            pointer.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let host = text(PQhost(connection)) else { return nil }
        var label = host
        if let port = text(PQport(connection)) { label += ":\(port)" }
        if let database = text(PQdb(connection)) { label += "/\(database)" }
        return label
    }
}
