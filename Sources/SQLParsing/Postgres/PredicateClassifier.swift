import AdvisorCore

/// Classifies a WHERE / JOIN ON / HAVING condition into per-column predicates and equality joins,
/// by how a plain B-tree index on the column could serve each.
///
/// Only the condition's own structure is read: a subquery inside it is an opaque value here, and
/// ``PostgresShapeWalker`` walks it separately in its own scope.
struct PredicateClassifier {
    /// What a condition says about the statement's access paths.
    enum Fact: Equatable {
        case predicate(ColumnPredicate)
        case join(JoinCondition)

        var columns: [ColumnReference] {
            switch self {
            case .predicate(let predicate): return [predicate.column]
            case .join(let join): return [join.left, join.right]
            }
        }

        var predicate: ColumnPredicate? {
            guard case .predicate(let predicate) = self else { return nil }
            return predicate
        }
    }

    let scope: NameScope

    func facts(in condition: ParseNode) -> [Fact] {
        switch condition.tag {
        case "BoolExpr": return booleanFacts(condition)
        case "A_Expr": return operatorFacts(condition)
        case "NullTest": return nullTestFacts(condition)
        case "SubLink": return subqueryFacts(condition)
        case "ColumnRef":
            // A bare boolean column (`WHERE active`): the planner matches it as `active = true`.
            return subjectFacts(operand(condition), .equality, op: "=")
        case "BooleanTest":
            // The planner does not rewrite `flag IS TRUE` into the indexable `flag = true`.
            let op = String((condition.string("booltesttype") ?? "").map { $0 == "_" ? " " : $0 })
            return subjectFacts(operand(condition.node("arg")), .nonSargable, op: op, reason: "boolean test \(op)")
        default:
            // A function or other expression used as a condition (`WHERE st_dwithin(geom, …)`).
            let name = condition.names("funcname").last ?? condition.tag
            return hiddenColumnFacts(operand(condition), op: name)
        }
    }

    // MARK: AND / OR / NOT

    private func booleanFacts(_ expression: ParseNode) -> [Fact] {
        let arms = expression.nodes("args")
        switch expression.string("boolop") {
        case "AND_EXPR": return arms.flatMap(facts(in:))
        case "OR_EXPR": return disjunctionFacts(arms)
        default: return arms.flatMap(negatedFacts)
        }
    }

    /// An OR can use one index only when every arm constrains the same column: equalities then
    /// make an IN list, other sargable arms a range (a BitmapOr over one index). Across columns, or
    /// with an arm on no column (`$1 IS NULL OR status = $1`), no single B-tree serves it.
    private func disjunctionFacts(_ arms: [ParseNode]) -> [Fact] {
        let armFacts = arms.map(facts(in:))
        let allFacts = armFacts.flatMap { $0 }
        let columns = Self.distinctColumns(of: allFacts)
        let armWithoutColumn = armFacts.contains { $0.isEmpty }
        let containsJoin = allFacts.contains { $0.predicate == nil }

        if columns.count == 1, let column = columns.first, !armWithoutColumn, !containsJoin {
            let predicates = allFacts.compactMap(\.predicate)
            if let hidden = predicates.first(where: { $0.kind == .nonSargable }) {
                return [
                    .predicate(ColumnPredicate(column: column, kind: .nonSargable, op: "OR", reason: hidden.reason))
                ]
            }
            let onlyEqualities = predicates.allSatisfy { $0.kind == .equality || $0.kind == .inList }
            return [.predicate(ColumnPredicate(column: column, kind: onlyEqualities ? .inList : .range, op: "OR"))]
        }
        let reason = columns.count > 1 ? "OR across columns" : "OR with an arm on no column"
        return columns.map { .predicate(ColumnPredicate(column: $0, kind: .nonSargable, op: "OR", reason: reason)) }
    }

    /// `NOT` hides a condition from an index, except a negated boolean column (`NOT archived`),
    /// which the planner matches as `archived = false`.
    private func negatedFacts(_ condition: ParseNode) -> [Fact] {
        if condition.tag == "ColumnRef" { return subjectFacts(operand(condition), .equality, op: "NOT") }
        let isNotIn = condition.tag == "SubLink" && condition.string("subLinkType") == "ANY_SUBLINK"
        let (op, reason) = isNotIn ? ("NOT IN", "NOT IN") : ("NOT", "negated condition")
        return Self.distinctColumns(of: facts(in: condition)).map {
            .predicate(ColumnPredicate(column: $0, kind: .nonSargable, op: op, reason: reason))
        }
    }

