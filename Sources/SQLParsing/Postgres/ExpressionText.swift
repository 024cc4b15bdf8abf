import Foundation

/// Renders a parse-tree expression back to compact SQL text, for ORDER BY expressions in a shape.
///
/// Covers the expressions that show up in ORDER BY (columns, constants, parameters, function
/// calls, operators, casts); anything else renders as its node tag, e.g. `<CaseExpr>`.
enum ExpressionText {
    static func render(_ node: ParseNode) -> String {
        switch node.tag {
        case "ColumnRef":
            return node.nodes("fields").map { $0.tag == "A_Star" ? "*" : $0.string("sval") ?? "" }
                .joined(separator: ".")
        case "A_Const": return constant(node)
        case "ParamRef": return "$\(node.int("number") ?? 0)"
        case "FuncCall": return functionCall(node)
        case "A_Expr": return operatorExpression(node)
        case "TypeCast":
            let type = node.node("typeName")?.names("names").last ?? "?"
            return "\(node.node("arg").map(render) ?? "?")::\(type)"
        default: return "<\(node.tag)>"
        }
    }

    private static func constant(_ node: ParseNode) -> String {
        if node.bool("isnull") { return "NULL" }
        if let value = node.node("sval")?.string("sval") {
            return "'\(value.replacingOccurrences(of: "'", with: "''"))'"
        }
        if let value = node.node("fval")?.string("fval") { return value }
        if let value = node.node("boolval") { return value.bool("boolval") ? "true" : "false" }
        if let value = node.node("ival") { return String(value.int("ival") ?? 0) }
        return "<A_Const>"
    }

    private static func functionCall(_ node: ParseNode) -> String {
        let name = node.names("funcname").joined(separator: ".")
        if node.bool("agg_star") { return "\(name)(*)" }
        let distinct = node.bool("agg_distinct") ? "DISTINCT " : ""
        return "\(name)(\(distinct)\(node.nodes("args").map(render).joined(separator: ", ")))"
    }

    private static func operatorExpression(_ node: ParseNode) -> String {
        guard node.string("kind") == "AEXPR_OP" else { return "<A_Expr>" }
        let op = node.names("name").last ?? "?"
        let right = node.node("rexpr").map(render) ?? ""
        guard let left = node.node("lexpr") else { return "\(op)\(right)" }  // unary, e.g. -x
        return "\(render(left)) \(op) \(right)"
    }
}
