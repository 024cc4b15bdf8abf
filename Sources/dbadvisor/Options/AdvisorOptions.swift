import AdvisorCore
import ArgumentParser
import Migrations

/// Knobs of index selection and migration output.
struct AdvisorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Total size the suggested indexes may take, e.g. 500MB or 2GB.", valueName: "size"))
    var budget: ByteSize = ByteSize(bytes: 500 << 20)

    @Option(help: ArgumentHelp("Most key columns a suggested index may have.", valueName: "n"))
    var maxIndexWidth: Int = 3

    @Option(help: ArgumentHelp("Smallest estimated workload gain, in percent, for a suggestion.", valueName: "pct"))
    var minGain: Double = 0.1

    @Option(
        help: ArgumentHelp(
            "Smallest cost cut, in percent, a suggestion must bring to at least one query it serves.",
            discussion:
                "A suggestion that saves 5% or more of the whole workload needs only 20% off one query (or this value, if lower).",
            valueName: "pct"))
    var minQueryGain: Double = 50

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "MySQL/MariaDB: estimate distinct counts of filtered columns that have no statistics from a bounded sample (SELECTs only, 100k rows and 5 s per column)."
        ))
    var sampleStatistics = true

    @Option(help: "Migration file layout.")
    var migrationFormat: MigrationLayout = .plain

    @OptionGroup var configuration: ConfigurationFile

    @Option(help: "Lowest finding severity that makes the exit code 1.")
    var failOn: Severity = .error

    func validate() throws {
        guard maxIndexWidth >= 1 else { throw ValidationError("--max-index-width must be at least 1") }
        guard (0...100).contains(minGain) else { throw ValidationError("--min-gain is a percentage from 0 to 100") }
        guard (0...100).contains(minQueryGain) else {
            throw ValidationError("--min-query-gain is a percentage from 0 to 100")
        }
    }
}

extension MigrationLayout: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
