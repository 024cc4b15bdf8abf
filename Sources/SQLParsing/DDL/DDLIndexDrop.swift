/// An index a DDL statement drops: `DROP INDEX …` or MySQL `ALTER TABLE … DROP {INDEX|KEY} …`.
public struct DDLIndexDrop: Equatable, Sendable {
    public var name: String
    /// PostgreSQL: the schema of a qualified name; MySQL: the database of the table.
    public var schema: String?
    /// The table, where the statement names it (MySQL always does).
    public var table: DDLTableName?
    /// PostgreSQL `CONCURRENTLY`.
    public var concurrently: Bool
    public var ifExists: Bool
    /// MySQL/MariaDB `ALGORITHM=`, upper-cased.
    public var algorithm: String?
    /// MySQL/MariaDB `LOCK=`, upper-cased.
    public var lock: String?

    public init(
        name: String, schema: String? = nil, table: DDLTableName? = nil, concurrently: Bool = false,
        ifExists: Bool = false, algorithm: String? = nil, lock: String? = nil
    ) {
        self.name = name
        self.schema = schema
        self.table = table
        self.concurrently = concurrently
        self.ifExists = ifExists
        self.algorithm = algorithm
        self.lock = lock
    }
}
