import ArgumentParser

/// `dbadvisor analyze`: workload + catalog + plans → findings and migrations.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a live server's workload: findings, index suggestions with gains, migration files.",
        discussion: """
            The workload comes from the server itself (pg_stat_statements, performance_schema) and from \
            any --log or --workload given. Every suggestion names its evidence, its estimated gain with \
            the basis of the estimate, its size and write overhead; declined candidates say why.

            Examples:
              dbadvisor analyze --dsn postgres://app@db/shop
              dbadvisor analyze --dsn mysql://ro@db/shop --slow-log slow.log --out migrations/
            """
    )

    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup(title: "Workload") var workload: WorkloadOptions
    @OptionGroup(title: "Advice") var advice: AdvisorOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func run() throws {
        throw notBuiltYet("analyze", issue: 4)
    }
}
