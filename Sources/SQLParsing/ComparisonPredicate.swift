import AdvisorCore

/// How a B-tree sees `column op …`: the same in both dialects' predicate classifiers.
enum ComparisonPredicate {
    /// The predicate of `column op other`: `literal` is the constant on the other side and
    /// `comparedWith` the column there, when the other side is one of those.
    static func make(
        _ column: ColumnReference, _ op: String, literal: String? = nil, comparedWith: ColumnReference? = nil
    ) -> ColumnPredicate {
        var predicate: ColumnPredicate
        switch op {
        // `<=>` (MySQL's NULL-safe equality) is a ref access like `=` (MySQL manual 10.2.1.1).
        case "=", "<=>": predicate = ColumnPredicate(column: column, kind: .equality, op: op, value: literal)
        case "<", "<=", ">", ">=": predicate = ColumnPredicate(column: column, kind: .range, op: op)
        case "<>": predicate = ColumnPredicate(column: column, kind: .nonSargable, op: op, reason: "inequality <>")
        default:
            predicate = ColumnPredicate(
                column: column, kind: .nonSargable, op: op, reason: "operator \(op) is not B-tree indexable")
        }
        predicate.otherColumn = comparedWith
        return predicate
    }

    /// `10 < price` reads as `price > 10`.
    static func mirrored(_ op: String) -> String {
        ["<": ">", ">": "<", "<=": ">=", ">=": "<="][op] ?? op
    }
}
