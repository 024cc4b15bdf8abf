import AdvisorCore
import Foundation
import RuleEngine
import Testing

@testable import dbadvisor

/// `dbadvisor rules list` and `rules explain`: every built-in rule, as the configuration file sets it.
@Suite("Rules command")
struct RulesCommandTests {
    static let builtInIDs = [
        "missing-composite-index", "missing-covering-index", "non-sargable-predicate", "full-table-scan",
        "foreign-key-without-index", "redundant-index", "unused-index", "sort-without-index", "high-rows-examined",
        "n-plus-one",
    ]

    /// The migration lint and workload regression rules of `dbadvisor check`, listed with the others.
    static let migrationIDs = [
        "require-concurrent-index-creation", "ban-concurrent-index-creation-in-transaction",
        "require-concurrent-index-deletion", "require-online-index-algorithm", "redundant-new-index",
        "wide-new-index", "new-foreign-key-without-index", "plan-regression", "unused-new-index",
    ]

    /// Every rule `rules list` shows.
    static var allIDs: [String] { builtInIDs + migrationIDs }

    /// A configuration file in a fresh temporary directory; removed by the caller.
    func temporaryConfiguration(_ yaml: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-rules-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("dbadvisor.yml")
        try Data(yaml.utf8).write(to: file)
        return file
    }

    /// The `rules list` line of one rule.
    func line(of id: String, in stdout: String) -> String? {
        stdout.split(separator: "\n").first { $0.hasPrefix(id + " ") }.map(String.init)
    }

    @Test func listShowsEveryBuiltInRuleWithItsSeverityAndEngines() throws {
        let run = try CLI.run(["rules", "list"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("RULE "))
        for id in Self.allIDs {
            #expect(line(of: id, in: run.stdout) != nil, "\(id) missing from:\n\(run.stdout)")
        }
        #expect(line(of: "unused-index", in: run.stdout)?.contains(" info ") == true)
        #expect(line(of: "foreign-key-without-index", in: run.stdout)?.contains(" postgres ") == true)
        #expect(run.stdout.contains("\(Self.allIDs.count) rules."))
    }

    @Test func listIsTheDefaultSubcommand() throws {
        let run = try CLI.run(["rules"])
        #expect(run.status == 0)
        #expect(run.stdout == (try CLI.run(["rules", "list"])).stdout)
    }

    @Test func listAsJSONHasEveryRule() throws {
        let run = try CLI.run(["rules", "list", "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
        let rules = object?["rules"] as? [[String: Any]] ?? []
        #expect(rules.compactMap { $0["id"] as? String }.sorted() == Self.allIDs.sorted())
        #expect(rules.allSatisfy { $0["rationale"] == nil && $0["examples"] == nil })
    }

    @Test func configurationDisablesRulesAndOverridesSeverities() throws {
        let file = try temporaryConfiguration(
            """
            rules:
              unused-index: { enabled: false }
              full-table-scan: { severity: error }
            """)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run(["rules", "list", "--config", file.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(line(of: "unused-index", in: run.stdout)?.contains(" disabled ") == true, "\(run.stdout)")
        #expect(line(of: "full-table-scan", in: run.stdout)?.contains(" error (built-in: warning) ") == true)
        #expect(run.stdout.contains("\(Self.allIDs.count) rules, 1 disabled (settings from \(file.path))."))

        let json = try CLI.run(["rules", "list", "--config", file.path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rules = object?["rules"] as? [[String: Any]] ?? []
        let unused = rules.first { $0["id"] as? String == "unused-index" }
        #expect(unused?["enabled"] as? Bool == false)
        #expect(object?["configuration"] as? String == file.path)
    }

    @Test(arguments: [["rules", "list"], ["rules", "explain", "full-table-scan"]])
    func missingNamedConfigurationIsAUsageError(arguments: [String]) throws {
        let run = try CLI.run(arguments + ["--config", "/nonexistent/dbadvisor.yml"])
        #expect(run.status == 2)
        #expect(run.stderr == "error: /nonexistent/dbadvisor.yml: no such configuration file\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func configurationWithAnUnknownRuleIsAUsageError() throws {
        let file = try temporaryConfiguration("rules:\n  no-such-rule: { enabled: false }\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run(["rules", "list", "--config", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("rules.no-such-rule"))
    }

    @Test func explainShowsAttributesParametersRationaleAndExamples() throws {
        let run = try CLI.run(["rules", "explain", "full-table-scan"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("full-table-scan: Selective filter answered by reading the whole table\n"))
        for text in [
            "  severity  warning\n", "  engines   postgres, mysql, mariadb\n", "  min_rows         10000 (default)\n",
            "rationale:\n", "examples:\n", ": triggers\n", ": passes\n",
            "SELECT * FROM orders WHERE tracking_number = 'JJD2260438662'",
            "-> full scan of orders (400k rows) for (tracking_number =)",
        ] {
            #expect(run.stdout.contains(text), "missing \(text) in:\n\(run.stdout)")
        }
    }

    @Test func explainShowsConfiguredParameterBesideItsDefault() throws {
        let file = try temporaryConfiguration("rules:\n  full-table-scan: { params: { min_rows: 50000 } }\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try CLI.run(["rules", "explain", "full-table-scan", "--config", file.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("min_rows         50000 (built-in: 10000; set in \(file.path))"))

        let json = try CLI.run(["rules", "explain", "full-table-scan", "--config", file.path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rule = object?["rule"] as? [String: Any]
        let params = rule?["params"] as? [[String: Any]] ?? []
        let minRows = params.first { $0["name"] as? String == "min_rows" }
        #expect(minRows?["value"] as? Int == 50000)
        #expect(minRows?["defaultValue"] as? Int == 10000)
        #expect((rule?["examples"] as? [Any])?.isEmpty == false)
    }

    @Test func unknownRuleIsOneErrorLineNamingTheClosestIDs() throws {
        let run = try CLI.run(["rules", "explain", "full-scan"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.hasPrefix("error: unknown rule 'full-scan' (closest: full-table-scan"))
    }

    @Test func unknownRuleWithNothingNearListsEveryID() throws {
        let run = try CLI.run(["rules", "explain", "xyzzy"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1)
        for id in Self.builtInIDs { #expect(run.stderr.contains(id)) }
    }

    // No built-in rule has been renamed yet, so aliases are checked on a rule made here.
    @Test func explainAcceptsAFormerID() throws {
        var renamed = RuleSpec(
            id: "full-table-scan", title: "Scan", severity: .warning, engines: [.postgres], check: "FullTableScanCheck",
            rationale: "Why.", aliases: ["seq-scan"])
        renamed.category = "scans"
        let rules = ConfiguredRules(rules: [renamed], builtIn: [renamed.id: renamed], configurationPath: nil)
        #expect(rules.description(of: "seq-scan")?.id == "full-table-scan")
        #expect(
            rules.description(of: "seq-scan")?.explainText(configuration: nil).contains("  aliases   seq-scan\n")
                == true)
        #expect(rules.closestIDs(to: "seqscan") == ["full-table-scan"])
    }

    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("same", "same", 0), ("flaw", "lawn", 2)])
    func editDistanceCountsInsertionsDeletionsAndSubstitutions(a: String, b: String, distance: Int) {
        #expect(ConfiguredRules.editDistance(a, b) == distance)
    }
}
