import AdvisorCore

/// An index a DDL statement creates: `CREATE INDEX`, `ALTER TABLE … ADD INDEX`, or a key or
/// constraint of `CREATE TABLE` / `ALTER TABLE … ADD CONSTRAINT` that builds one.
public struct DDLIndex: Equatable, Sendable {
    /// How the statement spells the index.
    public enum Origin: String, Equatable, Sendable {
        /// `CREATE [UNIQUE] INDEX …`.
        case createIndex
        /// MySQL `ALTER TABLE … ADD {INDEX|KEY|UNIQUE} …`.
        case alterTable
        /// A primary key or unique constraint added to an existing table (builds its index).
        case constraint
        /// A key declared in `CREATE TABLE`.
        case createTable
    }

    /// The index name; `nil` when the server generates one.
    public var name: String?
    public var table: DDLTableName
    public var keys: [IndexKey]
    /// PostgreSQL `INCLUDE (…)` columns.
    public var includedColumns: [String]
    public var isUnique: Bool
    public var isPrimary: Bool
    /// Access method as written (`btree`, `gin`, `FULLTEXT`, `SPATIAL`); `nil` for the default.
    public var method: String?
    /// Partial-index predicate as SQL text.
    public var predicate: String?
    public var origin: Origin
    /// PostgreSQL `CONCURRENTLY`.
    public var concurrently: Bool
    public var ifNotExists: Bool
    /// MySQL/MariaDB `ALGORITHM=` clause, upper-cased (`INPLACE`, `COPY`, …); `nil` when not given.
    public var algorithm: String?
    /// MySQL/MariaDB `LOCK=` clause, upper-cased (`NONE`, `SHARED`, …); `ALTER ONLINE TABLE` gives `NONE`.
    public var lock: String?

    public init(
        name: String?, table: DDLTableName, keys: [IndexKey], includedColumns: [String] = [], isUnique: Bool = false,
        isPrimary: Bool = false, method: String? = nil, predicate: String? = nil, origin: Origin = .createIndex,
        concurrently: Bool = false, ifNotExists: Bool = false, algorithm: String? = nil, lock: String? = nil
    ) {
        self.name = name
        self.table = table
        self.keys = keys
        self.includedColumns = includedColumns
        self.isUnique = isUnique
        self.isPrimary = isPrimary
        self.method = method
        self.predicate = predicate
        self.origin = origin
        self.concurrently = concurrently
        self.ifNotExists = ifNotExists
        self.algorithm = algorithm
        self.lock = lock
    }

    /// `(a, b DESC)` for messages.
    public var keyText: String {
        "(" + keys.map { $0.name + ($0.descending ? " DESC" : "") }.joined(separator: ", ") + ")"
    }
}
