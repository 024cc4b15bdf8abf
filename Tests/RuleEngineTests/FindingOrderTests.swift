import AdvisorCore
import RuleEngine
import Testing

/// Findings print in a stable order: severity, then share of workload time, then rule, table, query.
@Suite struct FindingOrderTests {
    private func group(_ id: String, totalMs: Double) -> AnalyzedQuery {
        AnalyzedQuery(
            group: QueryGroup(
                fingerprint: Fingerprint(id: id, normalized: id), sampleText: id, calls: 1, totalTimeMs: totalMs))
    }

    @Test func severityThenWorkloadShareThenRuleTableAndFingerprint() {
        let context = RuleContext(
            engine: .postgres, schema: Schema(engine: .postgres, serverVersion: "15", database: "x", tables: []),
            queries: [group("light", totalMs: 10), group("heavy", totalMs: 90)])
        let findings = [
            Finding(ruleID: "b-rule", severity: .warning, message: "m", table: "t", fingerprint: "light"),
            Finding(ruleID: "unused-index", severity: .info, message: "m", table: "a"),
            Finding(ruleID: "z-rule", severity: .warning, message: "m", table: "t", fingerprint: "heavy"),
            Finding(ruleID: "a-rule", severity: .warning, message: "m", table: "u", fingerprint: "light"),
            Finding(ruleID: "a-rule", severity: .warning, message: "m", table: "t", fingerprint: "light"),
            Finding(ruleID: "x", severity: .error, message: "m"),
        ]
        let expected = ["x", "z-rule/heavy", "a-rule/t", "a-rule/u", "b-rule/t", "unused-index"]
        func label(_ f: Finding) -> String {
            f.ruleID == "x" || f.ruleID == "unused-index"
                ? f.ruleID : f.ruleID == "z-rule" ? "z-rule/heavy" : "\(f.ruleID)/\(f.table!)"
        }
        #expect(RuleEngine.sorted(findings, in: context).map(label) == expected)
        #expect(RuleEngine.sorted(findings.reversed(), in: context).map(label) == expected)
    }
}
