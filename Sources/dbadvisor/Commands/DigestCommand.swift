import AdvisorCore
import ArgumentParser
import Reports

/// `dbadvisor digest`: offline log profile and log-only rules.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Digest server logs offline: query profile by fingerprint and the findings the logs alone support.",
        discussion: """
            Reads MySQL/Percona/MariaDB slow logs and PostgreSQL stderr, csvlog or jsonlog files \
            (format detected from the content, .gz accepted, - for stdin). Needs no server. Statements \
            are grouped as pt-query-digest groups them on MySQL (same query ids) and as \
            pg_stat_statements does on PostgreSQL. The profile ranks the groups by total time; the \
            findings come from what the logs record (rows examined vs sent, full-scan flags, logged \
            plans). Run analyze against the server for plans, index suggestions and gains.

            Example:
              dbadvisor digest slow.log postgresql.log
            """
    )

    @Argument(help: ArgumentHelp("Log files to digest.", valueName: "log"))
    var logs: [String] = []

    @Option(help: ArgumentHelp("Prefix of PostgreSQL stderr log lines (log_line_prefix).", valueName: "prefix"))
    var logLinePrefix: String?

    @OptionGroup var configuration: ConfigurationFile

    @Option(help: "Lowest finding severity that makes the exit code 1.")
    var failOn: Severity = .error

    /// Report formats of digest.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Report format.")
    var format: Format = .text

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("give at least one log file (- for stdin)") }
    }

    func run() throws {
        let rules = try configuration.ruleEngine(applying: try configuration.text())
        let report = try Digest(
            logs: logs, logLinePrefix: logLinePrefix, rules: rules, progress: TerminalProgress.reporter()
        ).run()
        switch format {
        case .json: try StandardOutput.printJSON(report)
        case .text: print(report.text, terminator: "")
        }
        if let worst = report.worstSeverity, worst >= failOn { throw ExitCode(CommandFailure.findings) }
    }
}
