import AdvisorCore

/// One rule's settings in `.dbadvisor.yml`: `rules: { <id>: { enabled, severity, params } }`.
public struct RuleOverride: Equatable, Sendable {
    public var isEnabled: Bool?
    public var severity: Severity?
    public var params: [String: RuleParamValue]

    public init(isEnabled: Bool? = nil, severity: Severity? = nil, params: [String: RuleParamValue] = [:]) {
        self.isEnabled = isEnabled
        self.severity = severity
        self.params = params
    }
}
