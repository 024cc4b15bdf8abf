import AdvisorCore

/// Fractions of a table's rows a predicate keeps, from planner statistics (PostgreSQL's defaults
/// where statistics are missing: selfuncs.h DEFAULT_EQ_SEL 0.005, DEFAULT_INEQ_SEL 1/3).
public enum ColumnSelectivity {
    /// `column = value`: the value's own frequency when the statistics single it out (a most
    /// common value, a value filling histogram buckets), else the non-NULL rows spread over the
    /// distinct values.
    public static func equality(_ column: String, in table: Table?, value: String? = nil) -> Double {
        guard let statistics = table?.column(named: column)?.statistics else { return 0.005 }
        if let value, let frequency = statistics.frequency(of: value) { return frequency }
        guard let distinct = statistics.distinctValues, distinct > 0 else { return 0.005 }
        return (1 - (statistics.nullFraction ?? 0)) / distinct
    }

    /// `column IN (…)` with a handful of values (the list length is not in the shape).
    public static func inList(_ column: String, in table: Table?) -> Double {
        min(1, 5 * equality(column, in: table))
    }

    /// `column IS NULL`.
    public static func isNull(_ column: String, in table: Table?) -> Double {
        table?.column(named: column)?.statistics?.nullFraction ?? 0.005
    }

    /// `<`, `>`, `BETWEEN`, `LIKE 'abc%'`: the planner's default for an unknown bound.
    public static let range = 1.0 / 3.0
}
