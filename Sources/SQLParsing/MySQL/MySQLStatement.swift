/// One parsed MySQL statement.
enum MySQLStatement: Sendable {
    case query(MySQLQuery)
    case insert(MySQLInsert)
    /// UPDATE, single- or multi-table.
    case update(
        ctes: [MySQLCommonTableExpression], isRecursive: Bool, tables: [MySQLTableReference],
        assignments: [(column: [String], value: MySQLExpression)], whereClause: MySQLExpression?,
        orderBy: [(expression: MySQLExpression, descending: Bool)], limit: MySQLExpression?)
    /// DELETE; `targets` are the multi-table form's `t1, t2` (empty for the single-table form).
    case delete(
        ctes: [MySQLCommonTableExpression], isRecursive: Bool, targets: [[String]], tables: [MySQLTableReference],
        whereClause: MySQLExpression?, orderBy: [(expression: MySQLExpression, descending: Bool)],
        limit: MySQLExpression?)
    /// SET, SHOW, USE, BEGIN, DDL, administrator commands…
    case other
}
