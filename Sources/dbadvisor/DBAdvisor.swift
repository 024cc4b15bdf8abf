import AdvisorCore
import ArgumentParser
import Foundation

/// The `dbadvisor` command line: finds missing indexes and N+1 loops and writes the migrations.
@main
struct DBAdvisor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbadvisor",
        abstract: "Database tuning advisor for PostgreSQL and MySQL/MariaDB.",
        discussion: """
            Finds full scans, missing composite and covering indexes and N+1 query loops from a \
            live server, its logs or a folder of SQL files, and writes reviewed-ready CREATE INDEX \
            migrations with their estimated gains.

            Exit codes: 0 clean, 1 findings at or above the fail threshold, 2 usage or input error, \
            3 cannot connect or server error.
            """,
        version: "0.1.0",
        subcommands: [
            AnalyzeCommand.self, DigestCommand.self, CheckCommand.self, ExplainCommand.self, RulesCommand.self,
        ]
    )

    /// Runs the command and maps every failure to one line on stderr and the documented exit code.
    static func main() {
        let status: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            status = 0
        } catch let code as ExitCode where code != .validationFailure {
            // Findings at or above --fail-on: the report is printed, only the status says so.
            status = code.rawValue
        } catch let failure as CommandFailure {
            printError(failure.message)
            status = failure.exitCode
        } catch let error as DriverError {
            let failure = CommandFailure(error)
            printError(failure.message)
            status = failure.exitCode
        } catch {
            // Help, --version and argument errors: ArgumentParser formats them; usage errors exit 2.
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            printError(message(for: error) + "\n" + "see 'dbadvisor --help'")
            status = CommandFailure.usageError
        }
        Foundation.exit(status)
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
    }
}
