import ArgumentParser
import Foundation
import RuleEngine

/// `dbadvisor rules`: list the rules or explain one.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or explain one with its rationale and examples.",
        discussion: """
            Examples:
              dbadvisor rules list
              dbadvisor rules explain missing-composite-index
            """,
        subcommands: [List.self, Explain.self],
        defaultSubcommand: List.self
    )

    /// Options both subcommands take.
    struct Options: ParsableArguments {
        @OptionGroup var configuration: ConfigurationFile

        @Option(help: "Output format.")
        var format: Format = .text
    }

    /// Formats the `rules` subcommands can print.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// `dbadvisor rules list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule with its id, severity and engines.",
            discussion: """
                Severities and disabled rules are shown as the configuration file sets them.
                """)

        @OptionGroup var options: Options

        func run() throws {
            let catalog = try ConfiguredRules(options.configuration)
            let rules = catalog.descriptions(detailed: false)
            switch options.format {
            case .text: print(RuleDescription.listText(rules, configuration: catalog.configurationPath), terminator: "")
            case .json: print(try RulesJSON(configuration: catalog.configurationPath, rules: rules).text())
            }
        }
    }

    /// `dbadvisor rules explain <rule-id>`.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one rule's rationale, parameters and examples.",
            discussion: """
                A former id (alias) is accepted too. Parameters are shown with their built-in defaults \
                and the values the configuration file sets.
                """)

        @Argument(help: ArgumentHelp("Rule id, e.g. missing-composite-index.", valueName: "rule-id"))
        var ruleID: String

        @OptionGroup var options: Options

        func run() throws {
            let catalog = try ConfiguredRules(options.configuration)
            guard let rule = catalog.description(of: ruleID) else {
                let closest = catalog.closestIDs(to: ruleID)
                let hint =
                    closest.isEmpty
                    ? "known: \(catalog.rules.map(\.id).joined(separator: ", "))"
                    : "closest: \(closest.joined(separator: ", ")); 'dbadvisor rules list' shows all"
                throw CommandFailure(exitCode: CommandFailure.usageError, "unknown rule '\(ruleID)' (\(hint))")
            }
            switch options.format {
            case .text: print(rule.explainText(configuration: catalog.configurationPath), terminator: "")
            case .json: print(try RulesJSON(configuration: catalog.configurationPath, rule: rule).text())
            }
        }
    }
}
