import AdvisorCore
import ArgumentParser
import Foundation
import Migrations
import Reports

/// `dbadvisor check`: the CI gate for schema pull requests.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Gate schema pull requests: lint migrations and catch workload regressions.",
        discussion: """
            Lints the migration files (no server needed): index builds that block writes, CONCURRENTLY \
            inside a transaction, MySQL/MariaDB ADD INDEX without ALGORITHM=INPLACE, LOCK=NONE, \
            redundant and over-wide new indexes, foreign keys without an index. With --dsn (a \
            throwaway scratch database in the state before the migrations) and --workload, it plans \
            the workload, applies the migrations there, plans again, and reports queries whose plan \
            got worse (the plan-regression rule; its threshold is a rule parameter) and new indexes no \
            query uses. Exit code 1 when a finding at or above \
            --fail-on is present, 2 when a migration file cannot be read.

            Examples:
              dbadvisor check --engine postgres --migrations db/migrate
              dbadvisor check --dsn postgres://ci@localhost/scratch --migrations db/migrate \\
                --since 20261101000000 --workload queries/ --format sarif --output check.sarif
            """
    )

    @Option(
        help: ArgumentHelp(
            "Folder of migration files (plain, Flyway, golang-migrate, dbmate, Rails).", valueName: "dir"))
    var migrations: String

    @Option(
        help: ArgumentHelp(
            "Only migrations with a higher version are under review (and applied with --dsn); the older ones build the schema they apply to.",
            valueName: "version"))
    var since: String?

    @Option(help: ArgumentHelp("Read every migration file in this layout instead of recognising it."))
    var migrationFormat: MigrationLayout?

    @Option(help: ArgumentHelp("File of accepted findings, so the gate applies to new ones only.", valueName: "file"))
    var baseline: String?

    @Flag(help: "Write every current finding to the --baseline file, accepting them, and exit 0.")
    var updateBaseline = false

    @Option(help: ArgumentHelp("A .sql file or a folder of .sql files: the queries to compare.", valueName: "path"))
    var workload: String?

    @Flag(
        help: ArgumentHelp(
            "The --dsn database is empty: apply the migrations up to --since there first, then the --seed file."))
    var applyHistory = false

    @Option(
        help: ArgumentHelp(
            "SQL file with representative data, run on the scratch database before the workload is planned.",
            valueName: "file"))
    var seed: String?

    @Option(help: "Lowest finding severity that makes the exit code 1.")
    var failOn: Severity = .error

    @OptionGroup(title: "Connection (scratch server)") var connection: ConnectionOptions
    @OptionGroup var configurationFile: ConfigurationFile
    @OptionGroup(title: "Output") var output: CheckOutputOptions

    func validate() throws {
        if updateBaseline, baseline == nil { throw ValidationError("--update-baseline needs --baseline FILE") }
        if applyHistory || seed != nil, connection.dsn == nil {
            throw ValidationError("--apply-history and --seed prepare the scratch server: give it with --dsn")
        }
    }

    func run() throws {
        let rules = try configurationFile.ruleEngine(applying: try configurationFile.text())
        let dsn = try connection.dataSourceName()
        guard let engine = dsn?.engine else {
            throw CommandFailure(
                exitCode: CommandFailure.usageError,
                "say which engine the migrations are for: --engine postgres|mysql|mariadb, or a scratch server --dsn")
        }
        // Only a scratch server named on the command line is connected to: the check changes it, so
        // it must not come from the environment, which usually points at a real database.
        let server = connection.dsn == nil && connection.defaultsFile == nil ? nil : try connection.connect()
        var report = try CheckRun(
            engine: server?.engine ?? engine, migrationsDirectory: migrations, layout: migrationFormat, since: since,
            rules: rules, connection: server, workloadPath: workload, applyHistory: applyHistory, seedPath: seed
        ).run()
        if updateBaseline, let baseline {
            try write(try CheckBaseline(accepting: report).json(), to: baseline)
            FileHandle.standardError.write(
                Data("wrote \(report.findings.count) accepted findings to \(baseline)\n".utf8))
            return
        }
        if let baseline {
            guard FileManager.default.fileExists(atPath: baseline) else {
                throw CommandFailure(
                    exitCode: CommandFailure.usageError,
                    "\(baseline): no such baseline file (create it with --update-baseline)")
            }
            do {
                report = try CheckBaseline(contentsOf: baseline).apply(to: report)
            } catch {
                throw CommandFailure(
                    exitCode: CommandFailure.usageError, "\(baseline): not a baseline file written by --update-baseline"
                )
            }
        }
        try emit(report)
        if report.fails(at: failOn) { throw ExitCode(CommandFailure.findings) }
    }

    private func emit(_ report: CheckReport) throws {
        let environment = ProcessInfo.processInfo.environment
        let text: String
        switch output.format {
        case .text:
            // In GitHub Actions the text also annotates the lines (squawk does the same in tty mode).
            text = (environment["GITHUB_ACTIONS"] == "true" ? report.githubAnnotations : "") + report.text
        case .github: text = report.githubAnnotations + report.text
        case .json: text = try report.json() + "\n"
        case .sarif: text = try report.sarif() + "\n"
        case .junit: text = report.junitXML(failOn: failOn)
        }
        if let path = output.output {
            try write(text, to: path)
        } else {
            print(text, terminator: "")
        }
        if let summary = output.summary ?? environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try append(report.markdownSummary(failOn: failOn), to: summary)
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(path): cannot write it")
        }
    }

    private func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { return try write(text, to: path) }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
