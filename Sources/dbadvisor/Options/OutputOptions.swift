import ArgumentParser

/// How results are written.
struct OutputOptions: ParsableArguments {
    /// Report formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, html, sarif, github
    }

    @Option(help: "Report format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Folder for migration files and reports.", valueName: "dir"))
    var out: String?
}
