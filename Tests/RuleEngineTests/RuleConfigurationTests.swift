import AdvisorCore
import RuleEngine
import Testing

/// `.dbadvisor.yml`: turning rules off, changing severity and thresholds, suppressing findings,
/// and clear errors for keys that do not exist.
@Suite struct RuleConfigurationTests {
    /// The tracking-number lookup of the full-table-scan examples.
    private func trackingLookup() throws -> RuleContext {
        let spec = try #require(try RuleCatalog.builtInSpecs().first { $0.id == "full-table-scan" })
        return try ExampleContext.context(for: spec.examples[0])
    }

    private func findings(_ yaml: String) throws -> [Finding] {
        try RuleEngine(configurationYAML: yaml).findings(in: trackingLookup())
    }

    @Test func defaultsReportTheFullTableScan() throws {
        let found = try findings("")
        #expect(found.map(\.ruleID) == ["full-table-scan"])
        #expect(found.first?.severity == .warning)
    }

    /// A blank file, or none, is the empty configuration; a file of comments only too.
    @Test func blankOrCommentOnlyTextIsTheEmptyConfiguration() throws {
        for text in ["", "\n", "  \r\n\n", "# nothing set yet\n"] {
            #expect(try RuleConfiguration(yaml: text) == RuleConfiguration(), "\(text.debugDescription)")
        }
    }

    @Test func aDisabledRuleReportsNothing() throws {
        #expect(try findings("rules:\n  full-table-scan: { enabled: false }\n").isEmpty)
    }

    @Test func severityCanBeRaised() throws {
        #expect(try findings("rules:\n  full-table-scan:\n    severity: error\n").first?.severity == .error)
    }

    @Test func aHigherThresholdSilencesTheRule() throws {
        #expect(try findings("rules:\n  full-table-scan: { params: { min_rows: 500000 } }\n").isEmpty)
        #expect(try findings("rules:\n  full-table-scan: { params: { max_selectivity: 0.5 } }\n").count == 1)
    }

    @Test func aFindingIsSuppressedByFingerprintOrTable() throws {
        let fingerprint = try #require(try findings("").first?.fingerprint)
        #expect(try findings("suppress:\n  - { fingerprint: \(fingerprint) }\n").isEmpty)
        #expect(try findings("suppress:\n  - { rule: full-table-scan, table: orders }\n").isEmpty)
        #expect(try findings("suppress:\n  - { table: public.orders }\n").isEmpty)
        #expect(try findings("suppress:\n  - { rule: full-table-scan, table: customers }\n").count == 1)
        #expect(try findings("suppress:\n  - { rule: sort-without-index, table: orders }\n").count == 1)
    }

    @Test func otherTopLevelKeysBelongToTheCLI() throws {
        #expect(try findings("budget: 500MB\nformat: json\n").count == 1)
    }

    @Test(arguments: [
        ("rules:\n  full-tabel-scan: { enabled: false }\n", "rules.full-tabel-scan"),
        ("rules:\n  full-table-scan: { params: { min_row: 5 } }\n", "rules.full-table-scan.params.min_row"),
        ("rules:\n  full-table-scan: { params: { min_rows: many } }\n", "rules.full-table-scan.params.min_rows"),
        ("rules:\n  full-table-scan: { enable: false }\n", "rules.full-table-scan.enable"),
        ("rules:\n  full-table-scan: { severity: fatal }\n", "rules.full-table-scan.severity"),
        ("suppress:\n  - { rule: nope, table: orders }\n", "suppress[0].rule"),
        ("suppress:\n  - { rule: full-table-scan }\n", "suppress[0]"),
        ("suppress:\n  - { tabel: orders }\n", "suppress[0].tabel"),
    ])
    func unknownOrMalformedKeysAreErrorsNamingTheKey(yaml: String, key: String) {
        #expect {
            try RuleEngine(configurationYAML: yaml)
        } throws: { error in
            guard case RuleEngineError.invalidConfiguration(let reported, _) = error else { return false }
            return reported == key && "\(error)".contains(key)
        }
    }

    @Test func unknownParameterErrorListsTheKnownOnes() {
        #expect {
            try RuleEngine(configurationYAML: "rules:\n  full-table-scan: { params: { min_row: 5 } }\n")
        } throws: { error in
            "\(error)".contains("known: max_selectivity, min_rows")
        }
    }

    @Test func invalidYAMLIsAnError() {
        #expect(throws: RuleEngineError.self) { try RuleEngine(configurationYAML: "rules: [unclosed\n") }
    }

    @Test func anIntegerIsAcceptedWhereANumberIsExpected() throws {
        let engine = try RuleEngine(
            configurationYAML: "rules:\n  full-table-scan: { params: { max_selectivity: 1 } }\n")
        let spec = try #require(engine.rules.first { $0.id == "full-table-scan" })
        #expect(spec.params.values["max_selectivity"] == .double(1))
    }
}
