import ArgumentParser

/// How `analyze` writes its results (`check` has its own: CI annotation formats).
struct OutputOptions: ParsableArguments {
    /// Report formats: the terminal's compiler-style text, the documented JSON, and Markdown or a
    /// standalone HTML page to share (a pull request, an issue, a wiki).
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, html
    }

    @Option(help: "Report format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Folder for the migration files.", valueName: "dir"))
    var out: String?
}