    // MARK: Operators

    private func operatorFacts(_ expression: ParseNode) -> [Fact] {
        let op = expression.names("name").last ?? "?"
        let subject = operand(expression.node("lexpr"))
        let right = expression.node("rexpr")
        switch expression.string("kind") ?? "AEXPR_OP" {
        case "AEXPR_OP":
            guard let left = expression.node("lexpr") else { return hiddenColumnFacts(operand(right), op: op) }
            if let pairs = Self.rowPairs(left, right) {
                return pairs.flatMap { comparisonFacts(op, operand($0), operand($1)) }
            }
            return comparisonFacts(op, subject, operand(right))
        case "AEXPR_OP_ANY" where op == "=":
            return subjectFacts(subject, .inList, op: "= ANY")
        case "AEXPR_OP_ANY", "AEXPR_OP_ALL":
            let quantifier = expression.string("kind") == "AEXPR_OP_ANY" ? "ANY" : "ALL"
            return subjectFacts(subject, .nonSargable, op: "\(op) \(quantifier)", reason: "\(op) \(quantifier)")
        case "AEXPR_IN":
            return op == "="
                ? subjectFacts(subject, .inList, op: "IN")
                : subjectFacts(subject, .nonSargable, op: "NOT IN", reason: "NOT IN")
        case "AEXPR_LIKE":
            return op == "~~"
                ? likeFacts(subject, pattern: right)
                : subjectFacts(subject, .nonSargable, op: "NOT LIKE", reason: "NOT LIKE")
        case "AEXPR_ILIKE":
            let written = op == "~~*" ? "ILIKE" : "NOT ILIKE"
            return subjectFacts(subject, .nonSargable, op: written, reason: "\(written) is case-insensitive")
        case "AEXPR_BETWEEN", "AEXPR_BETWEEN_SYM":
            return betweenFacts(subject, bounds: right)
        case "AEXPR_NOT_BETWEEN", "AEXPR_NOT_BETWEEN_SYM":
            return subjectFacts(subject, .nonSargable, op: "NOT BETWEEN", reason: "NOT BETWEEN")
        case "AEXPR_DISTINCT":
            return subjectFacts(subject, .nonSargable, op: "IS DISTINCT FROM", reason: "IS DISTINCT FROM")
        case "AEXPR_NOT_DISTINCT":
            return subjectFacts(subject, .nonSargable, op: "IS NOT DISTINCT FROM", reason: "IS NOT DISTINCT FROM")
        case let kind:
            // SIMILAR TO, NULLIF, … : nothing a B-tree serves.
            let written = String(kind.trimmingPrefix("AEXPR_"))
            return subjectFacts(subject, .nonSargable, op: written, reason: written)
        }
    }

    /// `a <op> b` where either side may be a column, a value, or an expression over columns.
    private func comparisonFacts(_ op: String, _ left: Operand, _ right: Operand) -> [Fact] {
        switch (left, right) {
        case (.column(let a), .column(let b)) where a.isSameRelation(as: b):
            let reason = "compares two columns of one table"
            return [a, b].map {
                .predicate(ColumnPredicate(column: $0.reference, kind: .nonSargable, op: op, reason: reason))
            }
        case (.column(let a), .column(let b)) where op == "=":
            return [.join(JoinCondition(left: a.reference, right: b.reference))]
        case (.column(let a), .column(let b)):
            // A non-equality join (`r.started_at > j.created_at`) still bounds each side.
            return [
                .predicate(Self.comparison(a.reference, op, comparedWith: b.reference)),
                .predicate(Self.comparison(b.reference, Self.mirrored(op), comparedWith: a.reference)),
            ]
        case (.column(let column), _):
            return [.predicate(Self.comparison(column.reference, op, right))] + hiddenColumnFacts(right, op: op)
        case (_, .column(let column)):
            return hiddenColumnFacts(left, op: op)
                + [.predicate(Self.comparison(column.reference, Self.mirrored(op), left))]
        default:
            return hiddenColumnFacts(left, op: op) + hiddenColumnFacts(right, op: op)
        }
    }

