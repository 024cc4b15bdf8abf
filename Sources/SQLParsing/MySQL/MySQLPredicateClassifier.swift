import AdvisorCore

/// Classifies a WHERE / JOIN ON / HAVING condition into per-column predicates and equality joins,
/// by how a plain B-tree index on the column could serve each.
///
/// The rules, kinds, operator texts and reasons are those of the PostgreSQL side's
/// `PredicateClassifier`, so that rules and the index advisor read both engines alike. A subquery
/// inside the condition is an opaque value here; ``MySQLShapeWalker`` walks it in its own scope.
struct MySQLPredicateClassifier {
    typealias Fact = PredicateClassifier.Fact

    let scope: NameScope

    func facts(in condition: MySQLExpression) -> [Fact] {
        switch condition {
        case .and(let arms): return arms.flatMap(facts(in:))
        case .or(let arms): return disjunctionFacts(arms)
        case .not(let inner): return negatedFacts(inner)
        case .binary(let op, let left, let right):
            if case .row(let leftItems) = left, case .row(let rightItems) = right, leftItems.count == rightItems.count {
                return zip(leftItems, rightItems).flatMap { comparisonFacts(op, operand($0), operand($1)) }
            }
            return comparisonFacts(op, operand(left), operand(right))
        case .isNull(let subject, let negated):
            return subjectFacts(operand(subject), .isNull, op: negated ? "IS NOT NULL" : "IS NULL")
        case .booleanTest(let subject, let test):
            // The optimizer does not rewrite `flag IS TRUE` into the indexable `flag = 1`.
            return subjectFacts(operand(subject), .nonSargable, op: test, reason: "boolean test \(test)")
        case .inList(let subject, _, let negated):
            return negated
                ? subjectFacts(operand(subject), .nonSargable, op: "NOT IN", reason: "NOT IN")
                : subjectFacts(operand(subject), .inList, op: "IN")
        case .inSubquery(let subject, _, let negated):
            let positive = subqueryFacts(subject, op: "=", quantifier: "ANY")
            return negated ? Self.notIn(positive) : positive
        case .quantified(let op, let quantifier, let subject, _):
            return subqueryFacts(subject, op: op, quantifier: quantifier)
        case .between(let subject, let low, let high, let negated):
            if negated {
                return subjectFacts(operand(subject), .nonSargable, op: "NOT BETWEEN", reason: "NOT BETWEEN")
            }
            guard case .value = operand(subject) else { return subjectFacts(operand(subject), .range, op: "BETWEEN") }
            return [low, high].flatMap { subjectFacts(operand($0), .range, op: "BETWEEN") }
        case .like(let subject, let pattern, let negated):
            if negated { return subjectFacts(operand(subject), .nonSargable, op: "NOT LIKE", reason: "NOT LIKE") }
            if let prefix = Self.leadingText(of: pattern), prefix.hasPrefix("%") || prefix.hasPrefix("_") {
                return subjectFacts(
                    operand(subject), .nonSargable, op: "LIKE", reason: "leading wildcard in LIKE pattern")
            }
            return subjectFacts(operand(subject), .likePrefix, op: "LIKE")
        case .column:
            // A bare boolean column (`WHERE active`): matched as `active = true`.
            return subjectFacts(operand(condition), .equality, op: "=")
        case .subquery, .exists:
            return []  // EXISTS and scalar subqueries constrain no outer column by themselves.
        case .function(let name, _, _, _, _):
            return hiddenColumnFacts(operand(condition), op: name)
        default:
            return hiddenColumnFacts(operand(condition), op: Self.tag(of: condition))
        }
    }

    // MARK: OR, NOT

