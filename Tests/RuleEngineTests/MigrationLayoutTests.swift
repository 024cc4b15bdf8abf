import AdvisorCore
import Foundation
import Migrations
import RuleEngine
import Testing

/// Each lint rule finds the same problems whatever the migration tool: the plain examples, written
/// in every other layout, give the same findings (the transaction rule has its own example per layout).
@Suite struct MigrationLayoutTests {
    struct Case: CustomStringConvertible, Sendable {
        var spec: RuleSpec
        var example: RuleExample
        var layout: MigrationLayout
        var description: String { "\(spec.id) as \(layout.rawValue): \(example.name)" }
    }

    static let cases: [Case] = MigrationRuleExampleTests.cases.flatMap { base -> [Case] in
        guard RuleEngine.isMigrationRule(base.spec), base.spec.id != "ban-concurrent-index-creation-in-transaction",
            let files = base.example.migration?.files, LayoutTransposer.transpose(files, to: .plain) != nil
        else { return [] }
        return MigrationLayout.allCases.filter { $0 != .plain }.map {
            Case(spec: base.spec, example: base.example, layout: $0)
        }
    }

    @Test(arguments: cases)
    func sameFindingsInEveryLayout(_ testCase: Case) throws {
        let files = try #require(LayoutTransposer.transpose(testCase.example.migration!.files, to: testCase.layout))
        let plain = try MigrationRuleExampleTests.findings(testCase.spec, testCase.example)
        let reviewed = testCase.example.migration!.reviewed?.map { LayoutTransposer.renamed($0, to: testCase.layout) }
        let laidOut = try MigrationRuleExampleTests.findings(
            testCase.spec, testCase.example, files: files, reviewed: reviewed)
        #expect(laidOut.map(\.finding.message) == plain.map(\.finding.message))
        #expect(laidOut.count == testCase.example.expect.count)
        // Each finding points at the same statement in the laid-out file.
        for located in laidOut {
            let contents = try #require(files[located.path], "\(located.path) is one of the files")
            let line = contents.split(separator: "\n", omittingEmptySubsequences: false)[located.line - 1]
            #expect(!line.trimmingCharacters(in: .whitespaces).isEmpty, "\(located.path):\(located.line)")
        }
    }

    @Test func everyLintRuleIsCoveredInEveryLayout() {
        let covered = Set(Self.cases.map(\.spec.id))
        let expected = Set(RuleSpecTests.migrationRuleIDs).subtracting(["ban-concurrent-index-creation-in-transaction"])
        #expect(covered == expected)
        let layouts = Set(
            MigrationRuleExampleTests.cases.filter { $0.spec.id == "ban-concurrent-index-creation-in-transaction" }
                .flatMap { $0.example.migration!.files.keys })
        // The transaction rule's own examples include every layout's file names.
        #expect(layouts.contains { $0.hasPrefix("V") } && layouts.contains { $0.hasSuffix(".rb") })
        #expect(layouts.contains { $0.hasSuffix(".up.sql") })
    }
}
