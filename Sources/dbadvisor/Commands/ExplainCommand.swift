import AdvisorCore
import ArgumentParser
import Foundation
import PlanParsing
import Reports
import SQLParsing

/// `dbadvisor explain`: one statement's plan and shape on a live server.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one statement on a live server: plan summary, query shape, fingerprint.",
        discussion: """
            The statement is planned with EXPLAIN (FORMAT JSON) and never executed: on PostgreSQL \
            inside a transaction that is rolled back, with a statement timeout; statements with $1 \
            parameters get a generic plan. Nothing is written to the database.

            DSN forms: postgres://user:password@host:5432/db?sslmode=require, \
            mysql://user@host:3306/db, mariadb://user@host/db?socket=/run/mysqld/mysqld.sock.

            Examples:
              dbadvisor explain --dsn postgres://app@localhost/shop "SELECT * FROM orders WHERE id = 42"
              echo "SELECT …" | dbadvisor explain --dsn mysql://ro@db/shop -
            """
    )

    @OptionGroup(title: "Connection") var connection: ConnectionOptions

    @Option(help: "Output format.")
    var format: ExplainFormat = .text

    @Argument(help: ArgumentHelp("The SQL statement, or - to read it from stdin.", valueName: "sql"))
    var sql: String

    /// Formats `explain` can print.
    enum ExplainFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let statement = try readStatement()
        let dsn = try connection.dataSourceName()
        // PostgreSQL statements are parsed before connecting, so a typo is reported with its
        // position and exit code 2 without touching the server.
        var shape: Result<QueryShape, SQLParseError>? = nil
        if dsn?.engine == .postgres || dsn == nil {
            shape = Result { () throws(SQLParseError) in try PostgresParser.shape(of: statement) }
            if case .failure(let error) = shape {
                throw CommandFailure(exitCode: CommandFailure.usageError, "\(error)")
            }
        }
        let server = try connection.connect()
        let dialect = SQLDialect(server.engine)
        if server.engine.isMySQLFamily {
            // The server is the judge of MySQL syntax: a statement the dialect parser cannot read
            // is still planned, and the report says why its shape is missing.
            shape = Result { () throws(SQLParseError) in try dialect.shape(of: statement) }
        }
        let planJSON = try server.explainJSON(statement)
        var plan: Plan
        do {
            plan = try PlanParser.parse(json: planJSON, engine: server.engine)
        } catch {
            throw CommandFailure(
                exitCode: CommandFailure.serverError, "cannot read the plan from \(server.serverLabel): \(error)")
        }
        if let tables = try? shape?.get().tables {
            plan = plan.resolvingAliases(tables)
        }
        let report = ExplainReport(
            engine: server.engine, serverVersion: server.serverVersion, server: server.serverLabel,
            statement: statement,
            fingerprint: try? dialect.fingerprint(of: statement),
            shape: try? shape?.get(),
            shapeNote: shapeNote(engine: server.engine, shape: shape),
            plan: plan)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: try StandardOutput.printJSON(report)
        }
    }

    /// Why the shape is missing, when the dialect parser could not read a statement the server planned.
    private func shapeNote(engine: Engine, shape: Result<QueryShape, SQLParseError>?) -> String? {
        guard case .failure(let error) = shape else { return nil }
        return "not shown: the \(engine) dialect parser cannot read it (\(error))"
    }

    private func readStatement() throws -> String {
        let text: String
        if sql == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CommandFailure(exitCode: CommandFailure.usageError, "stdin is not UTF-8 text")
            }
            text = decoded
        } else {
            text = sql
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw CommandFailure(exitCode: CommandFailure.usageError, "no SQL statement given")
        }
        return trimmed.hasSuffix(";") ? String(trimmed.dropLast()) : trimmed
    }
}
