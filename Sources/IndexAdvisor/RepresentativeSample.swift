import AdvisorCore

/// The statement to plan for a query group whose source did not time its executions (a folder of
/// `.sql` files): among the group's texts, the one whose constants the statistics say match the
/// most rows — a bestseller's reviews, a B2B account's orders. Those calls dominate the group's
/// time, and they are the ones an index must serve; the first text seen may be a quiet value.
public enum RepresentativeSample {
    /// `group.sampleText`, or the other sample with more estimated rows (ties keep the first seen).
    public static func heaviest(
        of group: QueryGroup, schema: Schema, shape: (String) -> QueryShape?
    ) -> String {
        var best = (text: group.sampleText, rows: estimatedRows(group.sampleText, schema: schema, shape: shape))
        for text in group.otherSamples {
            let rows = estimatedRows(text, schema: schema, shape: shape)
            if let rows, rows > (best.rows ?? -1) { best = (text, rows) }
        }
        return best.text
    }

    /// Σ over the statement's tables of rows × the selectivity of its equalities with a constant;
    /// `nil` when the statement does not parse.
    static func estimatedRows(_ text: String, schema: Schema, shape: (String) -> QueryShape?) -> Double? {
        guard let shape = shape(text) else { return nil }
        var total = 0.0
        var seen: Set<String> = []
        for reference in shape.tables where seen.insert(reference.name.lowercased()).inserted {
            let table = schema.table(named: reference.name, schema: reference.schema)
            let rows = table?.estimatedRows ?? 1000
            let selectivity = shape.predicates(on: reference.name)
                .filter { $0.kind == .equality && $0.value != nil }
                .reduce(1.0) { $0 * ColumnSelectivity.equality($1.column.column, in: table, value: $1.value) }
            total += rows * selectivity
        }
        return total
    }
}
