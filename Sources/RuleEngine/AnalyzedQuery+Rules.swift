import AdvisorCore

extension AnalyzedQuery {
    /// The plan to judge: EXPLAIN's, or the one the server logged (auto_explain) when there is none.
    var planForRules: Plan? { plan ?? group.loggedPlan }

    /// The shape's table names, each once, in order of appearance.
    var tableNames: [String] {
        var seen: Set<String> = []
        return (shape?.tables ?? []).map(\.name).filter { seen.insert($0.lowercased()).inserted }
    }

    /// The first evidence lines of every query finding: workload figures and the statement.
    func workloadEvidence(in context: RuleContext) -> [String] {
        [EvidenceText.workload(group, in: context), EvidenceText.sql(group)]
    }
}
