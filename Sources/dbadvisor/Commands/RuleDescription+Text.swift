import Foundation

/// Text forms of `dbadvisor rules list` and `dbadvisor rules explain`.
extension RuleDescription {
    /// The severity column: the configured severity, the built-in one when it differs, or `disabled`.
    var severityText: String {
        guard enabled else { return "disabled" }
        return severity == defaultSeverity ? severity.rawValue : "\(severity.rawValue) (built-in: \(defaultSeverity))"
    }

    var enginesText: String { engines.map(\.rawValue).joined(separator: ", ") }

    /// Aligned columns, one rule per line, then a count and where the settings came from.
    static func listText(_ rules: [RuleDescription], configuration: String?) -> String {
        let header = ["RULE", "SEVERITY", "ENGINES", "CATEGORY", "TITLE"]
        let rows = [header] + rules.map { [$0.id, $0.severityText, $0.enginesText, $0.category, $0.title] }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                // The last column is not padded, so lines carry no trailing spaces.
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        let disabled = rules.filter { !$0.enabled }.count
        var summary = "\(rules.count) rules"
        if disabled > 0 { summary += ", \(disabled) disabled" }
        if let configuration { summary += " (settings from \(configuration))" }
        out += "\n\(summary).\n'dbadvisor rules explain <rule-id>' shows a rule's rationale, parameters and examples.\n"
        return out
    }

    /// Title, attributes, parameters, rationale and examples of one rule.
    func explainText(configuration: String?) -> String {
        let source = configuration.map { "set in \($0)" } ?? "set in the configuration"
        var severityLine = severity.rawValue
        if severity != defaultSeverity { severityLine += " (built-in: \(defaultSeverity); \(source))" }
        let status = enabled ? "enabled" : "disabled (\(source))"
        var out = "\(id): \(title)\n\n"
        let attributes: [(String, String)] = [
            ("id", id),
            ("aliases", aliases.isEmpty ? "none" : aliases.joined(separator: ", ")),
            ("severity", severityLine),
            ("status", status),
            ("engines", enginesText),
            ("category", category),
            ("check", check),
        ]
        for (name, value) in attributes {
            out += "  " + name.padding(toLength: 10, withPad: " ", startingAt: 0) + value + "\n"
        }
        out += "\nparameters:\n"
        if params.isEmpty { out += "  none\n" }
        let nameWidth = params.map(\.name.count).max() ?? 0
        for parameter in params {
            var line = "  " + parameter.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
            line += parameter.value.description
            line += parameter.isOverridden ? " (built-in: \(parameter.defaultValue); \(source))" : " (default)"
            out += line + "\n"
        }
        if let rationale {
            out += "\nrationale:\n" + Self.wrapped(rationale, indent: "  ", width: 100)
        }
        if let examples, !examples.isEmpty {
            out += "\nexamples:\n"
            for (number, example) in examples.enumerated() {
                if number > 0 { out += "\n" }
                out += example.text(number: number + 1)
            }
        }
        return out
    }

    /// `text` reflowed to lines of at most `width` characters (longer words stay whole).
    static func wrapped(_ text: String, indent: String, width: Int) -> String {
        var out = ""
        var line = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
                out += indent + line + "\n"
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { out += indent + line + "\n" }
        return out
    }
}

extension RuleDescription.Example {
    /// A numbered entry: name, outcome, the statement (or the schema) and the expected findings.
    func text(number: Int) -> String {
        var out = "  \(number). \(name): \(triggers ? "triggers" : "passes")"
        if engine != .postgres { out += " (\(engine))" }
        if !params.isEmpty {
            out += " with " + params.keys.sorted().map { "\($0) = \(params[$0]!)" }.joined(separator: ", ")
        }
        out += "\n"
        // Schema-only examples (index and foreign-key rules) are about the catalog, so it is shown instead.
        let input = sql ?? schema
        for line in input.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "       \(line)\n"
        }
        for finding in expect {
            out += "     -> \(finding)\n"
        }
        return out
    }
}
