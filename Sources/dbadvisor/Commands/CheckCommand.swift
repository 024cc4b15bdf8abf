import ArgumentParser

/// `dbadvisor check`: the CI gate for schema pull requests.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Gate schema pull requests: lint migrations and catch workload regressions.",
        discussion: """
            Lints the migration files (no server needed) and, with a scratch server, applies them and \
            compares the workload's plans before and after. Exit code 1 when a finding at or above \
            --fail-on is present.

            Example:
              dbadvisor check --dsn postgres://ci@localhost/scratch --migrations db/migrate --workload queries/
            """
    )

    @Option(
        help: ArgumentHelp(
            "Folder of migration files (plain, Flyway, golang-migrate, dbmate, Rails).", valueName: "dir"))
    var migrations: String?

    @Option(help: ArgumentHelp("File of accepted findings, so the gate applies to new ones only.", valueName: "file"))
    var baseline: String?

    @OptionGroup(title: "Connection (scratch server)") var connection: ConnectionOptions
    @OptionGroup(title: "Workload") var workload: WorkloadOptions
    @OptionGroup(title: "Advice") var advice: AdvisorOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func run() throws {
        throw notBuiltYet("check", issue: 7)
    }
}
