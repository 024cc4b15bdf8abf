import AdvisorCore

/// What a bounded sample of one column held: rows, NULLs, distinct non-NULL values and the values
/// seen exactly once, counted by the server (so equality follows the column's collation, as the
/// optimizer's does: 'A' and 'a' are one value under a case-insensitive collation).
struct ColumnSample: Equatable {
    var rows: Double
    var nullRows: Double
    var distinct: Double
    var singletons: Double

    init(rows: Double, nullRows: Double, distinct: Double, singletons: Double) {
        self.rows = rows
        self.nullRows = nullRows
        self.distinct = distinct
        self.singletons = singletons
    }

    init?(_ row: QueryResult.Row) {
        guard let rows = row.double("sample_rows"), let nulls = row.double("null_rows"),
            let distinct = row.double("distinct_values"), let singletons = row.double("singletons")
        else { return nil }
        self.init(rows: rows, nullRows: nulls, distinct: distinct, singletons: singletons)
    }

    /// Statistics for a table of `tableRows` rows; `complete` when the sample was the whole table
    /// (then the counts are exact).
    func statistics(tableRows: Double?, complete: Bool) -> (nullFraction: Double?, distinct: Double?) {
        guard rows > 0 else { return (nil, complete ? 0 : nil) }
        let nullFraction = nullRows / rows
        if complete { return (nullFraction, distinct) }
        let total = max(tableRows ?? rows, rows)
        let distinctValues = DistinctEstimator.estimate(
            sampleNonNullRows: rows - nullRows, distinct: distinct, singletons: singletons,
            tableNonNullRows: total * (1 - nullFraction))
        return (nullFraction, distinctValues)
    }
}
