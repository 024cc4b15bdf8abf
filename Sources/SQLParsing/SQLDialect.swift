import AdvisorCore

/// The SQL dialect of an engine family: one entry point for shapes, fingerprints and scripts, so
/// callers never branch on the engine themselves.
public enum SQLDialect: Sendable, Equatable {
    /// PostgreSQL, read by libpg_query.
    case postgres
    /// MySQL and MariaDB, read by the parser in `MySQL/`.
    case mysql

    /// The dialect `engine` speaks.
    public init(_ engine: Engine) {
        self = engine.isMySQLFamily ? .mysql : .postgres
    }

    /// The index-relevant shape of the first statement in `sql`.
    public func shape(of sql: String) throws(SQLParseError) -> QueryShape {
        switch self {
        case .postgres: try PostgresParser.shape(of: sql)
        case .mysql: try MySQLParser.shape(of: sql)
        }
    }

    /// The query-group identity of `sql` (libpg_query's on PostgreSQL, pt-query-digest's on MySQL).
    public func fingerprint(of sql: String) throws(SQLParseError) -> Fingerprint {
        switch self {
        case .postgres: try PostgresParser.fingerprint(of: sql)
        case .mysql: MySQLParser.fingerprint(of: sql)
        }
    }

    /// The statements of a script, without their separating semicolons.
    public func split(_ script: String) throws(SQLParseError) -> [String] {
        switch self {
        case .postgres: try PostgresParser.split(script)
        case .mysql: try MySQLParser.split(script)
        }
    }

    /// The SELECT that reads the rows `sql` would write or lock, for planning with a read-only
    /// role; `nil` when `sql` already only reads or has no such equivalent.
    public func readOnlyEquivalent(of sql: String) -> String? {
        switch self {
        case .postgres: PostgresParser.readOnlyEquivalent(of: sql)
        case .mysql: MySQLParser.readOnlyEquivalent(of: sql)
        }
    }
}
