import TestSupport
import Testing

/// The help text is the CLI's documentation: it is snapshotted so every change is reviewed.
@Suite("Help output")
struct HelpTests {
    @Test(arguments: [
        ([], "help-root.txt"),
        (["analyze"], "help-analyze.txt"),
        (["digest"], "help-digest.txt"),
        (["check"], "help-check.txt"),
        (["explain"], "help-explain.txt"),
        (["rules"], "help-rules.txt"),
        (["rules", "list"], "help-rules-list.txt"),
        (["rules", "explain"], "help-rules-explain.txt"),
    ])
    func helpMatchesTheSnapshot(command: [String], golden: String) throws {
        let run = try CLI.run(["help"] + command, environment: ["COLUMNS": "100"])
        #expect(run.status == 0)
        try GoldenFile(name: golden).assertMatches(run.stdout)
    }

    @Test func versionIsPrinted() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.1.0\n")
    }
}
