import AdvisorCore
import Reports
import Testing

/// The checks every end-to-end analysis must pass on a sample schema, for one engine: each planted
/// problem is a finding of its rule or an index suggestion that serves its query, and the queries
/// that are already fine get neither.
struct PlantedProblems {
    var schema: SampleSchema
    /// The engine folder and `engines:` key of expected.yml: `postgres` or `mysql`.
    var engine: String
    /// Fingerprint id of each workload query id, as the advisor groups statements on that engine.
    var fingerprints: [String: String]
    /// Rules whose evidence the workload source does not carry (N+1 loops in a workload file), skipped.
    var notShown: Set<String> = []

    /// Every problem of expected.yml that applies to the engine is reported.
    func expectEveryProblem(in report: AnalyzeReport, source: String) throws {
        for problem in try schema.expected().problems where problem.applies(to: engine) {
            guard !notShown.contains(problem.rule) else { continue }
            let fingerprint = try #require(fingerprints[problem.query], "no statement for \(problem.query)")
            let byRule = report.findings.contains { finding in
                finding.ruleID == problem.rule
                    && (finding.fingerprint == fingerprint
                        || (finding.fingerprint == nil && finding.table == problem.table))
            }
            let byIndex = report.suggestions.contains { suggestion in
                suggestion.recommendation.index.table == problem.table
                    && suggestion.recommendation.queries.contains { $0.fingerprint == fingerprint }
                    && Self.serves(suggestion.recommendation.index, expected: problem.expected_index ?? [])
            }
            #expect(
                byRule || byIndex,
                "\(schema) on \(engine) from \(source): \(problem.rule) on \(problem.query) not found; findings: \(report.findings.map { "\($0.ruleID) \($0.table ?? "")" }); suggestions: \(report.suggestions.map(\.recommendation.index.description))"
            )
        }
    }

    /// No suggestion helps only fine queries, and no finding is about a fine query.
    func expectNothingForFineQueries(in report: AnalyzeReport, source: String) throws {
        let fine = Set(
            try schema.expected().fine.filter { $0.applies(to: engine) }.compactMap { fingerprints[$0.query] })
        for suggestion in report.suggestions {
            let helped = Set(suggestion.recommendation.queries.map(\.fingerprint))
            #expect(
                !helped.isSubset(of: fine),
                "\(schema) on \(engine) from \(source): \(suggestion.recommendation.index) only helps fine queries")
        }
        for finding in report.findings where finding.fingerprint.map(fine.contains) == true {
            Issue.record("\(schema) on \(engine) from \(source): \(finding.ruleID) on a fine query: \(finding.message)")
        }
    }

    /// The expected key columns lead the index; equality columns may come in any order (expected.yml).
    static func serves(_ index: IndexCandidate, expected: [String]) -> Bool {
        guard !expected.isEmpty else { return true }
        return Set(index.keyColumns.prefix(expected.count)) == Set(expected)
    }
}
