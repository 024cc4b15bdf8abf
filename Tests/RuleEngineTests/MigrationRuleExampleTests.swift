import AdvisorCore
import Migrations
import PlanParsing
import RuleEngine
import Testing

/// Every migration lint and workload regression rule's examples, run as tests: the migration files
/// of the example, read as their tool runs them, over the example's schema (or with its queries'
/// plans before and after them), must give exactly the expected findings.
@Suite struct MigrationRuleExampleTests {
    struct Case: CustomStringConvertible, Sendable {
        var spec: RuleSpec
        var example: RuleExample
        var description: String { "\(spec.id): \(example.name)" }
    }

    static let cases: [Case] = ((try? RuleCatalog.builtInSpecs()) ?? []).flatMap { spec in
        spec.examples.filter { $0.migration != nil }.map { Case(spec: spec, example: $0) }
    }

    /// The findings of `spec` alone over the example's files (given as `files`, or laid out otherwise).
    static func findings(
        _ spec: RuleSpec, _ example: RuleExample, files: [String: String]? = nil, layout: MigrationLayout? = nil,
        reviewed: [String]? = nil
    ) throws -> [MigrationFinding] {
        let migration = try #require(example.migration)
        let configuration = RuleConfiguration(rules: [(spec.id, RuleOverride(params: example.params))])
        let engine = try RuleEngine(specs: [spec], configuration: configuration)
        let scripts = try MigrationReader.read(
            files: files ?? migration.files, engine: example.engine, layout: layout ?? migration.layout)
        if RuleEngine.isRegressionRule(spec) {
            let queries = try migration.queries.map { query in
                let parts = query.at.split(separator: ":")
                return RegressionQuery(
                    label: query.at, path: parts.first.map(String.init), line: parts.last.flatMap { Int($0) },
                    sql: query.sql, before: try PlanParser.parse(json: query.plan, engine: example.engine),
                    after: try PlanParser.parse(json: query.planAfter, engine: example.engine))
            }
            return engine.regressionFindings(
                in: RegressionContext(engine: example.engine, scripts: scripts, queries: queries))
        }
        let context = MigrationContext(
            engine: example.engine, schema: try ExampleSchema.parse(example.schema, engine: example.engine),
            scripts: scripts, reviewed: (reviewed ?? migration.reviewed).map(Set.init))
        return engine.migrationFindings(in: context)
    }

    @Test(arguments: cases)
    func exampleProducesExactlyTheExpectedFindings(_ testCase: Case) throws {
        let spec = testCase.spec
        let example = testCase.example
        let findings = try Self.findings(spec, example)
        let rendered = findings.map { "\($0.path):\($0.line): \($0.finding.message)" }
        try #require(
            findings.count == example.expect.count,
            "expected \(example.expect.count) finding(s), got \(findings.count): \(rendered)")
        for (located, expected) in zip(findings, example.expect) {
            expected.expect(located.finding, of: spec)
            if let file = expected.file { #expect(located.path == file) }
            if let line = expected.line { #expect(located.line == line, "\(rendered)") }
            #expect(located.line >= 1 && located.column >= 1)
        }
    }

    @Test func everyMigrationRuleHasExamples() {
        let rules = Set(Self.cases.map(\.spec.id))
        #expect(rules == Set(RuleSpecTests.migrationRuleIDs + RuleSpecTests.regressionRuleIDs))
    }
}
