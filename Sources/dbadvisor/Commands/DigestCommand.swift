import ArgumentParser

/// `dbadvisor digest`: offline log profile, N+1 loops and log-only rules.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Digest server logs offline: query profile by fingerprint, N+1 loops, log-only findings.",
        discussion: """
            Reads MySQL/Percona/MariaDB slow logs and PostgreSQL stderr, csvlog or jsonlog files \
            (format detected from the content, .gz accepted, - for stdin). Needs no server.

            Example:
              dbadvisor digest slow.log postgresql.log
            """
    )

    @Argument(help: ArgumentHelp("Log files to digest.", valueName: "log"))
    var logs: [String] = []

    @Option(help: ArgumentHelp("Prefix of PostgreSQL stderr log lines (log_line_prefix).", valueName: "prefix"))
    var logLinePrefix: String?

    @OptionGroup(title: "Output") var output: OutputOptions

    func run() throws {
        throw notBuiltYet("digest", issue: 8)
    }
}
