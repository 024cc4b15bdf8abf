import AdvisorCore
import RuleEngine
import Testing

/// Every rule's examples, run as tests: the examples in `rules/` are the rules' specification.
@Suite struct RuleExampleTests {
    struct Case: CustomStringConvertible, Sendable {
        var spec: RuleSpec
        var example: RuleExample
        var description: String { "\(spec.id): \(example.name)" }
    }

    /// Query and schema examples; migration examples run in `MigrationRuleExampleTests`.
    static let cases: [Case] = ((try? RuleCatalog.builtInSpecs()) ?? []).flatMap { spec in
        spec.examples.filter { $0.migration == nil }.map { Case(spec: spec, example: $0) }
    }

    @Test(arguments: cases)
    func exampleProducesExactlyTheExpectedFindings(_ testCase: Case) throws {
        let spec = testCase.spec
        let example = testCase.example
        let configuration = RuleConfiguration(rules: [(spec.id, RuleOverride(params: example.params))])
        let engine = try RuleEngine(specs: [spec], configuration: configuration)
        let findings = engine.findings(in: try ExampleContext.context(for: example))
        let rendered = findings.map { "\($0.message) [\($0.suggestedIndex?.description ?? "no index")]" }
        try #require(
            findings.count == example.expect.count,
            "expected \(example.expect.count) finding(s), got \(findings.count): \(rendered)")
        for (finding, expected) in zip(findings, example.expect) {
            expected.expect(finding, of: spec)
        }
    }

    @Test func everyRuleHasExamples() {
        #expect(!Self.cases.isEmpty)
    }
}
