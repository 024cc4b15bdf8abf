import AdvisorCore
import Foundation
import Reports
import SQLParsing
import Testing

/// The migrations `analyze --out` writes apply with the engine's own client (psql, mariadb), build
/// valid indexes the planted slow queries then use, and their down migrations remove them again.
@Suite("analyze migrations apply, are used and roll back", .enabled(if: TestServers.available))
struct AnalyzeMigrationsTests {
    /// What differs between the engines.
    enum Server: String, CaseIterable, CustomStringConvertible {
        case postgres, mysql

        var description: String { rawValue }

        /// A private copy of the shop sample, so building real indexes disturbs no other test.
        var database: String { self == .postgres ? "dbadvisor_e2e_migrations" : "dbadvisor_e2e_mysql_migrations" }

        var dsn: String {
            get throws {
                self == .postgres
                    ? try TestServers.postgresAdmin(database: database) : try TestServers.mysqlAdmin(database: database)
            }
        }

        /// Runs SQL or a file with the engine's client as the server's admin, stopping at the first error.
        @discardableResult
        func run(_ sql: String? = nil, file: String? = nil, in database: String? = nil) throws -> String {
            let database = database ?? self.database
            guard self == .postgres else { return try TestServers.mariadb(database: database, sql, file: file) }
            var arguments = [
                try TestServers.postgresAdmin(database: database), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            ]
            if let sql { arguments += ["-c", sql] }
            if let file { arguments += ["-f", file] }
            return try Shell.run("psql", arguments)
        }

        func dropDatabase() throws {
            if self == .postgres {
                try run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres")
            } else {
                try TestServers.mariadb("DROP DATABASE IF EXISTS \(database)")
            }
        }

        /// Names of the database's indexes; `validOnly`: those the planner can use (PostgreSQL).
        func indexes(validOnly: Bool) throws -> String {
            guard self == .postgres else {
                return try run(
                    "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()")
            }
            return try run(
                validOnly
                    ? "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid"
                    : "SELECT relname FROM pg_class WHERE relkind = 'i'")
        }

        /// The statement as the advisor groups it: MySQL statements without their terminating `;`.
        func statement(_ sql: String) throws -> (text: String, fingerprint: String) {
            guard self == .mysql else { return (sql, try PostgresParser.fingerprint(of: sql).id) }
            let text = sql.hasSuffix(";") ? String(sql.dropLast()) : sql
            return (text, MySQLParser.fingerprint(of: text).id)
        }
    }

