import AdvisorCore
import Foundation
import Reports
import SQLParsing
import Testing

/// The migrations `analyze --out` writes on MariaDB apply with the `mariadb` client, build the
/// indexes the planted slow queries then use, and their down migrations remove them again.
@Suite("analyze migrations on MariaDB", .enabled(if: TestServers.available))
struct AnalyzeMySQLMigrationsTests {
    /// A private copy of the shop sample, so building real indexes disturbs no other test.
    static let database = "dbadvisor_e2e_mysql_migrations"

    @Test func generatedMigrationsApplyAreUsedAndRollBack() throws {
        let shop = try #require(SampleSchema.all.first { $0.name == "shop" })
        try Shell.run(
            SampleSchema.root.deletingLastPathComponent().appendingPathComponent("scripts/load-sample").path,
            ["shop", "mysql", "--database", Self.database])
        defer { _ = try? TestServers.mariadb("DROP DATABASE IF EXISTS \(Self.database)") }

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-migrations-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let dsn = try TestServers.mysqlAdmin(database: Self.database)
        let run = try CLI.run(
            [
                "analyze", "--dsn", dsn, "--workload", shop.directory.appendingPathComponent("mysql/workload.sql").path,
                "--out", out.path, "--migration-format", "golang-migrate", "--format", "json",
            ], timeout: 300)
        try #require(run.status == 0, "analyze failed: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        let names = report.suggestions.map(\.recommendation.name)
        try #require(!names.isEmpty)

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 2 * names.count, "one up and one down file per index: \(files)")
        for up in files where up.hasSuffix(".up.sql") {
            try TestServers.mariadb(database: Self.database, file: out.appendingPathComponent(up).path)
        }
        let indexes = try TestServers.mariadb(
            database: Self.database,
            "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()")
        for name in names { #expect(indexes.contains(name), "\(name) does not exist after the up migration") }

        // Each planted problem's query now uses the index suggested for it.
        let ids = Dictionary(
            try shop.workload("mysql").map { ($0.id, $0.sql) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        for problem in try shop.expected().problems
        where problem.applies(to: "mysql") && !(problem.expected_index ?? []).isEmpty {
            let sql = try #require(ids[problem.query])
            let statement = sql.hasSuffix(";") ? String(sql.dropLast()) : sql
            let fingerprint = MySQLParser.fingerprint(of: statement).id
            guard
                let suggestion = report.suggestions.first(where: {
                    $0.recommendation.queries.contains { $0.fingerprint == fingerprint }
                })
            else { continue }  // found as a rule finding only (checked by AnalyzeMySQLEndToEndTests)
            let explain = try CLI.run(["explain", "--dsn", dsn, "--format", "json", statement])
            try #require(explain.status == 0, "\(explain.stderr)")
            struct Output: Decodable { var plan: Plan }
            let plan = try JSONDecoder().decode(Output.self, from: Data(explain.stdout.utf8)).plan
            #expect(
                plan.nodes.contains { $0.indexName == suggestion.recommendation.name },
                "\(problem.query) does not use \(suggestion.recommendation.name):\n\(plan.summaryLines.joined(separator: "\n"))"
            )
            checked += 1
        }
        #expect(checked >= 3, "only \(checked) planted problems were served by a suggested index")

        for down in files.reversed() where down.hasSuffix(".down.sql") {
            try TestServers.mariadb(database: Self.database, file: out.appendingPathComponent(down).path)
        }
        let left = try TestServers.mariadb(
            database: Self.database,
            "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()")
        for name in names { #expect(!left.contains(name), "\(name) is still there after the down migration") }
    }
}
