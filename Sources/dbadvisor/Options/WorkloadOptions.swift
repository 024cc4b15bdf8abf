import ArgumentParser

/// Where the workload comes from besides the live server's own statistics.
struct WorkloadOptions: ParsableArguments {
    @Option(
        name: [.customLong("log"), .customLong("slow-log")],
        help: ArgumentHelp(
            "A server log: MySQL/MariaDB slow log or PostgreSQL stderr/csvlog/jsonlog (format detected; .gz accepted; - for stdin). Repeatable.",
            valueName: "file"))
    var logs: [String] = []

    @Option(
        help: ArgumentHelp(
            "Prefix of PostgreSQL stderr log lines (log_line_prefix), when it cannot be read from the server.",
            valueName: "prefix"))
    var logLinePrefix: String?

    @Option(help: ArgumentHelp("A .sql file or a folder of .sql files to use as the workload.", valueName: "path"))
    var workload: String?
}
