import SQLParsing

/// One statement of a migration's up direction, positioned in its file, with whether the migration
/// tool runs it inside a transaction block.
public struct MigrationStatement: Equatable, Sendable {
    /// Text, file line and column, and DDL actions of the statement.
    public var statement: DDLStatement
    /// Why it runs inside a transaction block (explicit `BEGIN`, the tool's default, a
    /// multi-statement query); `nil` when it runs outside one, and always on MySQL/MariaDB, whose
    /// DDL commits implicitly.
    public var transaction: String?

    public init(statement: DDLStatement, transaction: String? = nil) {
        self.statement = statement
        self.transaction = transaction
    }

    /// 1-based line in the migration file.
    public var line: Int { statement.line }
    /// 1-based column in the migration file.
    public var column: Int { statement.column }
    public var actions: [DDLAction] { statement.actions }
}
