import AdvisorCore
import Foundation
import RuleEngine
import Testing

/// The rule files: they parse, follow the conventions, and every check they name exists.
@Suite struct RuleSpecTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyBuiltInRuleFileParsesAndFollowsTheConventions() throws {
        let specs = try RuleCatalog.builtInSpecs()
        #expect(
            specs.map(\.id).sorted()
                == ([
                    "foreign-key-without-index", "full-table-scan", "high-rows-examined", "missing-composite-index",
                    "missing-covering-index", "n-plus-one",
                    "non-sargable-predicate", "redundant-index", "sort-without-index", "unused-index",
                ] + Self.migrationRuleIDs + Self.regressionRuleIDs).sorted())
        for spec in specs {
            #expect(!spec.title.isEmpty && !spec.rationale.isEmpty, "\(spec.id)")
            #expect(spec.examples.contains(where: { $0.triggers }), "\(spec.id) needs a triggering example")
            #expect(spec.examples.contains(where: { !$0.triggers }), "\(spec.id) needs a passing example")
            #expect(
                ["scans", "indexes", "sorting", "predicates", "schema", "queries", "migrations", "regression"].contains(
                    spec.category), "\(spec.id)"
            )
        }
    }

    /// Rule files are decoded on several threads; a bad one is still reported as a serial read
    /// reports it: the first in path order.
    @Test func theFirstBadRuleFileInPathOrderIsTheOneReported() throws {
        let template = try String(
            contentsOf: Self.repository.appendingPathComponent("rules/scans/full-table-scan.yml"), encoding: .utf8)
        var files: [String: String] = [:]
        for k in 0..<12 {
            files["scans/rule-\(k).yml"] = template.replacingOccurrences(
                of: "id: full-table-scan", with: "id: rule-\(k)")
        }
        /// The file the decoding of `files` reports as bad.
        func reported() -> String? {
            do {
                _ = try RuleCatalog.specs(fromFiles: files, withExamples: false)
            } catch {
                if case .invalidRuleFile(let path, _) = error { return path }
            }
            return nil
        }
        #expect(try RuleCatalog.specs(fromFiles: files, withExamples: false).count == 12)
        files["scans/rule-2.yml"] = "id: [unclosed"
        files["scans/rule-9.yml"] = files["scans/rule-8.yml"]
        #expect(reported() == "scans/rule-2.yml")
        files["scans/rule-2.yml"] = files["scans/rule-3.yml"]
        #expect(reported() == "scans/rule-2.yml")
    }

    /// Runs that only apply the rules load them without their examples: the same rules otherwise.
    @Test func rulesLoadedWithoutExamplesAreTheSameRulesOtherwise() throws {
        let full = try RuleCatalog.builtInSpecs()
        let lean = try RuleCatalog.builtInSpecs(withExamples: false)
        #expect(lean.allSatisfy { $0.examples.isEmpty })
        #expect(
            lean
                == full.map { spec in
                    var without = spec
                    without.examples = []
                    return without
                })
        #expect(try RuleEngine(withExamples: false).rules == lean)
    }

    /// The migration lint rules of `dbadvisor check`.
    static let migrationRuleIDs = [
        "ban-concurrent-index-creation-in-transaction", "new-foreign-key-without-index", "redundant-new-index",
        "require-concurrent-index-creation", "require-concurrent-index-deletion", "require-online-index-algorithm",
        "wide-new-index",
    ]

    /// The workload regression rules of `dbadvisor check --dsn … --workload …`.
    static let regressionRuleIDs = ["plan-regression", "unused-new-index"]

    @Test func everyRuleNamesAnExistingCheck() throws {
        let names = Set(
            RuleEngine.builtInChecks.map { type(of: $0).name }
                + RuleEngine.builtInMigrationChecks.map { type(of: $0).name }
                + RuleEngine.builtInRegressionChecks.map { type(of: $0).name })
        for spec in try RuleCatalog.builtInSpecs() {
            #expect(names.contains(spec.check), "\(spec.id) names \(spec.check)")
        }
        _ = try RuleEngine()
    }

    @Test func theFileNameMustBeTheID() {
        let yaml = try! String(
            contentsOf: Self.repository.appendingPathComponent("rules/scans/full-table-scan.yml"), encoding: .utf8)
        #expect(throws: RuleEngineError.self) { try RuleCatalog.spec(path: "scans/table-scan.yml", yaml: yaml) }
    }

    @Test func aMissingRequiredFieldIsNamed() {
        let yaml = "id: x\ntitle: X\nseverity: info\nengines: [postgres]\ncheck: C\n"
        #expect {
            try RuleCatalog.spec(path: "scans/x.yml", yaml: yaml)
        } throws: { error in
            "\(error)".contains("rationale")
        }
    }

    @Test func aRuleWithoutAPassingExampleIsRejected() {
        let yaml = """
            id: x
            title: X
            severity: info
            engines: [postgres]
            check: UnusedIndexCheck
            rationale: r
            examples:
              - name: only one
                triggers: true
                schema: t rows=1
                expect:
                  - table: t
            """
        #expect {
            try RuleCatalog.spec(path: "schema/x.yml", yaml: yaml)
        } throws: { error in
            "\(error)".contains("one that passes")
        }
    }

    @Test func aRuleNamingAnUnknownCheckIsRejected() throws {
        var spec = try #require(try RuleCatalog.builtInSpecs().first)
        spec.check = "NoSuchCheck"
        #expect(throws: RuleEngineError.unknownCheck(rule: spec.id, check: "NoSuchCheck")) {
            try RuleEngine(specs: [spec])
        }
    }
}
