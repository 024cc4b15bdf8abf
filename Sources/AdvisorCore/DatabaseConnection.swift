/// What the CLI needs from a live server, implemented by `PostgresDriver` and `MySQLDriver`.
///
/// Implementations are synchronous, own one connection, and release it in `deinit` at the latest.
public protocol DatabaseConnection: AnyObject {
    /// Engine of the connected server (MariaDB is told apart from MySQL by its version string).
    var engine: Engine { get }
    /// Server version string.
    var serverVersion: String { get }
    /// `host:port/database` for messages, never the password.
    var serverLabel: String { get }

    /// Runs one statement and returns its rows.
    func query(_ sql: String) throws(DriverError) -> QueryResult

    /// Reads tables, columns, indexes and statistics of the connected database.
    func readSchema() throws(DriverError) -> Schema

    /// The engine's `EXPLAIN … FORMAT JSON` output for `sql`, without executing it.
    /// PostgreSQL statements with `$n` parameters are planned generically.
    func explainJSON(_ sql: String) throws(DriverError) -> String
}
