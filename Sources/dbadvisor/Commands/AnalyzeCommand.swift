import AdvisorCore
import ArgumentParser
import Foundation
import PostgresDriver
import Reports

/// `dbadvisor analyze`: workload + catalog + plans → findings and migrations.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a live server's workload: findings, index suggestions with gains, migration files.",
        discussion: """
            The workload is read from --log files or --workload SQL files when given, otherwise from the \
            server's pg_stat_statements. Every statement is planned with EXPLAIN and never executed. \
            Every suggestion names its evidence, its estimated gain with the basis of the estimate \
            (HypoPG hypothetical indexes, or a statistics model when HypoPG is not installed), its size \
            and write overhead; declined candidates say why. With --out, one migration per index is \
            written there.

            Examples:
              dbadvisor analyze --dsn postgres://app@db/shop
              dbadvisor analyze --dsn postgres://app@db/shop --log postgresql.csv --out migrations/
            """
    )

    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup(title: "Workload") var workload: WorkloadOptions
    @OptionGroup(title: "Advice") var advice: AdvisorOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(help: ArgumentHelp("Most query groups to plan, heaviest first.", valueName: "n"))
    var maxQueries: Int = 200

    func run() throws {
        guard [.text, .json].contains(output.format) else {
            throw CommandFailure(
                exitCode: CommandFailure.usageError,
                "--format \(output.format.rawValue) is not built yet for analyze; use text or json")
        }
        // A bad configuration is reported before connecting.
        let rules = try advice.configuration.ruleEngine(applying: try advice.configuration.text())
        let server = try connection.connect()
        guard let postgres = server as? PostgresConnection else {
            throw CommandFailure(
                exitCode: CommandFailure.usageError,
                "analyze on \(server.engine) is not built yet (planned in issue #5); 'dbadvisor explain' works today")
        }
        let report = try Analysis(
            connection: postgres, workloadOptions: workload, advice: advice, maxQueries: maxQueries,
            rules: rules
        ).run(migrationsDirectory: output.out)
        switch output.format {
        case .json: print(try report.json())
        default: print(report.text, terminator: "")
        }
        if let worst = report.worstSeverity, worst >= advice.failOn {
            throw ExitCode(CommandFailure.findings)
        }
    }
}
