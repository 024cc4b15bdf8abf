/// Why rules or their configuration could not be loaded; the message names the file or key.
public enum RuleEngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A rule file does not parse or breaks a convention (id = file name, required examples).
    case invalidRuleFile(path: String, message: String)
    /// A rule names a check no Swift type implements.
    case unknownCheck(rule: String, check: String)
    /// `.dbadvisor.yml` is malformed; `key` is the path to the offending entry (`rules.x.params.y`).
    case invalidConfiguration(key: String, message: String)

    public var description: String {
        switch self {
        case .invalidRuleFile(let path, let message): "rules/\(path): \(message)"
        case .unknownCheck(let rule, let check): "rule \(rule): no check named '\(check)'"
        case .invalidConfiguration(let key, let message):
            key.isEmpty ? "configuration: \(message)" : "configuration: \(key): \(message)"
        }
    }
}
