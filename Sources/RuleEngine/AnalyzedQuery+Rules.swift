import AdvisorCore

extension AnalyzedQuery {
    /// The plan to judge: EXPLAIN's, or the one the server logged (auto_explain) when there is none.
    var planForRules: Plan? { plan ?? group.loggedPlan }

    /// The shape's table names, each once, in order of appearance.
    var tableNames: [String] {
        var seen: Set<String> = []
        return (shape?.tables ?? []).map(\.name).filter { seen.insert($0.lowercased()).inserted }
    }

    /// Rows the statement returned or affected per call, when the source counted them.
    var rowsPerCall: Double? {
        guard let rows = group.rows, group.calls > 0 else { return nil }
        return Double(rows) / Double(group.calls)
    }

    /// The statement returns or writes at least `share` of a table of `tableRows` rows per call:
    /// a bulk statement (a copy, an export, a backfill) that reads the table by design, which no
    /// index would make cheaper.
    func isBulk(overTableOf tableRows: Double, share: Double) -> Bool {
        guard let rows = rowsPerCall, tableRows > 0 else { return false }
        return rows >= share * tableRows
    }

    /// The first evidence lines of every query finding: workload figures and the statement.
    func workloadEvidence(in context: RuleContext) -> [String] {
        [EvidenceText.workload(group, in: context), EvidenceText.sql(group)]
    }
}
