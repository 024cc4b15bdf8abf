import AdvisorCore
import RuleEngine
import Testing

extension ExpectedFinding {
    /// Records an issue for every way `finding` of rule `spec` differs from this expectation, and
    /// when it lacks the evidence and help every finding carries. (File and line are the
    /// migration examples' own, checked by their test.)
    func expect(_ finding: Finding, of spec: RuleSpec) {
        #expect(finding.ruleID == spec.id)
        #expect(finding.severity == spec.severity)
        if let table { #expect(finding.table == table) }
        if let message { #expect(finding.message == message) }
        if let messageContains {
            #expect(finding.message.contains(messageContains), "message: \(finding.message)")
        }
        if let suggestedIndex {
            #expect((finding.suggestedIndex?.description ?? "none") == suggestedIndex)
        }
        if let helpContains {
            #expect(finding.help?.contains(helpContains) == true, "help: \(finding.help ?? "none")")
        }
        #expect(!finding.evidence.isEmpty, "every finding carries evidence")
        #expect(finding.help != nil, "every finding says what to do")
    }
}
