/// A FROM item.
indirect enum MySQLTableReference: Sendable {
    /// A base table (or CTE) with its byte offset, for text order.
    case table(schema: String?, name: String, alias: String?, offset: Int)
    /// `(SELECT …) AS alias`, also LATERAL.
    case derived(MySQLQuery, alias: String?)
    /// `JSON_TABLE(…) AS alias` and other table functions.
    case function([MySQLExpression], alias: String?)
    /// `left JOIN right ON … | USING (…)`; NATURAL joins carry neither.
    case join(MySQLTableReference, MySQLTableReference, on: MySQLExpression?, using: [String])
}
