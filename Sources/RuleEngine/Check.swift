import AdvisorCore

/// A rule primitive: finds one kind of problem. Rule files name it in `check:` and tune it with `params`.
public protocol Check: Sendable {
    /// The name rule files use in `check:`.
    static var name: String { get }

    /// The findings for `context`, with `spec`'s id, severity and parameters (configuration applied).
    func findings(in context: RuleContext, spec: RuleSpec) -> [Finding]
}
