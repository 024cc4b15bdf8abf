import Foundation

/// One table access of the statistics models, broken down so an engine's `AccessCostRules` can
/// weigh it and a log's Rows_examined can calibrate it.
struct AccessCost: Equatable, Sendable {
    /// Index entries or table rows read (a scan's rows; an index path's matched entries).
    var examined: Double
    /// Rows fetched from the table for a non-covering index (heap or clustered-index visits).
    var fetched: Double
    /// Rows sorted because the path does not deliver the ORDER BY.
    var sorted: Double
    /// Rows read back from the sort result (LIMIT caps them).
    var sortedReadBack: Double
    /// B-tree descents (1 for an index path, 0 for a scan).
    var descents: Double
    /// Rows of the table the path passes on, after all the table's predicates.
    var outputRows: Double
    /// Rows of the table, for the descent's `log2`.
    var tableRows: Double

    /// The cost in the rules' unit.
    func cost(_ rules: AccessCostRules) -> Double {
        let descent = rules.chargesDescent ? descents * log2(tableRows) : 0
        let sort = rules.sortReadsBack ? sortedReadBack : (sorted > 1 ? sorted * log2(sorted) / 10 : 0)
        return descent + examined + fetched * rules.rowFetch + sort
    }

    /// What MySQL's slow log would count as Rows_examined: rows read plus rows read back from a sort.
    var rowsExamined: Double { examined + sortedReadBack }

    /// This access repeated `loops` times (the inner side of a nested-loop join).
    func repeated(_ loops: Double) -> AccessCost {
        AccessCost(
            examined: examined * loops, fetched: fetched * loops, sorted: sorted * loops,
            sortedReadBack: sortedReadBack * loops, descents: descents * loops, outputRows: outputRows * loops,
            tableRows: tableRows)
    }
}
