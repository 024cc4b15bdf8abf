/// A query expression: `[WITH …] SELECT … [UNION …] [ORDER BY …] [LIMIT …]`.
final class MySQLQuery: Sendable {
    /// One SELECT, or a parenthesized/set-operation body.
    indirect enum Body: Sendable {
        case select(MySQLSelectCore)
        case setOperation(Body, Body)
        case nested(MySQLQuery)
        /// `VALUES ROW(…), …` or a `TABLE t` statement body.
        case values([[MySQLExpression]])
    }

    let ctes: [MySQLCommonTableExpression]
    let isRecursive: Bool
    let body: Body
    let orderBy: [(expression: MySQLExpression, descending: Bool)]
    /// The row count: a literal number or a placeholder; `nil` without LIMIT.
    let limit: MySQLExpression?
    let offset: MySQLExpression?
    /// `FOR UPDATE`, `FOR SHARE` or `LOCK IN SHARE MODE` follows it.
    let locksRows: Bool

    init(
        ctes: [MySQLCommonTableExpression], isRecursive: Bool, body: Body,
        orderBy: [(expression: MySQLExpression, descending: Bool)], limit: MySQLExpression?, offset: MySQLExpression?,
        locksRows: Bool = false
    ) {
        self.ctes = ctes
        self.isRecursive = isRecursive
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.locksRows = locksRows
    }

    /// The select list the ORDER BY of this query may name by alias or position.
    var firstSelect: MySQLSelectCore? {
        var body = body
        while true {
            switch body {
            case .select(let core): return core
            case .setOperation(let left, _): body = left
            case .nested(let query): body = query.body
            case .values: return nil
            }
        }
    }
}
