import AdvisorCore

/// A finding about a migration file, at the statement that causes it.
public struct MigrationFinding: Equatable, Sendable {
    public var finding: Finding
    /// The migration file as given on the command line (`db/migrate/V3__orders_status.sql`).
    public var path: String
    /// 1-based line of the statement.
    public var line: Int
    /// 1-based column of the statement.
    public var column: Int

    public init(finding: Finding, path: String, line: Int, column: Int = 1) {
        self.finding = finding
        self.path = path
        self.line = line
        self.column = column
    }
}
