/// `name [(columns)] AS (query)` in a WITH clause.
struct MySQLCommonTableExpression: Sendable {
    let name: String
    let query: MySQLQuery
}
