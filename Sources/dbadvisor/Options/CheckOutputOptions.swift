import ArgumentParser

/// How `dbadvisor check` reports: the format on stdout (or in a file) and the Markdown job summary.
struct CheckOutputOptions: ParsableArguments {
    /// Report formats of `check`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github, junit
    }

    @Option(
        help: ArgumentHelp(
            "Report format: text (compiler-style), json, sarif (SARIF 2.1.0 for code scanning), github (workflow annotations, then the text), junit (JUnit XML).",
            valueName: "format"))
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Append a Markdown summary to this file; defaults to $GITHUB_STEP_SUMMARY when GitHub Actions sets it.",
            valueName: "file"))
    var summary: String?
}
