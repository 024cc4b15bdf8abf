import Foundation
import Reports

/// The JSON form of `dbadvisor rules list` (`rules`) and `rules explain` (`rule`).
struct RulesJSON: Encodable {
    /// Bumped on incompatible changes to the JSON form.
    var schemaVersion = 1
    /// The configuration file applied; `null` when none was read.
    var configuration: String?
    var rules: [RuleDescription]?
    var rule: RuleDescription?

    init(configuration: String?, rules: [RuleDescription]) {
        self.configuration = configuration
        self.rules = rules
    }

    init(configuration: String?, rule: RuleDescription) {
        self.configuration = configuration
        self.rule = rule
    }

    /// Stable, pretty-printed JSON with sorted keys, like the analyze report.
    func text() throws -> String {
        try ReportJSON.string(self)
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, configuration, rules, rule
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        // `configuration` is always present (null when absent); only one of rules/rule is.
        try container.encode(configuration, forKey: .configuration)
        try container.encodeIfPresent(rules, forKey: .rules)
        try container.encodeIfPresent(rule, forKey: .rule)
    }
}