    /// An OR serves one index only when every arm constrains the same column (an IN list or a
    /// range); across columns, or with an arm on no column, no single B-tree serves it.
    private func disjunctionFacts(_ arms: [MySQLExpression]) -> [Fact] {
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

    /// `NOT` hides a condition from an index, except a negated boolean column (`NOT archived`).
    private func negatedFacts(_ condition: MySQLExpression) -> [Fact] {
        if case .column = condition { return subjectFacts(operand(condition), .equality, op: "NOT") }
        if case .inSubquery(_, _, false) = condition { return Self.notIn(facts(in: condition)) }
        return Self.distinctColumns(of: facts(in: condition)).map {
            .predicate(ColumnPredicate(column: $0, kind: .nonSargable, op: "NOT", reason: "negated condition"))
        }
    }

    private static func notIn(_ facts: [Fact]) -> [Fact] {
        distinctColumns(of: facts).map {
            .predicate(ColumnPredicate(column: $0, kind: .nonSargable, op: "NOT IN", reason: "NOT IN"))
        }
    }

    /// `col IN (SELECT …)` and `(a, b) IN (SELECT …)` probe the outer columns with a list of values.
    private func subqueryFacts(_ subject: MySQLExpression, op: String, quantifier: String) -> [Fact] {
        let subjects: [Operand] =
            if case .row(let items) = subject { items.map(operand) } else { [operand(subject)] }
        if quantifier == "ANY" && op == "=" {
            return subjects.flatMap { subjectFacts($0, .inList, op: "IN") }
        }
        return subjects.flatMap {
            subjectFacts($0, .nonSargable, op: "\(op) \(quantifier)", reason: "\(op) \(quantifier)")
        }
    }

    // MARK: Comparisons

    private func comparisonFacts(_ op: String, _ left: Operand, _ right: Operand) -> [Fact] {
        switch (left, right) {
        case (.column(let a), .column(let b)) where a.isSameRelation(as: b):
            let reason = "compares two columns of one table"
            return [a, b].map {
                .predicate(ColumnPredicate(column: $0.reference, kind: .nonSargable, op: op, reason: reason))
            }
        case (.column(let a), .column(let b)) where op == "=" || op == "<=>":
            return [.join(JoinCondition(left: a.reference, right: b.reference))]
        case (.column(let a), .column(let b)):
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

    /// The predicate of `column op other`; `comparedWith` is the column on the other side, if any.
    private static func comparison(
        _ column: ColumnReference, _ op: String, _ other: Operand? = nil, comparedWith: ColumnReference? = nil
    ) -> ColumnPredicate {
        var literal: String?
        if case .value(let value)? = other { literal = value }
        return ComparisonPredicate.make(column, op, literal: literal, comparedWith: comparedWith)
    }

    private static func mirrored(_ op: String) -> String { ComparisonPredicate.mirrored(op) }

    /// The literal start of a LIKE pattern (`CONCAT('%', ?)` starts with `%`); `nil` for a
    /// placeholder, which counts as a prefix (the slow log shows the literal when there was one).
    private static func leadingText(of pattern: MySQLExpression) -> String? {
        switch pattern {
        case .string(let text): return text
        case .function("concat", let arguments, _, _, _): return arguments.first.flatMap(leadingText(of:))
        case .cast(let inner, _): return leadingText(of: inner)
        default: return nil
        }
    }

    // MARK: Operands

    private enum Operand {
        case column(ResolvedColumn)
        /// No column of this query level; `literal` is a constant's text without quotes.
        case value(literal: String?)
        case expression(reason: String, columns: [ResolvedColumn])
    }

    private func operand(_ expression: MySQLExpression) -> Operand {
        if case .column(let parts) = expression {
            return scope.resolve(parts).map(Operand.column) ?? .value(literal: nil)
        }
        let columns = columns(in: expression)
        return columns.isEmpty
            ? .value(literal: Self.literal(expression))
            : .expression(reason: Self.hidingReason(expression), columns: columns)
    }

    /// A constant's text without quotes (`'paid'` gives `paid`, `-5` gives `-5`); `nil` otherwise.
    private static func literal(_ expression: MySQLExpression) -> String? {
        switch expression {
        case .string(let text), .number(let text): text
        case .keywordConstant(let word) where ["TRUE", "FALSE"].contains(word.uppercased()): word.lowercased()
        case .unary("-", .number(let text)): "-" + text
        case .cast(let inner, _): literal(inner)
        default: nil
        }
    }

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

    /// Why an expression around a column keeps a plain B-tree on that column from serving it.
    private static func hidingReason(_ expression: MySQLExpression) -> String {
        switch expression {
        case .function("coalesce", _, _, _, _), .function("ifnull", _, _, _, _): return "COALESCE() on column"
        case .function(let name, _, _, _, _): return "function \(name)() on column"
        case .cast(_, let type): return "cast of column to \(type)"
        case .binary(let op, _, _):
            if op == "%" || op == "mod" { return "modulo of column" }
            return ["+", "-", "*", "/", "^", "div"].contains(op) ? "arithmetic on column" : "operator \(op) on column"
        case .unary("-", _), .unary("+", _): return "arithmetic on column"
        case .other("CASE", _): return "CASE expression on column"
        case .other("MATCH", _): return "full-text MATCH on column"
        case .other("COLLATE", _): return "COLLATE on column"
        case .unary("BINARY", _): return "BINARY on column"
        default: return "expression on column"
        }
    }

    /// Columns of this query level inside an expression; subqueries belong to their own level.
    private func columns(in expression: MySQLExpression) -> [ResolvedColumn] {
        switch expression {
        case .column(let parts): return scope.resolve(parts).map { [$0] } ?? []
        case .subquery, .exists, .inSubquery, .quantified: return []
        // An aggregate (`HAVING count(o.id) > 5`) filters groups, not rows.
        case .function(_, _, _, _, true): return []
        default:
            var seen = Set<ResolvedColumn>()
            return expression.children.flatMap(columns(in:)).filter { seen.insert($0).inserted }
        }
    }

    private static func tag(of expression: MySQLExpression) -> String {
        if case .other(let name, _) = expression { return name }
        if case .unary(let op, _) = expression { return op }
        return String(String(describing: expression).prefix { $0 != "(" })
    }

    private static func distinctColumns(of facts: [Fact]) -> [ColumnReference] {
        var seen = Set<ColumnReference>()
        return facts.flatMap(\.columns).filter { seen.insert($0).inserted }
    }
}
