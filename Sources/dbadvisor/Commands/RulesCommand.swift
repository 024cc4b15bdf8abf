import ArgumentParser

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

    /// `dbadvisor rules list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule with its id, severity and engines.")

        func run() throws {
            throw notBuiltYet("rules list", issue: 4)
        }
    }

    /// `dbadvisor rules explain <rule-id>`.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one rule's rationale, parameters and examples.")

        @Argument(help: ArgumentHelp("Rule id, e.g. missing-composite-index.", valueName: "rule-id"))
        var ruleID: String

        func run() throws {
            throw notBuiltYet("rules explain", issue: 4)
        }
    }
}
