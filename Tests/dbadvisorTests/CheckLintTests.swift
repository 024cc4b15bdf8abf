import Foundation
import Testing

/// `dbadvisor check` without a server: the migration lint end to end through the binary, its
/// formats, exit codes, baseline and job summary.
@Suite("check: migration lint")
struct CheckLintTests {
    static let unsafe = [
        "db/migrate/001_create_orders.sql": """
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL);
        CREATE INDEX orders_customer_id_idx ON orders (customer_id);

        """,
        "db/migrate/002_orders_status.sql": """
        -- the admin list filters by status
        CREATE INDEX orders_status_idx ON orders (status);

        """,
    ]

    @Test func unsafeIndexBuildFailsWithTheFileLineAndTheFix() throws {
        let project = try CheckProject(Self.unsafe)
        defer { project.remove() }
        let run = try project.run(["--engine", "postgres", "--migrations", "db/migrate"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(
            run.stdout.hasPrefix(
                "error[require-concurrent-index-creation]: index orders_status_idx on orders is built without CONCURRENTLY"
            ))
        #expect(run.stdout.contains("  --> db/migrate/002_orders_status.sql:2:1\n"))
        #expect(
            run.stdout.contains("  help: CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status)"))
        // The index on the table created in the same file blocks nobody.
        #expect(!run.stdout.contains("001_create_orders.sql"))
        #expect(run.stdout.hasSuffix("check: 1 error in 2 migration files\n"))
    }

    @Test func failOnDecidesTheExitCode() throws {
        let project = try CheckProject([
            "migrations/000001_report.up.sql":
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS r_idx ON orders (a, b, c, d);\n"
        ])
        defer { project.remove() }
        let errorsOnly = try project.run(["--engine", "postgres", "--migrations", "migrations"])
        #expect(errorsOnly.status == 0, "\(errorsOnly.stdout)\(errorsOnly.stderr)")
        #expect(errorsOnly.stdout.contains("warning[wide-new-index]"))
        let warnings = try project.run(["--engine", "postgres", "--migrations", "migrations", "--fail-on", "warning"])
        #expect(warnings.status == 1)
    }

    @Test func sinceLimitsTheReviewToNewerMigrations() throws {
        let project = try CheckProject(Self.unsafe.merging(["db/migrate/003_safe.sql": "SELECT 1;\n"]) { $1 })
        defer { project.remove() }
        let run = try project.run(["--engine", "postgres", "--migrations", "db/migrate", "--since", "2"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout == "check: no findings in 3 migration files\n")
    }

    @Test func badMigrationFilesAreUsageErrorsNamingFileAndLine() throws {
        let project = try CheckProject([
            "db/001_ok.sql": "CREATE TABLE t (a int);\n",
            "db/002_typo.sql": "-- typo below\nCREATE INDX t_a_idx ON t (a);\n",
            "db/003_empty.sql": "\n",
            "db/0004_orders.py": "operations = []\n",
        ])
        defer { project.remove() }
        let run = try project.run(["--engine", "postgres", "--migrations", "db"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(run.stderr)")
        #expect(lines.contains(#"error: db/002_typo.sql:2:8: SQL syntax error: syntax error at or near "INDX""#))
        #expect(lines.contains("error: db/003_empty.sql:1: empty migration: the file has no statements"))
        #expect(lines.contains { $0.hasPrefix("error: db/0004_orders.py:1: unknown migration layout") })
    }

    @Test func theEngineMustBeKnown() throws {
        let project = try CheckProject(Self.unsafe)
        defer { project.remove() }
        let run = try project.run(["--migrations", "db/migrate"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("say which engine the migrations are for"))
    }

    @Test func sarifGoesToAFileAndTheTextStaysOffStdout() throws {
        let project = try CheckProject(Self.unsafe)
        defer { project.remove() }
        let run = try project.run([
            "--engine", "postgres", "--migrations", "db/migrate", "--format", "sarif", "--output", "check.sarif",
        ])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let log = try JSONSerialization.jsonObject(with: Data(try project.read("check.sarif").utf8)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let run0 = (log?["runs"] as? [[String: Any]])?.first
        let result = (run0?["results"] as? [[String: Any]])?.first
        #expect(result?["ruleId"] as? String == "require-concurrent-index-creation")
        let location = (result?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect(
            (location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "db/migrate/002_orders_status.sql")
        let rules = ((run0?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(rules?.count == 6, "the PostgreSQL lint rules: \(rules?.compactMap { $0["id"] } ?? [])")
    }

    @Test func inGitHubActionsTheLinesAreAnnotatedAndASummaryWritten() throws {
        let project = try CheckProject(Self.unsafe)
        defer { project.remove() }
        try project.write("summary.md", "## earlier step\n")
        let run = try project.run(
            ["--engine", "postgres", "--migrations", "db/migrate"],
            environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": project.root.appendingPathComponent("summary.md").path,
            ])
        #expect(run.status == 1)
        #expect(
            run.stdout.hasPrefix(
                "::error file=db/migrate/002_orders_status.sql,line=2,col=1,title=dbadvisor require-concurrent-index-creation::"
            ))
        #expect(run.stdout.contains("\nerror[require-concurrent-index-creation]"))
        let summary = try project.read("summary.md")
        #expect(summary.hasPrefix("## earlier step\n### dbadvisor check: ❌ failed\n"), "appended: \(summary)")
        #expect(
            summary.contains("| error | `require-concurrent-index-creation` | `db/migrate/002_orders_status.sql:2` |"))
    }

    @Test func aBaselineAcceptsTodaysFindingsAndOnlyNewOnesFail() throws {
        let project = try CheckProject(Self.unsafe)
        defer { project.remove() }
        let arguments = ["--engine", "postgres", "--migrations", "db/migrate", "--baseline", "check-baseline.json"]
        let missing = try project.run(arguments)
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("check-baseline.json: no such baseline file (create it with --update-baseline)"))

        let update = try project.run(arguments + ["--update-baseline"])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stderr == "wrote 1 accepted findings to check-baseline.json\n")
        #expect(try project.read("check-baseline.json").contains(#""rule" : "require-concurrent-index-creation""#))

        // A comment above the statement moves it; the baseline still accepts it.
        try project.write(
            "db/migrate/002_orders_status.sql",
            "-- admin list\n-- by status\nCREATE INDEX orders_status_idx ON orders (status);\n")
        let accepted = try project.run(arguments)
        #expect(accepted.status == 0, "\(accepted.stdout)")
        #expect(accepted.stdout == "check: no findings in 2 migration files (1 more accepted by the baseline)\n")

        try project.write("db/migrate/003_drop.sql", "DROP INDEX orders_customer_id_idx;\n")
        let new = try project.run(arguments + ["--format", "junit"])
        #expect(new.status == 1)
        #expect(
            new.stdout.contains(
                #"<failure type="require-concurrent-index-deletion" message="db/migrate/003_drop.sql:1: "#))
        #expect(!new.stdout.contains("require-concurrent-index-creation"))
    }

    @Test func mysqlMigrationsAreLintedForOnlineAlgorithms() throws {
        let project = try CheckProject([
            "db/20261123170000_orders_status.rb": """
            class OrdersStatus < ActiveRecord::Migration[7.1]
              def change
                add_index :orders, :status, algorithm: :copy
              end
            end

            """
        ])
        defer { project.remove() }
        let run = try project.run(["--engine", "mariadb", "--migrations", "db", "--format", "json"])
        #expect(run.status == 1, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let finding = (report?["findings"] as? [[String: Any]])?.first
        #expect((finding?["finding"] as? [String: Any])?["ruleID"] as? String == "require-online-index-algorithm")
        #expect((finding?["location"] as? [String: Any])?["line"] as? Int == 3)
    }
}
