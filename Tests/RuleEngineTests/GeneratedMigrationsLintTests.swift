import AdvisorCore
import Migrations
import RuleEngine
import Testing

/// The migrations the advisor writes pass its own lint in every layout: one online statement per
/// file, outside a transaction, for both engine families.
@Suite struct GeneratedMigrationsLintTests {
    static let arguments: [(Engine, MigrationLayout)] = [Engine.postgres, .mariadb, .mysql].flatMap { engine in
        MigrationLayout.allCases.map { (engine, $0) }
    }

    @Test(arguments: arguments)
    func writtenMigrationsHaveNoFindings(engine: Engine, layout: MigrationLayout) throws {
        let recommendation = Recommendation(
            index: IndexCandidate(table: "orders", keyColumns: ["customer_id", "status"], includedColumns: ["total"]),
            name: "", ruleIDs: ["missing-composite-index"], queries: [],
            gain: Gain(costBefore: 41_230, costAfter: 1_204, basis: .hypothetical))
        let written = try MigrationWriter.files(
            for: [recommendation], engine: engine, layout: layout, version: "20261123170000", database: "shop")
        let files = Dictionary(uniqueKeysWithValues: written.map { ($0.path, $0.contents) })
        let scripts = try MigrationReader.read(files: files, engine: engine)
        #expect(scripts.count == 1, "\(scripts.map(\.path))")
        #expect(scripts.first?.layout == layout || (layout == .plain && scripts.first?.layout == .golangMigrate))
        let statements = scripts.flatMap(\.statements)
        #expect(statements.count == 1)
        #expect(statements.allSatisfy { $0.transaction == nil }, "\(statements.map(\.transaction))")
        let schema = try ExampleSchema.parse(
            "orders rows=400000 columns=id:bigint,customer_id:bigint,status,total:numeric\n"
                + "  index orders_pkey (id) primary", engine: engine)
        let findings = try RuleEngine().migrationFindings(
            in: MigrationContext(engine: engine, schema: schema, scripts: scripts))
        #expect(findings.isEmpty, "\(findings.map { "\($0.path):\($0.line): \($0.finding.message)" })")
    }
}
