/// INSERT or REPLACE.
struct MySQLInsert: Sendable {
    enum Source: Sendable {
        case values([[MySQLExpression]])
        case query(MySQLQuery)
        /// `INSERT … SET a = 1, b = 2`.
        case assignments([(column: [String], value: MySQLExpression)])
    }

    let table: MySQLTableReference
    let columns: [String]
    let source: Source
    /// `ON DUPLICATE KEY UPDATE` assignments.
    let onDuplicate: [(column: [String], value: MySQLExpression)]
    /// `AS new` row alias (MySQL 8.0.19+), whose columns are the target's.
    let rowAlias: String?
}
