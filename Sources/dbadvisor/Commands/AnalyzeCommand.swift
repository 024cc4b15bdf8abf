import AdvisorCore
import ArgumentParser
import Foundation
import Reports

/// `dbadvisor analyze`: workload + catalog + plans → findings and migrations.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a live server's workload: findings, index suggestions with gains, migration files.",
        discussion: """
            The workload is read from --log / --slow-log files or --workload SQL files when given, \
            otherwise from the server: pg_stat_statements on PostgreSQL; mysql.slow_log, else \
            performance_schema's statement digests on MySQL/MariaDB. Every statement is planned with \
            EXPLAIN and never executed; a write the role may not plan is planned as the SELECT that \
            finds its rows. Every suggestion names its evidence, its estimated gain with the basis of \
            the estimate (HypoPG hypothetical indexes, a statistics model when HypoPG is not installed, \
            the MySQL cost model on MySQL/MariaDB), its size and write overhead; declined candidates \
            say why. With --out, one migration per index is written there.

            Examples:
              dbadvisor analyze --dsn postgres://app@db/shop
              dbadvisor analyze --dsn postgres://app@db/shop --log postgresql.csv --out migrations/
              dbadvisor analyze --dsn mariadb://ro@db/shop --slow-log slow.log --out migrations/
            """
    )

    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup(title: "Workload") var workload: WorkloadOptions
    @OptionGroup(title: "Advice") var advice: AdvisorOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(help: ArgumentHelp("Most query groups to plan, heaviest first.", valueName: "n"))
    var maxQueries: Int = 200

    func run() throws {
        // A bad configuration is reported before connecting.
        let rules = try advice.configuration.ruleEngine(applying: try advice.configuration.text())
        let server = try connection.connect()
        let report = try Analysis(
            connection: server, workloadOptions: workload, advice: advice, maxQueries: maxQueries,
            rules: rules
        ).run(migrationsDirectory: output.out)
        switch output.format {
        case .json: try StandardOutput.printJSON(report)
        case .markdown: print(report.document.markdown, terminator: "")
        case .html: print(report.document.html, terminator: "")
        case .text: print(report.text, terminator: "")
        }
        if let worst = report.worstSeverity, worst >= advice.failOn {
            throw ExitCode(CommandFailure.findings)
        }
    }
}
