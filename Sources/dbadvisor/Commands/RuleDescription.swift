import AdvisorCore
import Foundation
import RuleEngine

/// One rule as `dbadvisor rules` shows it: the configured values next to the built-in ones, so a
/// reader sees what `.dbadvisor.yml` changed.
struct RuleDescription: Encodable, Equatable {
    var id: String
    var title: String
    var category: String
    /// Former ids, still accepted by `rules explain` and in the configuration.
    var aliases: [String]
    /// Severity after the configuration.
    var severity: Severity
    /// Severity written in the rule file.
    var defaultSeverity: Severity
    var enabled: Bool
    var engines: [Engine]
    /// The Swift `Check` that implements the rule.
    var check: String
    /// Parameters in alphabetical order.
    var params: [Parameter]
    /// The problem and the fix; only in `rules explain`.
    var rationale: String?
    /// Inputs with their expected findings; only in `rules explain`.
    var examples: [Example]?

    /// One parameter with its configured and built-in value.
    struct Parameter: Encodable, Equatable {
        var name: String
        var value: ParamValue
        var defaultValue: ParamValue

        var isOverridden: Bool { value != defaultValue }
    }

    /// One example of the rule file: the input and whether the rule reports something on it.
    struct Example: Encodable, Equatable {
        var name: String
        var triggers: Bool
        var engine: Engine
        /// The statement; `nil` for examples about the schema alone.
        var sql: String?
        /// The catalog in the compact notation of rules/README.md.
        var schema: String
        /// Parameter values the example sets, to show what a threshold changes.
        var params: [String: ParamValue]
        /// One line per expected finding (its message, or the part of it that matters).
        var expect: [String]
    }

    /// A parameter value, encoded as the JSON scalar or array it is.
    struct ParamValue: Encodable, Equatable, CustomStringConvertible {
        var value: RuleParamValue

        var description: String { value.description }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .bool(let bool): try container.encode(bool)
            case .int(let int): try container.encode(int)
            case .double(let double): try container.encode(double)
            case .string(let string): try container.encode(string)
            case .strings(let strings): try container.encode(strings)
            }
        }
    }

    /// The configured rule beside its built-in spec; `detailed` adds the rationale and examples.
    init(configured rule: RuleSpec, builtIn: RuleSpec, detailed: Bool) {
        id = rule.id
        title = rule.title
        category = rule.category
        aliases = rule.aliases
        severity = rule.severity
        defaultSeverity = builtIn.severity
        enabled = rule.isEnabled
        engines = rule.engines
        check = rule.check
        params = rule.params.names.map { name in
            let value = rule.params.values[name]!
            return Parameter(
                name: name, value: ParamValue(value: value),
                defaultValue: ParamValue(value: builtIn.params.values[name] ?? value))
        }
        guard detailed else { return }
        rationale = rule.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        examples = rule.examples.map(Example.init)
    }
}

extension RuleDescription.Example {
    init(_ example: RuleExample) {
        name = example.name
        triggers = example.triggers
        engine = example.engine
        sql = example.sql?.trimmingCharacters(in: .whitespacesAndNewlines)
        schema = example.schema.trimmingCharacters(in: .newlines)
        params = example.params.mapValues { RuleDescription.ParamValue(value: $0) }
        expect = example.expect.map { finding in
            if let message = finding.message { return message }
            if let part = finding.messageContains { return "… \(part) …" }
            return finding.table.map { "a finding on \($0)" } ?? "a finding"
        }
    }
}
