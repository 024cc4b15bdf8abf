import AdvisorCore
import Yams

/// The rule settings of `.dbadvisor.yml`: per-rule overrides and suppressions.
///
/// ```yaml
/// rules:
///   full-table-scan: { enabled: true, severity: error, params: { min_rows: 50000 } }
///   unused-index: { enabled: false }
/// suppress:
///   - { rule: full-table-scan, table: audit_log }
///   - { fingerprint: 5e1c0a3f2b9d7c11 }
/// ```
///
/// Other top-level keys belong to the CLI and are ignored here. Rule ids and parameter names are
/// checked against the rules when the configuration is applied (`RuleEngine.init`).
public struct RuleConfiguration: Equatable, Sendable {
    /// Overrides by rule id (or alias), in file order.
    public var rules: [(id: String, override: RuleOverride)]
    public var suppressions: [Suppression]

    public init(rules: [(id: String, override: RuleOverride)] = [], suppressions: [Suppression] = []) {
        self.rules = rules
        self.suppressions = suppressions
    }

    public static func == (a: RuleConfiguration, b: RuleConfiguration) -> Bool {
        a.rules.map(\.id) == b.rules.map(\.id) && a.rules.map(\.override) == b.rules.map(\.override)
            && a.suppressions == b.suppressions
    }

    /// Parses the text of `.dbadvisor.yml`; an empty text is the empty configuration.
    public init(yaml text: String) throws(RuleEngineError) {
        self.init()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .invalidConfiguration(key: "", message: "not valid YAML: \(error)")
        }
        guard let root else { return }
        guard let top = root.mapping else { throw .invalidConfiguration(key: "", message: "expected a mapping") }
        for (keyNode, value) in top {
            switch keyNode.string {
            case "rules": rules = try Self.rules(value)
            case "suppress": suppressions = try Self.suppressions(value)
            default: continue  // the CLI's own settings
            }
        }
    }

    private static func rules(_ node: Node) throws(RuleEngineError) -> [(id: String, override: RuleOverride)] {
        if node.null != nil { return [] }
        guard let mapping = node.mapping else {
            throw .invalidConfiguration(key: "rules", message: "expected a mapping of rule ids")
        }
        var out: [(id: String, override: RuleOverride)] = []
        for (keyNode, value) in mapping {
            let id = keyNode.string ?? ""
            let path = "rules.\(id)"
            var override = RuleOverride()
            if value.null != nil {
                out.append((id, override))
                continue
            }
            guard let fields = value.mapping else {
                throw .invalidConfiguration(key: path, message: "expected a mapping (enabled, severity, params)")
            }
            for (fieldNode, fieldValue) in fields {
                let field = fieldNode.string ?? ""
                switch field {
                case "enabled":
                    guard let enabled = fieldValue.bool else {
                        throw .invalidConfiguration(key: "\(path).enabled", message: "expected true or false")
                    }
                    override.isEnabled = enabled
                case "severity":
                    guard let severity = fieldValue.string.flatMap(Severity.init(rawValue:)) else {
                        throw .invalidConfiguration(
                            key: "\(path).severity", message: "expected info, warning or error")
                    }
                    override.severity = severity
                case "params":
                    override.params = try params(fieldValue, path: "\(path).params")
                default:
                    throw .invalidConfiguration(
                        key: "\(path).\(field)", message: "unknown key (known: enabled, severity, params)")
                }
            }
            out.append((id, override))
        }
        return out
    }

    private static func params(_ node: Node, path: String) throws(RuleEngineError) -> [String: RuleParamValue] {
        if node.null != nil { return [:] }
        guard let mapping = node.mapping else { throw .invalidConfiguration(key: path, message: "expected a mapping") }
        var out: [String: RuleParamValue] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            guard let parsed = paramValue(value) else {
                throw .invalidConfiguration(
                    key: "\(path).\(name)", message: "expected a number, true/false, a string or a list of strings")
            }
            out[name] = parsed
        }
        return out
    }

    /// A scalar by its resolved YAML tag (`10000` is an integer, `0.05` a float, `"10"` a string).
    static func paramValue(_ node: Node) -> RuleParamValue? {
        if let sequence = node.sequence {
            let items = sequence.compactMap(\.string)
            return items.count == sequence.count ? .strings(items) : nil
        }
        guard let scalar = node.scalar else { return nil }
        switch node.tag.description {
        case Tag.Name.bool.rawValue: return node.bool.map(RuleParamValue.bool)
        case Tag.Name.int.rawValue: return node.int.map(RuleParamValue.int)
        case Tag.Name.float.rawValue: return node.float.map(RuleParamValue.double)
        default: return .string(scalar.string)
        }
    }

    private static func suppressions(_ node: Node) throws(RuleEngineError) -> [Suppression] {
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            throw .invalidConfiguration(key: "suppress", message: "expected a list of { rule, fingerprint, table }")
        }
        var out: [Suppression] = []
        for (index, entry) in sequence.enumerated() {
            let path = "suppress[\(index)]"
            guard let fields = entry.mapping else {
                throw .invalidConfiguration(key: path, message: "expected a mapping with rule, fingerprint or table")
            }
            var suppression = Suppression()
            for (fieldNode, value) in fields {
                let field = fieldNode.string ?? ""
                guard let text = value.string, value.scalar != nil else {
                    throw .invalidConfiguration(key: "\(path).\(field)", message: "expected a string")
                }
                switch field {
                case "rule": suppression.rule = text
                case "fingerprint": suppression.fingerprint = text
                case "table": suppression.table = text
                default:
                    throw .invalidConfiguration(
                        key: "\(path).\(field)", message: "unknown key (known: rule, fingerprint, table)")
                }
            }
            guard suppression.fingerprint != nil || suppression.table != nil else {
                throw .invalidConfiguration(
                    key: path,
                    message:
                        "give a fingerprint or a table (to silence a rule everywhere, set rules.<id>.enabled: false)")
            }
            out.append(suppression)
        }
        return out
    }
}