    @Test(arguments: Server.allCases)
    func generatedMigrationsApplyAreUsedAndRollBack(server: Server) throws {
        let shop = try #require(SampleSchema.all.first { $0.name == "shop" })
        try Shell.run(
            SampleSchema.root.deletingLastPathComponent().appendingPathComponent("scripts/load-sample").path,
            ["shop", server.rawValue, "--database", server.database])
        defer { _ = try? server.dropDatabase() }

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-migrations-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let dsn = try server.dsn
        let run = try CLI.run(
            [
                "analyze", "--dsn", dsn, "--workload",
                shop.directory.appendingPathComponent("\(server)/workload.sql").path,
                "--out", out.path, "--migration-format", "golang-migrate", "--format", "json",
            ], timeout: 300)
        try #require(run.status == 0, "analyze failed: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        let names = report.suggestions.map(\.recommendation.name)
        try #require(!names.isEmpty)

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 2 * names.count, "one up and one down file per index: \(files)")
        for up in files where up.hasSuffix(".up.sql") {
            try server.run(file: out.appendingPathComponent(up).path)
        }
        let built = try server.indexes(validOnly: true)
        for name in names { #expect(built.contains(name), "\(name) is not usable after the up migration") }

        // Each planted problem's query now uses the index suggested for it.
        if server == .postgres { try server.run("ANALYZE") }
        let ids = Dictionary(
            try shop.workload(server.rawValue).map { ($0.id, $0.sql) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        for problem in try shop.expected().problems
        where problem.applies(to: server.rawValue) && !(problem.expected_index ?? []).isEmpty {
            let statement = try server.statement(try #require(ids[problem.query]))
            guard
                let suggestion = report.suggestions.first(where: {
                    $0.recommendation.queries.contains { $0.fingerprint == statement.fingerprint }
                })
            else { continue }  // found as a rule finding only (checked by the end-to-end suites)
            let explain = try CLI.run(["explain", "--dsn", dsn, "--format", "json", statement.text])
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
            try server.run(file: out.appendingPathComponent(down).path)
        }
        let left = try server.indexes(validOnly: false)
        for name in names { #expect(!left.contains(name), "\(name) is still there after the down migration") }
    }

    /// The claim of the queue the partial-index tests build: `status = 'pending'` written in the
    /// code, the queue bound per call.
    static let claim = "SELECT id, payload FROM jobs WHERE queue = %d AND status = 'pending' ORDER BY run_at LIMIT 10;"

    /// A database holding a job queue: 200k jobs, 3% of them pending.
    private func createQueue(_ database: String) throws {
        let server = Server.postgres
        try server.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres")
        try server.run("CREATE DATABASE \(database)", in: "postgres")
        try server.run(
            """
            CREATE EXTENSION hypopg;
            CREATE TABLE jobs (id bigint PRIMARY KEY, queue int NOT NULL, status text NOT NULL,
                               run_at timestamptz NOT NULL, payload text NOT NULL);
            INSERT INTO jobs SELECT i, i % 20,
                   CASE WHEN i % 100 < 3 THEN 'pending' WHEN i % 100 < 5 THEN 'failed' ELSE 'done' END,
                   timestamptz '2026-01-01' + i * interval '1 second', repeat('x', 40)
            FROM generate_series(1, 200000) i;
            ANALYZE jobs;
            """, in: database)
    }

    /// A queue claimed by workers, `status = 'pending'` written in the code and the queue bound per
    /// call: the partial index holds only the pending rows, applies with psql, and the claim uses it.
    @Test func aQueueClaimGetsAPartialIndexThatAppliesAndIsUsed() throws {
        let server = Server.postgres
        let database = "dbadvisor_e2e_partial"
        try createQueue(database)
        defer { _ = try? server.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres") }
        let workload = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-queue-\(UUID()).sql")
        defer { try? FileManager.default.removeItem(at: workload) }
        try [3, 7, 12].map { String(format: Self.claim, $0) }.joined(separator: "\n").write(
            to: workload, atomically: true, encoding: .utf8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-partial-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }

        let dsn = try TestServers.postgresAdmin(database: database)
        let run = try CLI.run(
            [
                "analyze", "--dsn", dsn, "--workload", workload.path, "--out", out.path, "--migration-format",
                "golang-migrate", "--format", "json",
            ], timeout: 300)
        try #require(run.status <= 1, "analyze failed: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        let partial = try #require(
            report.suggestions.first { $0.recommendation.index.predicate != nil }?.recommendation,
            "no partial index among \(report.suggestions.map(\.createStatement))")
        #expect(partial.index.predicate == "status = 'pending'")
        #expect(!partial.index.keyColumns.contains("status"))

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        for up in files where up.hasSuffix(".up.sql") {
            try server.run(file: out.appendingPathComponent(up).path, in: database)
        }
        #expect(
            try server.run(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid",
                in: database
            ).contains(partial.name))
        try server.run("ANALYZE", in: database)
        let explain = try CLI.run(["explain", "--dsn", dsn, "--format", "json", String(format: Self.claim, 5)])
        try #require(explain.status == 0, "\(explain.stderr)")
        struct Output: Decodable { var plan: Plan }
        let plan = try JSONDecoder().decode(Output.self, from: Data(explain.stdout.utf8)).plan
        #expect(
            plan.nodes.contains { $0.indexName == partial.name },
            "the claim does not use \(partial.name):\n\(plan.summaryLines.joined(separator: "\n"))")

        for down in files.reversed() where down.hasSuffix(".down.sql") {
            try server.run(file: out.appendingPathComponent(down).path, in: database)
        }
        #expect(
            !(try server.run("SELECT relname FROM pg_class WHERE relkind = 'i'", in: database).contains(partial.name)))
    }

    /// The same claim read from the server's own logs, where only its statements tell the code's
    /// constant from the bound queue: every log format yields the partial index.
    @Test func aQueueClaimInTheServerLogsGetsAPartialIndex() throws {
        let server = Server.postgres
        let database = "dbadvisor_e2e_partial_log"
        try createQueue(database)
        defer { _ = try? server.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres") }
        let claims = [3, 7, 12, 3, 9].map { String(format: Self.claim, $0) }.joined(separator: "\n")
        let logs = ServerLog.of("postgres")
        let slices = try ServerLog.slices(of: logs, whileRunning: claims, engine: "postgres", database: database)
        defer { for slice in slices { try? FileManager.default.removeItem(at: slice) } }
        let dsn = try TestServers.postgresAdmin(database: database)
        for (log, slice) in zip(logs, slices) {
            let run = try CLI.run(["analyze", "--dsn", dsn, "--log", slice.path, "--format", "json"], timeout: 300)
            try #require(run.status <= 1, "analyze --log \(log) failed: \(run.stderr)")
            let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
            let partial = report.suggestions.first { $0.recommendation.index.predicate != nil }?.recommendation
            #expect(
                partial?.index.predicate == "status = 'pending'",
                "\(log): no partial index among \(report.suggestions.map(\.createStatement))")
            #expect(partial.map { !$0.index.keyColumns.contains("status") } ?? false, "\(log)")
        }
    }

    /// A search by SKU prefix (`LIKE 'AB-0012%'`) under the dev server's C.UTF-8 collation,
    /// which a default B-tree cannot serve: the suggestion carries text_pattern_ops, applies with
    /// psql, the search uses it, and the down migration removes it.
    @Test func aLikePrefixSearchGetsAPatternIndexThatAppliesAndIsUsed() throws {
        let server = Server.postgres
        let database = "dbadvisor_e2e_pattern"
        try server.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres")
        try server.run("CREATE DATABASE \(database)", in: "postgres")
        defer { _ = try? server.run("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres") }
        try server.run(
            """
            CREATE EXTENSION hypopg;
            CREATE TABLE products (id bigint PRIMARY KEY, sku varchar(32) NOT NULL, name text NOT NULL);
            INSERT INTO products SELECT i, 'AB-' || lpad(i::text, 7, '0'), 'product ' || i
            FROM generate_series(1, 200000) i;
            ANALYZE products;
            """, in: database)
        let collation = try server.run(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()", in: database
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!["C", "POSIX"].contains(collation), "the dev server's collation is \(collation)")
        let search = "SELECT id, name FROM products WHERE sku LIKE 'AB-00%d%%';"
        let workload = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-sku-\(UUID()).sql")
        defer { try? FileManager.default.removeItem(at: workload) }
        try [12, 345, 7].map { String(format: search, $0) }.joined(separator: "\n").write(
            to: workload, atomically: true, encoding: .utf8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-pattern-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }

        let dsn = try TestServers.postgresAdmin(database: database)
        let run = try CLI.run(
            ["analyze", "--dsn", dsn, "--workload", workload.path, "--out", out.path, "--format", "json"], timeout: 300)
        try #require(run.status <= 1, "analyze failed: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        let pattern = try #require(
            report.suggestions.first { $0.recommendation.index.operatorClass(of: "sku") != nil },
            "no pattern index among \(report.suggestions.map(\.createStatement))")
        #expect(pattern.createStatement.contains("(sku text_pattern_ops)"))

        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        for up in files where up.hasSuffix(".up.sql") {
            try server.run(file: out.appendingPathComponent(up).path, in: database)
        }
        try server.run("ANALYZE", in: database)
        let explain = try CLI.run(["explain", "--dsn", dsn, "--format", "json", String(format: search, 99)])
        try #require(explain.status == 0, "\(explain.stderr)")
        struct Output: Decodable { var plan: Plan }
        let plan = try JSONDecoder().decode(Output.self, from: Data(explain.stdout.utf8)).plan
        #expect(
            plan.nodes.contains { $0.indexName == pattern.recommendation.name },
            "the search does not use \(pattern.recommendation.name):\n\(plan.summaryLines.joined(separator: "\n"))")

        for down in files.reversed() where down.hasSuffix(".down.sql") {
            try server.run(file: out.appendingPathComponent(down).path, in: database)
        }
        #expect(
            !(try server.run("SELECT relname FROM pg_class WHERE relkind = 'i'", in: database)
                .contains(pattern.recommendation.name)))
    }
}
