import ArgumentParser

/// Knobs of index selection and migration output.
struct AdvisorOptions: ParsableArguments {
    /// Migration-tool layouts.
    enum MigrationFormat: String, ExpressibleByArgument, CaseIterable {
        case plain, flyway
        case golangMigrate = "golang-migrate"
        case dbmate, rails
    }

    @Option(help: ArgumentHelp("Total size the suggested indexes may take, e.g. 500MB or 2GB.", valueName: "size"))
    var budget: String = "500MB"

    @Option(help: ArgumentHelp("Most key columns a suggested index may have.", valueName: "n"))
    var maxIndexWidth: Int = 3

    @Option(help: ArgumentHelp("Smallest estimated workload gain, in percent, for a suggestion.", valueName: "pct"))
    var minGain: Double = 1

    @Option(help: "Migration file layout.")
    var migrationFormat: MigrationFormat = .plain

    @Option(help: ArgumentHelp("Configuration file with rule settings and suppressions.", valueName: "file"))
    var config: String = ".dbadvisor.yml"

    /// Finding severities, lowest first.
    enum Severity: String, ExpressibleByArgument, CaseIterable {
        case info, warning, error
    }

    @Option(help: "Lowest finding severity that makes the exit code 1.")
    var failOn: Severity = .error
}