    /// A row comparison (`(updated_at, id) > ($1, $2)`, keyset pagination) bounds each column of
    /// the row, and a B-tree on those columns serves it as one range.
    private static func rowPairs(_ left: ParseNode, _ right: ParseNode?) -> [(ParseNode, ParseNode)]? {
        guard left.tag == "RowExpr", let right, right.tag == "RowExpr" else { return nil }
        let leftItems = left.nodes("args")
        let rightItems = right.nodes("args")
        guard leftItems.count == rightItems.count else { return nil }
        return Array(zip(leftItems, rightItems))
    }

    /// The predicate of `column op other`; `comparedWith` is the column on the other side, if any.
    private static func comparison(
        _ column: ColumnReference, _ op: String, _ other: Operand? = nil, comparedWith: ColumnReference? = nil
    ) -> ColumnPredicate {
        var literal: String?
        if case .value(let value)? = other { literal = value }
        return ComparisonPredicate.make(column, op, literal: literal, comparedWith: comparedWith)
    }

    private static func mirrored(_ op: String) -> String { ComparisonPredicate.mirrored(op) }

    /// A B-tree serves `LIKE 'abc%'` but not a pattern starting with a wildcard.
    private func likeFacts(_ subject: Operand, pattern: ParseNode?) -> [Fact] {
        if let prefix = Self.leadingText(of: pattern), prefix.hasPrefix("%") || prefix.hasPrefix("_") {
            return subjectFacts(subject, .nonSargable, op: "LIKE", reason: "leading wildcard in LIKE pattern")
        }
        return subjectFacts(subject, .likePrefix, op: "LIKE")
    }

    /// The literal start of a LIKE pattern (`'%' || $1` starts with `%`). `nil` for a parameter:
    /// pg_stat_statements shows `$1` where the application sent a literal, so it counts as a prefix.
    private static func leadingText(of pattern: ParseNode?) -> String? {
        guard let pattern else { return nil }
        switch pattern.tag {
        case "A_Const": return pattern.node("sval")?.string("sval")
        case "A_Expr" where pattern.names("name").last == "||": return leadingText(of: pattern.node("lexpr"))
        case "TypeCast": return leadingText(of: pattern.node("arg"))
        default: return nil
        }
    }

    /// `col BETWEEN a AND b` is a range on `col`; `$1 BETWEEN starts_at AND ends_at` one on each bound.
    private func betweenFacts(_ subject: Operand, bounds: ParseNode?) -> [Fact] {
        guard case .value = subject else { return subjectFacts(subject, .range, op: "BETWEEN") }
        return (bounds?.nodes("items") ?? []).flatMap { subjectFacts(operand($0), .range, op: "BETWEEN") }
    }

    // MARK: IS NULL, subqueries

    private func nullTestFacts(_ test: ParseNode) -> [Fact] {
        let op = test.string("nulltesttype") == "IS_NOT_NULL" ? "IS NOT NULL" : "IS NULL"
        return subjectFacts(operand(test.node("arg")), .isNull, op: op)
    }

    /// `col IN (SELECT …)` and `(a, b) IN (SELECT …)` probe the outer columns with a list of values.
    private func subqueryFacts(_ sublink: ParseNode) -> [Fact] {
        let subjects: [Operand] =
            if let test = sublink.node("testexpr"), test.tag == "RowExpr" {
                test.nodes("args").map(operand)
            } else {
                [operand(sublink.node("testexpr"))]
            }
        let op = sublink.names("operName").last ?? "="
        switch sublink.string("subLinkType") {
        case "ANY_SUBLINK" where op == "=":
            return subjects.flatMap { subjectFacts($0, .inList, op: "IN") }
        case "ANY_SUBLINK", "ALL_SUBLINK":
            let quantifier = sublink.string("subLinkType") == "ANY_SUBLINK" ? "ANY" : "ALL"
            return subjects.flatMap {
                subjectFacts($0, .nonSargable, op: "\(op) \(quantifier)", reason: "\(op) \(quantifier)")
            }
        default:
            return []  // EXISTS and scalar subqueries constrain no outer column by themselves.
        }
    }

    // MARK: Operands

    /// One side of a condition, as far as an index on a column is concerned.
    private enum Operand {
        /// A bare column: what an index can serve.
        case column(ResolvedColumn)
        /// No column of this query level: a constant, parameter, subquery or `now()`; `literal` is
        /// a constant's text without quotes.
        case value(literal: String?)
        /// An expression over columns (`lower(email)`, `price * 2`, `created_at::date`), which hides them from an index.
        case expression(reason: String, columns: [ResolvedColumn])
    }

