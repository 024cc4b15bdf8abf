import Foundation
import Testing

/// Bad usage and bad input give one clear line on stderr and the documented exit code.
@Suite("Exit codes and error lines")
struct ExitCodeTests {
    /// stderr is exactly one line starting with `error:` (ArgumentParser usage errors add a help pointer).
    func expectOneErrorLine(_ run: CLIRun, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("error: "), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(text), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout)", sourceLocation: sourceLocation)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let run = try CLI.run(["explain", "--no-such-option", "SELECT 1"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: "))
    }

    @Test func malformedDSNIsAUsageError() throws {
        let run = try CLI.run(["explain", "--dsn", "postgres://app:pw@db:notaport/shop", "SELECT 1"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "port must be a number")
        #expect(!run.stderr.contains(":pw@"))
    }

    @Test func unknownSchemeIsAUsageError() throws {
        let run = try CLI.run(["explain", "--dsn", "oracle://db/shop", "SELECT 1"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "unknown scheme 'oracle'")
    }

    @Test func missingServerIsAUsageError() throws {
        let run = try CLI.run(["explain", "SELECT 1"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "no server given")
    }

    @Test func postgresSyntaxErrorIsReportedWithItsPositionBeforeConnecting() throws {
        // Port 1 is closed: the syntax error must be found without a server.
        let run = try CLI.run(["explain", "--dsn", "postgres://nobody@127.0.0.1:1/none", "SELECT *\nFORM orders"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "line 2")
    }

    @Test func emptyStatementIsAUsageError() throws {
        let run = try CLI.run(["explain", "--dsn", "postgres://nobody@127.0.0.1:1/none", "-"], stdin: "  \n")
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "no SQL statement given")
    }

    @Test func checkWithoutMigrationsIsAUsageError() throws {
        let run = try CLI.run(["check", "--engine", "postgres"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains("--migrations"), "stderr: \(run.stderr)")
    }

    @Test func checkNamesTheFileAndLineOfABadMigration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-migrations-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "ALTER TABLE orders\n  ADD INDEX orders_status_idx;\n".write(
            to: directory.appendingPathComponent("002_status.sql"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--engine", "mariadb", "--migrations", directory.path])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "\(directory.path)/002_status.sql:2:")
        #expect(run.stderr.contains("key columns"))
    }

    @Test func aMissingLogIsAUsageErrorNamingIt() throws {
        let run = try CLI.run(["digest", "no-such-slow.log"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "no-such-slow.log: no such file or directory")
    }

    @Test(arguments: ["postgres", "mariadb"])
    func unreachableServerExitsWith3(scheme: String) throws {
        let run = try CLI.run(["explain", "--dsn", "\(scheme)://app:secretpw@127.0.0.1:1/shop", "SELECT 1"])
        #expect(run.status == 3)
        expectOneErrorLine(run, containing: "cannot connect")
        #expect(!run.stderr.contains("secretpw"))
    }
}

/// Errors that need the real servers: wrong password, unknown database, server-side syntax errors.
@Suite("Server errors", .enabled(if: TestServers.available))
struct ServerErrorTests {
    func expectOneErrorLine(_ run: CLIRun, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.stderr.split(separator: "\n").count == 1, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(
            run.stderr.hasPrefix("error: ") && run.stderr.contains(text), "stderr: \(run.stderr)",
            sourceLocation: sourceLocation)
    }

    func withPassword(_ dsn: String, _ password: String) -> String {
        // advisor:advisor@ → advisor:<password>@
        dsn.replacingOccurrences(of: ":advisor@", with: ":\(password)@")
    }

    @Test func wrongPostgresPasswordExitsWith3() throws {
        let run = try CLI.run([
            "explain", "--dsn", withPassword(try TestServers.postgres(), "wrong-pw-123"), "SELECT 1",
        ])
        #expect(run.status == 3)
        expectOneErrorLine(run, containing: "password")
        #expect(!run.stderr.contains("wrong-pw-123"))
    }

    @Test func wrongMariaDBPasswordExitsWith3() throws {
        let run = try CLI.run(["explain", "--dsn", withPassword(try TestServers.mysql(), "wrong-pw-123"), "SELECT 1"])
        #expect(run.status == 3)
        expectOneErrorLine(run, containing: "Access denied")
        #expect(!run.stderr.contains("wrong-pw-123"))
    }

    @Test func unknownPostgresDatabaseExitsWith3() throws {
        let run = try CLI.run(["explain", "--dsn", try TestServers.postgres(database: "no_such_db"), "SELECT 1"])
        #expect(run.status == 3)
        expectOneErrorLine(run, containing: "no_such_db")
    }

    @Test func unknownMariaDBDatabaseExitsWith3() throws {
        let run = try CLI.run(["explain", "--dsn", try TestServers.mysql(database: "no_such_db"), "SELECT 1"])
        #expect(run.status == 3)
        expectOneErrorLine(run, containing: "no_such_db")
    }

    @Test func mariaDBSyntaxErrorIsAUsageError() throws {
        let run = try CLI.run(["explain", "--dsn", try TestServers.mysql(database: "shop"), "SELECT * FORM orders"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "syntax")
    }

    @Test func unknownTableIsAServerError() throws {
        let run = try CLI.run([
            "explain", "--dsn", try TestServers.postgres(database: "shop"), "SELECT * FROM no_such_table",
        ])
        #expect(run.status == 3)
        expectOneErrorLine(run, containing: "no_such_table")
    }
}

extension ServerErrorTests {
    @Test func statementMariaDBCannotExplainIsAUsageError() throws {
        let run = try CLI.run(["explain", "--dsn", try TestServers.mysql(database: "mysql"), "SET @a = 1"])
        #expect(run.status == 2)
        expectOneErrorLine(run, containing: "cannot EXPLAIN")
    }
}
