import AdvisorCore
import Foundation
import PlanParsing
import TestSupport
import Testing

/// Every `Golden/<engine>-<name>.json` EXPLAIN output parses to `<name>.plan.json` and summarizes to
/// `<name>.summary.txt`.
///
/// The `postgres-*` and `mariadb-*` inputs were captured from PostgreSQL 15 and MariaDB 10.11
/// (`scripts/dev-db`) over a 200k-row orders schema. No MySQL 8 server was available: the `mysql-*`
/// inputs are hand-written from the documented MySQL 8 format (string `filtered` and costs,
/// `cost_info`, `nested_loop`, `ordering_operation`/`grouping_operation`, `attached_subqueries`).
@Suite struct GoldenPlanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var engine: Engine
        var testDescription: String { name }

        /// One case per input file; the prefix before the first `-` names the engine.
        static let all: [Case] = {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFile.here.path)) ?? []
            return files.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".plan.json") }.sorted().compactMap { file in
                let name = String(file.dropLast(".json".count))
                let prefix = name.prefix { $0 != "-" }
                return Engine(rawValue: String(prefix)).map { Case(name: name, engine: $0) }
            }
        }()
    }

    @Test func goldenInputsExistForEveryEngine() {
        #expect(Set(Case.all.map(\.engine)) == Set(Engine.allCases))
    }

    @Test(arguments: Case.all)
    func parsesToGoldenPlanAndSummary(_ golden: Case) throws {
        let input = try GoldenFile(name: "\(golden.name).json").read()
        let plan = try PlanParser.parse(json: input, engine: golden.engine)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let encoded = String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
        try GoldenFile(name: "\(golden.name).plan.json").assertMatches(encoded)
        try GoldenFile(name: "\(golden.name).summary.txt").assertMatches(plan.summary + "\n")
    }
}
