import AdvisorCore
import Foundation
import Reports
import SQLParsing
import Testing

/// The migrations `analyze --out` writes apply with psql, build valid indexes the planted queries
/// then use, and their down migrations remove them again.
@Suite("analyze migrations on PostgreSQL", .enabled(if: TestServers.available))
struct AnalyzeMigrationsTests {
    /// A private copy of the shop sample, so building real indexes disturbs no other test.
    static let database = "dbadvisor_e2e_migrations"

    @Test func generatedMigrationsApplyAreUsedAndRollBack() throws {
        let shop = SampleSchema.all.first { $0.name == "shop" }!
        try Shell.run(
            SampleSchema.root.deletingLastPathComponent().appendingPathComponent("scripts/load-sample").path,
            ["shop", "postgres", "--database", Self.database])
        defer { _ = try? psql(database: "postgres", "DROP DATABASE IF EXISTS \(Self.database) WITH (FORCE)") }

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-migrations-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let dsn = try TestServers.postgresAdmin(database: Self.database)
        let run = try CLI.run(
            [
                "analyze", "--dsn", dsn, "--workload",
                shop.directory.appendingPathComponent("postgres/workload.sql").path,
                "--out", out.path, "--migration-format", "golang-migrate", "--format", "json",
            ], timeout: 300)
        try #require(run.status == 0, "analyze failed: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        let names = report.suggestions.map(\.recommendation.name)
        try #require(!names.isEmpty)

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 2 * names.count, "one up and one down file per index: \(files)")
        for up in files where up.hasSuffix(".up.sql") {
            try psql(database: Self.database, file: out.appendingPathComponent(up).path)
        }
        let valid = try psql(
            database: Self.database,
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid ORDER BY 1")
        for name in names { #expect(valid.contains(name), "\(name) is not a valid index after the up migration") }

        // Each planted problem's query now uses the index suggested for it.
        let ids = Dictionary(
            try shop.workload("postgres").map { ($0.id, $0.sql) }, uniquingKeysWith: { first, _ in first })
        try psql(database: Self.database, "ANALYZE")
        for problem in try shop.expected().problems where !(problem.expected_index ?? []).isEmpty {
            let sql = try #require(ids[problem.query])
            let fingerprint = try PostgresParser.fingerprint(of: sql).id
            guard
                let suggestion = report.suggestions.first(where: {
                    $0.recommendation.queries.contains { $0.fingerprint == fingerprint }
                })
            else { continue }  // found as a rule finding only (checked by AnalyzeEndToEndTests)
            let explain = try CLI.run(["explain", "--dsn", dsn, "--format", "json", sql])
            try #require(explain.status == 0, "\(explain.stderr)")
            struct Output: Decodable { var plan: Plan }
            let plan = try JSONDecoder().decode(Output.self, from: Data(explain.stdout.utf8)).plan
            #expect(
                plan.nodes.contains { $0.indexName == suggestion.recommendation.name },
                "\(problem.query) does not use \(suggestion.recommendation.name):\n\(plan.summaryLines.joined(separator: "\n"))"
            )
        }

        for down in files.reversed() where down.hasSuffix(".down.sql") {
            try psql(database: Self.database, file: out.appendingPathComponent(down).path)
        }
        let left = try psql(database: Self.database, "SELECT relname FROM pg_class WHERE relkind = 'i'")
        for name in names { #expect(!left.contains(name), "\(name) is still there after the down migration") }
    }

    /// Runs psql as the admin of the throwaway server, stopping at the first error.
    @discardableResult
    func psql(database: String, _ sql: String? = nil, file: String? = nil) throws -> String {
        var arguments = [
            try TestServers.postgresAdmin(database: database), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
        ]
        if let sql { arguments += ["-c", sql] }
        if let file { arguments += ["-f", file] }
        return try Shell.run("psql", arguments)
    }
}
