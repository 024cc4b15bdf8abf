/// How one storage engine weighs an access path in the statistics models: the per-engine
/// constants of `TableAccessModel`, so PostgreSQL's heap and InnoDB's clustered index share one
/// access-path arithmetic (prefix rule, order delivery, LIMIT) and differ only here.
struct AccessCostRules: Sendable {
    /// Extra cost per row a non-covering index matches, on top of reading its entry (1): fetching
    /// the row from the heap or the clustered index.
    var rowFetch: Double
    /// A B-tree descent costs `log2(rows)`; false when the unit is rows examined (a descent
    /// examines no row).
    var chargesDescent: Bool
    /// InnoDB: the primary key is the clustered index, holding every column, and every secondary
    /// index carries the primary key columns (MySQL "Clustered and Secondary Indexes").
    var clusteredPrimaryKey: Bool
    /// A sort is charged as the rows read back from its result (MariaDB and MySQL count them in
    /// Rows_examined: measured 2,003 index rows + 68 sorted rows = Rows_examined 2,071), not as
    /// comparison work `n log2 n / 10`.
    var sortReadsBack: Bool

    /// PostgreSQL's heap: a non-covering match costs a random heap visit, 4 × a sequential read
    /// (random_page_cost / seq_page_cost); sorts cost `n log2 n / 10`.
    static let postgresHeap = AccessCostRules(
        rowFetch: 3, chargesDescent: true, clusteredPrimaryKey: false, sortReadsBack: false)

    /// InnoDB in rows examined: one clustered-index visit per row a non-covering secondary index
    /// matches counts as one more row read; a sort adds the rows read back from it.
    static let innoDB = AccessCostRules(
        rowFetch: 1, chargesDescent: false, clusteredPrimaryKey: true, sortReadsBack: true)
}
