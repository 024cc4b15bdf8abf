/// A lint primitive over migration files: finds one kind of unsafe or wasteful schema change.
/// Rule files name it in `check:` like a `Check`.
public protocol MigrationCheck: Sendable {
    /// The name rule files use in `check:`.
    static var name: String { get }

    /// The findings for `context`, each at the statement that causes it, with `spec`'s id,
    /// severity and parameters (configuration applied).
    func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding]
}
