import ArgumentParser
import Foundation
import RuleEngine

/// `--config FILE`: the `.dbadvisor.yml` with rule settings and suppressions, shared by every command
/// that applies the rules.
struct ConfigurationFile: ParsableArguments {
    /// Read when present in the working directory; its absence is not an error.
    static let defaultPath = ".dbadvisor.yml"

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Configuration file with rule settings and suppressions.", valueName: "file"))
    var path: String = ConfigurationFile.defaultPath

    /// Whether `--config` names a file other than the default.
    var isNamed: Bool { path != Self.defaultPath }

    /// The file's text; `nil` when the default file is absent. A named file that is missing or not
    /// UTF-8 is a usage error, since the user asked for settings that would silently not apply.
    func text() throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else {
            if !isNamed { return nil }
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(path): no such configuration file")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(path): cannot read it as UTF-8 text")
        }
    }

    /// The built-in rules with `yaml` (this file's `text()`) applied; a malformed file is a usage
    /// error naming the file and the offending key. Their examples are left out unless
    /// `withExamples` (only showing the rules needs them).
    func ruleEngine(applying yaml: String?, withExamples: Bool = false) throws -> RuleEngine {
        do {
            return try RuleEngine(configurationYAML: yaml, withExamples: withExamples)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(path): \(error)")
        }
    }
}
