import AdvisorCore
import Foundation
import Migrations
import Testing

@Suite struct MigrationWriterTests {
    private func files(
        _ engine: Engine, _ layout: MigrationLayout, version: String = Fixtures.version,
        recommendations: [Recommendation]? = nil
    ) throws -> [MigrationFile] {
        try MigrationWriter.files(
            for: recommendations ?? Fixtures.recommendations(for: engine), engine: engine, layout: layout,
            version: version, database: "shop")
    }

    @Test(arguments: MigrationLayout.allCases)
    func everyPostgresFileHoldsExactlyOneStatementPerDirection(_ layout: MigrationLayout) throws {
        for file in try files(.postgres, layout) where !file.path.hasSuffix(".conf") {
            switch layout {
            case .dbmate:
                let blocks = file.contents.components(separatedBy: "-- migrate:down transaction:false\n")
                #expect(blocks.count == 2)
                let up = blocks[0].components(separatedBy: "-- migrate:up transaction:false\n")
                #expect(up.count == 2)
                #expect(StatementCounter.statements(in: up[0]) == 0, "only comments before the up block")
                #expect(StatementCounter.statements(in: up[1]) == 1)
                #expect(StatementCounter.statements(in: blocks[1]) == 1)
            case .rails:
                let heredocs = file.contents.components(separatedBy: "execute <<~'SQL'\n").dropFirst()
                #expect(heredocs.count == 2)
                for heredoc in heredocs {
                    let body = try #require(heredoc.components(separatedBy: "\n    SQL\n").first)
                    #expect(StatementCounter.statements(in: body) == 1)
                }
            default:
                #expect(StatementCounter.statements(in: file.contents) == 1, "\(file.path)")
            }
        }
    }

    @Test func versionsCountUpFromTheBaseKeepingTheirWidth() throws {
        let three =
            Fixtures.recommendations(for: .postgres) + [
                Recommendation(
                    index: IndexCandidate(table: "payments", keyColumns: ["order_id"]), name: "", ruleIDs: [],
                    queries: [], gain: Gain(costBefore: 10, costAfter: 1, basis: .hypothetical))
            ]
        let paths = try files(.postgres, .golangMigrate, version: "000009", recommendations: three).map(\.path)
        #expect(paths.map { String($0.prefix(6)) } == ["000009", "000009", "000010", "000010", "000011", "000011"])
        let rails = try files(.postgres, .rails, version: "99", recommendations: three).map(\.path)
        #expect(rails.map { $0.prefix { $0.isNumber } } == ["99", "100", "101"])
    }

    @Test func versionsMustBeDigits() {
        #expect(throws: MigrationError.invalidVersion("2026-11-23")) {
            try files(.postgres, .plain, version: "2026-11-23")
        }
    }

    @Test func flywayTurnsOffTransactionsForPostgresScriptsOnly() throws {
        let postgres = try files(.postgres, .flyway)
        let configs = postgres.filter { $0.path.hasSuffix(".sql.conf") }
        #expect(configs.count == 4)
        #expect(configs.allSatisfy { $0.contents == "executeInTransaction=false\n" })
        for config in configs {
            #expect(postgres.contains { $0.path + ".conf" == config.path })
        }
        #expect(postgres.filter { $0.path.hasPrefix("U") && $0.path.hasSuffix(".sql") }.count == 2)
        #expect(try files(.mariadb, .flyway).allSatisfy { !$0.path.hasSuffix(".conf") })
    }

    @Test func railsFilesLoadUnderActiveRecordsNamingRules() throws {
        for engine in [Engine.postgres, .mariadb] {
            for file in try files(engine, .rails) {
                // ActiveRecord::Migration's file pattern, and the class it then expects.
                let match = try #require(file.path.wholeMatch(of: /([0-9]+)_([_a-z0-9]*)\.rb/))
                let className = match.output.2.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    .joined()
                #expect(file.contents.contains("\nclass \(className) < ActiveRecord::Migration[7.1]\n"))
                #expect(file.contents.contains("disable_ddl_transaction!") == (engine == .postgres))
                #expect(!file.contents.contains("<<~SQL"), "interpolating heredocs would evaluate #{}")
            }
        }
    }

    @Test func headersListEvidenceWithoutTimestamps() throws {
        let up = try #require(try files(.postgres, .plain).first)
        #expect(up.contents.contains("-- Rules: missing-composite-index, missing-covering-index\n"))
        #expect(up.contents.contains("--   812f3a9c0d4e (3,412 calls): SELECT id, status, total FROM orders"))
        #expect(up.contents.contains("-- Estimated gain: est. cost 41,230 -> 1,204 over 3,413 calls (-97%, HypoPG)"))
        #expect(
            up.contents.contains(
                "--     est. cost 41,230 -> 1,204 per call (-97%, HypoPG), ~39 min saved over the window"))
        #expect(up.contents.contains("-- Estimated size: 12.3 MB\n"))
        #expect(!up.contents.contains("2026"))
        #expect(try files(.postgres, .plain) == files(.postgres, .plain))
    }

    @Test func hostileSampleTextCannotLeaveTheComment() throws {
        var recommendation = Fixtures.recommendations(for: .postgres)[0]
        recommendation.queries = [
            QueryGain(
                fingerprint: "f\nDROP TABLE a;", calls: 1, gain: recommendation.gain,
                sampleText: "SELECT 1;\r\nDROP TABLE orders; -- migrate:down\n*/ ${flyway} \u{2028}x")
        ]
        recommendation.writeOverhead = "many\n-- migrate:down"
        for layout in MigrationLayout.allCases {
            for file in try files(.postgres, layout, recommendations: [recommendation]) {
                let marker = layout == .rails ? "# " : "-- "
                let header = file.contents.components(separatedBy: "\n\n")[0]
                for line in header.split(separator: "\n", omittingEmptySubsequences: false)
                where !file.path.hasSuffix(".conf") {
                    #expect(line.hasPrefix(marker), "\(file.path): \(line)")
                    #expect(!line.hasPrefix("-- migrate:"), "\(file.path): \(line)")
                }
                #expect(!file.contents.contains("*/") && !file.contents.contains("${"))
            }
        }
    }

    @Test func longSamplesAreCutToAboutAHundredCharacters() throws {
        let up = try #require(try files(.postgres, .plain).first)
        let line = try #require(up.contents.split(separator: "\n").first { $0.contains("812f3a9c0d4e") })
        let sample = try #require(line.split(separator: ": ", maxSplits: 1).last)
        #expect(sample.count == 103 && sample.hasSuffix("..."))
    }

    @Test func duplicateIndexNamesInOneNamespaceAreRefused() {
        let recommendation = Fixtures.recommendations(for: .postgres)[0]
        #expect(throws: MigrationError.duplicateIndexName("orders_customer_id_status_incl_total_idx")) {
            try files(.postgres, .plain, recommendations: [recommendation, recommendation])
        }
    }

    @Test func sameIndexNameInTwoSchemasGetsDistinctFiles() throws {
        var first = Fixtures.recommendations(for: .postgres)[1]
        var second = first
        first.index.schema = "eu"
        second.index.schema = "us"
        let paths = try files(.postgres, .rails, recommendations: [first, second]).map(\.path)
        let descriptions = paths.map { $0.drop { $0.isNumber } }
        #expect(Set(descriptions).count == 2)
    }

    @Test func layoutRawValuesMatchTheCommandLine() {
        #expect(MigrationLayout.allCases.map(\.rawValue) == ["plain", "flyway", "golang-migrate", "dbmate", "rails"])
    }
}