    private func operand(_ node: ParseNode?) -> Operand {
        guard let node else { return .value(literal: nil) }
        if node.tag == "ColumnRef" {
            return resolve(node).map(Operand.column) ?? .value(literal: nil)
        }
        let columns = columns(in: node)
        return columns.isEmpty
            ? .value(literal: Self.literal(node)) : .expression(reason: Self.hidingReason(node), columns: columns)
    }

    /// The predicate a condition puts on its subject; a wrapped column gets `.nonSargable` instead.
    private func subjectFacts(_ subject: Operand, _ kind: ColumnPredicate.Kind, op: String, reason: String? = nil)
        -> [Fact]
    {
        switch subject {
        case .column(let column):
            return [.predicate(ColumnPredicate(column: column.reference, kind: kind, op: op, reason: reason))]
        case .value: return []
        case .expression: return hiddenColumnFacts(subject, op: op)
        }
    }

    private func hiddenColumnFacts(_ operand: Operand, op: String) -> [Fact] {
        guard case .expression(let reason, let columns) = operand else { return [] }
        return columns.map {
            .predicate(ColumnPredicate(column: $0.reference, kind: .nonSargable, op: op, reason: reason))
        }
    }

    /// A constant's text without quotes (`'paid'::text` gives `paid`); `nil` for anything else.
    private static func literal(_ node: ParseNode) -> String? {
        switch node.tag {
        case "A_Const":
            if node.bool("isnull") { return nil }
            if let text = node.node("sval")?.string("sval") { return text }
            if let number = node.node("fval")?.string("fval") { return number }
            if let flag = node.node("boolval") { return flag.bool("boolval") ? "true" : "false" }
            if let integer = node.node("ival") { return String(integer.int("ival") ?? 0) }
            return nil
        case "TypeCast": return node.node("arg").flatMap(literal)
        default: return nil
        }
    }

    /// Why an expression around a column keeps a plain B-tree on that column from serving it.
    private static func hidingReason(_ expression: ParseNode) -> String {
        switch expression.tag {
        case "FuncCall": return "function \(expression.names("funcname").last ?? "?")() on column"
        case "TypeCast": return "cast of column to \(expression.node("typeName")?.names("names").last ?? "?")"
        case "A_Expr":
            let op = expression.names("name").last ?? "?"
            if op == "%" { return "modulo of column" }
            return ["+", "-", "*", "/", "^"].contains(op) ? "arithmetic on column" : "operator \(op) on column"
        case "CoalesceExpr": return "COALESCE() on column"
        case "CaseExpr": return "CASE expression on column"
        default: return "expression on column"
        }
    }

    /// Columns of this query level inside an expression; subqueries belong to their own level.
    private func columns(in expression: ParseNode) -> [ResolvedColumn] {
        switch expression.tag {
        case "ColumnRef": return resolve(expression).map { [$0] } ?? []
        case "SubLink": return []
        // An aggregate (`HAVING count(o.id) > 5`) filters groups, not rows: no index on its column helps.
        case "FuncCall" where Self.isAggregate(expression): return []
        default:
            var seen = Set<ResolvedColumn>()
            return expression.children.flatMap(columns(in:)).filter { seen.insert($0).inserted }
        }
    }

    /// PostgreSQL resolves aggregates through the catalog; these are the built-ins a workload shows.
    private static let aggregateNames: Set<String> = [
        "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg",
        "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or",
        "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
        "percentile_cont", "percentile_disc", "mode",
    ]

    private static func isAggregate(_ call: ParseNode) -> Bool {
        call.bool("agg_star") || call.node("over") != nil
            || aggregateNames.contains(call.names("funcname").last ?? "")
    }

    /// `nil` for `*` and `t.*`, which name no single column.
    private func resolve(_ columnRef: ParseNode) -> ResolvedColumn? {
        let fields = columnRef.nodes("fields")
        guard fields.last?.tag != "A_Star" else { return nil }
        return scope.resolve(fields.compactMap { $0.string("sval") })
    }

    private static func distinctColumns(of facts: [Fact]) -> [ColumnReference] {
        var seen = Set<ColumnReference>()
        return facts.flatMap(\.columns).filter { seen.insert($0).inserted }
    }
}
