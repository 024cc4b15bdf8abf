import AdvisorCore

/// What a report says about a rule that ran: SARIF's `reportingDescriptor`, the Markdown summary's legend.
public struct CheckRule: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    /// The problem and the fix.
    public var rationale: String
    public var severity: Severity

    public init(id: String, title: String, rationale: String, severity: Severity) {
        self.id = id
        self.title = title
        self.rationale = rationale
        self.severity = severity
    }
}
