/// One `SELECT … FROM … WHERE … GROUP BY … HAVING …` without set operations or ORDER BY.
struct MySQLSelectCore: Sendable {
    var items: [(expression: MySQLExpression, alias: String?)] = []
    var from: [MySQLTableReference] = []
    var whereClause: MySQLExpression?
    var groupBy: [MySQLExpression] = []
    var having: MySQLExpression?
    /// Expressions of WINDOW definitions and the like, read for their columns only.
    var otherExpressions: [MySQLExpression] = []
}
