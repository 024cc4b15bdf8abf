import AdvisorCore
import Foundation
import Reports
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The formats of `dbadvisor check`: SARIF valid against the 2.1.0 schema's structure, GitHub
/// workflow commands escaped and worst first, a Markdown job summary, JUnit XML, the baseline.
@Suite struct CheckReportTests {
    let report = CheckReportFixture.report

    @Test func sarifIsValidAgainstTheSchemaStructure() throws {
        let sarif = try report.sarif()
        #expect(SARIFValidation.violations(of: sarif) == [])
        // The validator is not vacuous: a broken document is caught field by field.
        let broken = sarif.replacingOccurrences(of: #""startLine" : 2"#, with: #""startLine" : 0"#)
            .replacingOccurrences(of: #""version" : "2.1.0""#, with: #""version" : "2.0""#)
        #expect(SARIFValidation.violations(of: broken).count == 2, "\(SARIFValidation.violations(of: broken))")
    }

    @Test func sarifCarriesRuleMetadataAndOneLocationPerResult() throws {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(report.sarif().utf8)) as? [String: Any])
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dbadvisor")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == CheckReportFixture.rules.map(\.id))
        #expect(rules.first?["name"] as? String == "RequireConcurrentIndexCreation")
        #expect((rules.first?["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        #expect(
            (rules[1]["fullDescription"] as? [String: Any])?["text"] as? String
                == "Every key column makes the index larger.")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "error"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1, 2])
        let locations = try #require(results.first?["locations"] as? [[String: Any]])
        #expect(locations.count == 1)
        let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
        // Repository-relative, forward slashes, the space escaped as a URI needs.
        #expect(
            (physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "db/migrate/002_orders%20status.sql")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 2)
        // The fingerprint does not depend on the line, so an alert survives edits above it.
        var moved = report
        moved.findings[0].location?.line = 40
        let fingerprint = { (sarif: String) -> String? in
            let log = try? JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
            let result = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first
            return (result?["partialFingerprints"] as? [String: String])?["dbadvisorFinding/v1"]
        }
        #expect(fingerprint(try report.sarif()) != nil)
        #expect(fingerprint(try report.sarif()) == fingerprint(try moved.sarif()))
    }

    @Test func githubAnnotationsAreEscapedAndWorstFirst() {
        let lines = report.githubAnnotations.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.map { $0.prefix(9) } == ["::error f", "::error f", "::warning"])
        #expect(
            lines[0].hasPrefix(
                "::error file=db/migrate/002_orders status.sql,line=2,col=1,title=dbadvisor require-concurrent-index-creation::"
            ))
        // Data: % and newlines escaped; the help follows the message on its own line.
        #expect(lines[2].contains("keep 100%25 of the <useful> columns"))
        #expect(lines[0].contains("finishes%0Ahelp: CREATE INDEX CONCURRENTLY"))

    }

    @Test func markdownSummaryHasTheVerdictFindingsAndPlans() {
        let summary = report.markdownSummary(failOn: .error)
        #expect(summary.hasPrefix("### dbadvisor check: ❌ failed\n"))
        #expect(summary.contains("2 errors, 1 warning in 3 migration files; fails on error and above."))
        #expect(summary.contains("| error | `plan-regression` | `db/migrate/004_drop.sql:1` |"))
        #expect(summary.contains("#### Workload plans (3 queries, 2 changed)"))
        #expect(summary.contains("| `queries/orders.sql:9` | estimated cost 1,835 -> 12 (-99%) | Seq Scan on orders |"))
        var clean = report
        clean.findings = []
        #expect(clean.markdownSummary(failOn: .warning).hasPrefix("### dbadvisor check: ✅ passed"))
    }

    /// GitHub renders `<useful>` in a summary as an HTML tag, which hides the word.
    @Test func markdownSummaryEscapesMarkupInMessages() {
        let summary = report.markdownSummary(failOn: .error)
        #expect(summary.contains("keep 100% of the \\<useful> columns"), "\(summary)")
    }

    @Test func junitIsWellFormedWithFailuresAtOrAboveTheThreshold() throws {
        let xml = report.junitXML(failOn: .error)
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(xml.contains(#"<testsuites name="dbadvisor check" tests="3" failures="2">"#))
        #expect(
            xml.contains(
                #"<failure type="require-concurrent-index-creation" message="db/migrate/002_orders status.sql:2: index"#
            ))
        // The warning is below the threshold: reported, not failed.
        #expect(xml.contains("<system-out>warning[wide-new-index]"))
        #expect(xml.contains("&lt;useful&gt;"))
        #expect(report.junitXML(failOn: .warning).contains(#"failures="3""#))
    }

    @Test func baselineAcceptsKnownFindingsWhateverTheirLine() throws {
        var accepted = report
        accepted.findings.removeLast()
        let baseline = CheckBaseline(accepting: accepted)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: directory) }
        try baseline.json().write(to: directory, atomically: true, encoding: .utf8)
        let reread = try CheckBaseline(contentsOf: directory.path)
        #expect(reread == baseline)
        var later = report
        later.findings[0].location?.line = 12
        let applied = reread.apply(to: later)
        #expect(applied.findings.map(\.finding.ruleID) == ["plan-regression"])
        #expect(applied.baselined.count == 2)
        #expect(applied.text.contains("(2 more accepted by the baseline)"))
        // An entry accepts as many findings as it counts: a second equal finding is new.
        var twice = report
        twice.findings.append(report.findings[1])
        #expect(reread.apply(to: twice).findings.count == 2)
    }

    @Test func textReportIsCompilerStyle() throws {
        try GoldenFile(name: "check.txt").assertMatches(report.text)
    }
}
