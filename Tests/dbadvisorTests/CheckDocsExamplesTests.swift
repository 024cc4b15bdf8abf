import Foundation
import Testing
import Yams

/// The GitHub Actions workflow and the pre-commit hook in docs/examples work as documented.
@Suite("check: docs examples")
struct CheckDocsExamplesTests {
    static let examples = SampleSchema.root.deletingLastPathComponent().appendingPathComponent("docs/examples")

    @Test func workflowIsValidYAMLAndUsesOnlyOptionsCheckHas() throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent("check-workflow.yml"), encoding: .utf8)
        let workflow = try #require(try Yams.load(yaml: text) as? [String: Any])
        let steps = try #require(
            ((workflow["jobs"] as? [String: Any])?["check"] as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }.filter { $0.contains("dbadvisor check") }
        #expect(commands.count == 2)
        let help = try CLI.run(["help", "check"]).stdout
        for command in commands {
            let options = command.split(whereSeparator: { $0.isWhitespace }).filter { $0.hasPrefix("--") }
            for option in options {
                #expect(help.contains(String(option) + " "), "\(option) is not an option of check")
            }
        }
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
    }

    @Test func preCommitHookStopsACommitWithAnUnsafeMigration() throws {
        let project = try CheckProject(["README": "x\n"])
        defer { project.remove() }
        func sh(_ script: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            process.currentDirectoryURL = project.root
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        let hook = Self.examples.appendingPathComponent("pre-commit-hook.sh").path
        #expect(try sh("git init -q . && git add README") == 0)
        // Nothing under db/migrate staged: the hook lets the commit through.
        #expect(try sh("'\(hook)'") == 0)
        try project.write("db/migrate/002_status.sql", "CREATE INDEX orders_status_idx ON orders (status);\n")
        #expect(try sh("git add db/migrate && '\(hook)'") == 1)
        try project.write(
            "db/migrate/002_status.sql",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);\n")
        #expect(try sh("git add db/migrate && '\(hook)'") == 0)
    }
}
