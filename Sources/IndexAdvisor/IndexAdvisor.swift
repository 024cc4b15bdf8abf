import AdvisorCore

/// Workload-level index selection: candidates per query, consolidation, then a greedy pick by
/// (benefit − write penalty) / size under the budget, with every cost from a `WhatIfPlanner`. A
/// chosen index may later be widened by the INCLUDE columns another candidate of its key needs,
/// and a pick later picks made unnecessary is dropped.
///
/// Benefit is measured in ms: a query's saving is `total time × cost reduction` when its time is
/// known, else `calls × cost saved × ms per cost unit` (taken from the timed queries, or
/// `IndexAdvisorOptions.defaultMsPerCostUnit`). Each round re-costs only the queries on the
/// candidate's table, with the indexes already chosen for the tables they touch.
public struct IndexAdvisor: Sendable {
    public var schema: Schema
    public var options: IndexAdvisorOptions

    public init(schema: Schema, options: IndexAdvisorOptions = IndexAdvisorOptions()) {
        self.schema = schema
        self.options = options
    }

    /// Selects indexes for `queries`.
    ///
    /// - `name` names a recommendation (the Migrations module owns naming).
    /// - `ruleIDs` maps a query's fingerprint id to the rules whose findings concern it; a
    ///   recommendation carries the union over the queries it helps.
    /// Per-query planner failures become notes or declined reasons; only a lost connection is thrown.
    public func advise(
        _ queries: [AnalyzedQuery], planner: any WhatIfPlanner, name: (IndexCandidate) -> String,
        ruleIDs: [String: [String]] = [:]
    ) throws(DriverError) -> AdvisorResult {
        var run = SelectionRun(advisor: self, planner: planner)
        return try run.select(queries, name: name, ruleIDs: ruleIDs)
    }
}
