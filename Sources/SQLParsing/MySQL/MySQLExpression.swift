/// An expression of a MySQL statement, as much of it as the shape needs.
indirect enum MySQLExpression: Sendable {
    /// A column reference by its name parts (`[column]`, `[table, column]`, `[schema, table, column]`).
    case column([String])
    /// `*` or `t.*`: the qualifier parts before the star.
    case star([String])
    /// A string literal.
    case string(String)
    /// A numeric literal, as written.
    case number(String)
    /// `NULL`, `TRUE`, `FALSE` and other keyword constants (`CURRENT_DATE`).
    case keywordConstant(String)
    /// `?`, `:name`, `$1`.
    case placeholder(String)
    /// A function call; `name` lower-cased. `isAggregate` for aggregates and window functions.
    case function(name: String, arguments: [MySQLExpression], isStar: Bool, isDistinct: Bool, isAggregate: Bool)
    /// A binary operator (`=`, `<`, `+`, `LIKE`, …), `op` normalized (`!=` is `<>`).
    case binary(String, MySQLExpression, MySQLExpression)
    /// A prefix operator (`-`, `~`, `BINARY`).
    case unary(String, MySQLExpression)
    case and([MySQLExpression])
    case or([MySQLExpression])
    case not(MySQLExpression)
    /// `x IS [NOT] NULL`.
    case isNull(MySQLExpression, negated: Bool)
    /// `x IS [NOT] TRUE/FALSE/UNKNOWN`, `test` as written in upper case (`IS NOT TRUE`).
    case booleanTest(MySQLExpression, test: String)
    case inList(MySQLExpression, [MySQLExpression], negated: Bool)
    case inSubquery(MySQLExpression, MySQLQuery, negated: Bool)
    case between(MySQLExpression, MySQLExpression, MySQLExpression, negated: Bool)
    /// `LIKE`, `NOT LIKE`, with the pattern and escape.
    case like(MySQLExpression, MySQLExpression, negated: Bool)
    /// `= ANY (SELECT …)`, `> ALL (SELECT …)`.
    case quantified(String, quantifier: String, MySQLExpression, MySQLQuery)
    case subquery(MySQLQuery)
    case exists(MySQLQuery)
    case row([MySQLExpression])
    /// `CAST(x AS type)` / `CONVERT(x, type)`, type lower-cased.
    case cast(MySQLExpression, type: String)
    /// CASE, INTERVAL, MATCH … AGAINST and other expressions: a name for reasons and the parts.
    case other(String, [MySQLExpression])

    /// Direct sub-expressions (subqueries are not expressions and are not listed).
    var children: [MySQLExpression] {
        switch self {
        case .column, .star, .string, .number, .keywordConstant, .placeholder, .subquery, .exists: return []
        case .function(_, let arguments, _, _, _): return arguments
        case .binary(_, let left, let right): return [left, right]
        case .unary(_, let operand), .not(let operand), .isNull(let operand, _), .booleanTest(let operand, _),
            .cast(let operand, _), .inSubquery(let operand, _, _), .quantified(_, _, let operand, _):
            return [operand]
        case .and(let items), .or(let items), .row(let items), .other(_, let items): return items
        case .inList(let subject, let items, _): return [subject] + items
        case .between(let subject, let low, let high, _): return [subject, low, high]
        case .like(let subject, let pattern, _): return [subject, pattern]
        }
    }

    /// Subqueries directly inside this expression node.
    var subqueries: [MySQLQuery] {
        switch self {
        case .subquery(let query), .exists(let query), .inSubquery(_, let query, _), .quantified(_, _, _, let query):
            return [query]
        default: return []
        }
    }
}

extension MySQLExpression {
    /// Compact SQL text, for ORDER BY expressions in a shape; written like the PostgreSQL side's
    /// `ExpressionText` so that equal statements render equally.
    var text: String {
        switch self {
        case .column(let parts): return parts.joined(separator: ".")
        case .star(let parts): return (parts + ["*"]).joined(separator: ".")
        case .string(let value): return "'\(value.replacingOccurrences(of: "'", with: "''"))'"
        case .number(let value): return value
        case .keywordConstant(let word): return word
        case .placeholder(let text): return text
        case .function(let name, let arguments, let isStar, let isDistinct, _):
            if isStar { return "\(name)(*)" }
            return "\(name)(\(isDistinct ? "DISTINCT " : "")\(arguments.map(\.text).joined(separator: ", ")))"
        case .binary(let op, let left, let right): return "\(left.text) \(op) \(right.text)"
        case .unary(let op, let operand): return "\(op)\(operand.text)"
        case .cast(let operand, let type): return "\(operand.text)::\(type)"
        default: return "<\(String(describing: self).prefix { $0 != "(" })>"
        }
    }
}
