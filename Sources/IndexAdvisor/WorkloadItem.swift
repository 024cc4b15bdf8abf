import AdvisorCore

/// One query the selection costs: its statement, weight and baseline.
struct WorkloadItem {
    var query: AnalyzedQuery
    /// Lowercased names of the tables it touches.
    var tables: Set<String>
    var calls: Double
    /// Planner cost per call without new indexes.
    var baseline: Double
    /// ms per cost unit per call, so `calls × cost saved × msPerCost` is time saved.
    var msPerCost: Double = 0

    var statement: String { query.planningText }
    /// Execution time is known for this query.
    var isTimed: Bool { query.group.totalTimeMs > 0 }
    /// The whole query's weight in ms (its share of the workload).
    var weightMs: Double { calls * baseline * msPerCost }

    /// `indexes` restricted to the tables this query touches (keeps what-if questions small and cacheable).
    func relevant(_ indexes: [IndexCandidate]) -> [IndexCandidate] {
        indexes.filter { tables.contains($0.table.lowercased()) }
    }
}
