/// The knobs of index selection (`--budget`, `--max-index-width`, `--min-gain`).
public struct IndexAdvisorOptions: Sendable, Equatable {
    /// Total estimated size the recommended indexes may take; `nil` means unlimited.
    public var budgetBytes: Int64?
    /// Most key columns one index may have (INCLUDE columns not counted).
    public var maxIndexWidth: Int
    /// Smallest gain worth an index, as a fraction of the workload's cost (0.001 = 0.1%).
    public var minGain: Double
    /// Smallest cost cut an index must bring to at least one query (0.5 = 50%, Dexter's default
    /// `--min-cost-savings-pct`): a few percent off a query is within the planner's error and not
    /// worth an index's writes and space.
    public var minQueryReduction: Double
    /// A gain of at least this share of the workload's cost is not planner noise: it then needs
    /// only `significantQueryReduction` off some query (cutting the heaviest TPC-H query by 38%
    /// saves a twelfth of that workload, and Dexter's 50% floor would decline it).
    public var significantShare: Double
    /// The cost cut on one query that a gain of `significantShare` or more must still bring.
    public var significantQueryReduction: Double
    /// Most INCLUDE columns a covering variant may carry; wider variants are not generated.
    public var maxIncludedColumns: Int
    /// Most INCLUDE columns a chosen index may reach when the selection widens it with another
    /// candidate's columns (one index of a key serving several queries, instead of two).
    public var maxWidenedIncludedColumns: Int
    /// A constant predicate whose value keeps at most this share of the table's rows (a queue's
    /// `status = 'pending'`, `processed_at IS NULL`) also yields a partial-index candidate on
    /// PostgreSQL: the index then holds only those rows.
    public var partialIndexMaxFraction: Double
    /// Estimated index maintenance per written row and index, in ms. Measured on PostgreSQL 15:
    /// inserting 200k rows into `reviews` took 1.5 µs more per row for each extra B-tree (bulk
    /// insert, cached pages); OLTP writes cost more, so this is a floor.
    public var writeCostMsPerRow: Double
    /// Converts planner cost to ms for queries whose time is unknown, when no query of the workload
    /// has both (measured on the shop sample: a sequential scan of `orders`, cost ≈ 10,000, took 48 ms).
    public var defaultMsPerCostUnit: Double

    public init(
        budgetBytes: Int64? = nil, maxIndexWidth: Int = 3, minGain: Double = 0.001, minQueryReduction: Double = 0.5,
        significantShare: Double = 0.05, significantQueryReduction: Double = 0.2, maxIncludedColumns: Int = 4,
        maxWidenedIncludedColumns: Int = 6, partialIndexMaxFraction: Double = 0.2,
        writeCostMsPerRow: Double = 0.0015, defaultMsPerCostUnit: Double = 0.005
    ) {
        self.budgetBytes = budgetBytes
        self.maxIndexWidth = maxIndexWidth
        self.minGain = minGain
        self.minQueryReduction = minQueryReduction
        self.significantShare = significantShare
        self.significantQueryReduction = significantQueryReduction
        self.maxIncludedColumns = maxIncludedColumns
        self.maxWidenedIncludedColumns = maxWidenedIncludedColumns
        self.partialIndexMaxFraction = partialIndexMaxFraction
        self.writeCostMsPerRow = writeCostMsPerRow
        self.defaultMsPerCostUnit = defaultMsPerCostUnit
    }

    /// Whether a gain that cuts one query's cost by `bestReduction` at most, and saves `share` of
    /// the workload, is worth an index: a large cut of one query, or a large share with a cut
    /// beyond the planner's error.
    public func meetsQueryFloor(bestReduction: Double, share: Double) -> Bool {
        bestReduction >= minQueryReduction
            || (share >= significantShare && bestReduction >= min(minQueryReduction, significantQueryReduction))
    }
}
