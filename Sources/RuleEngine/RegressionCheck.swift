/// A primitive of the workload regression check: compares the workload's plans before and after
/// the migrations. Rule files name it in `check:` like a `Check`.
public protocol RegressionCheck: Sendable {
    /// The name rule files use in `check:`.
    static var name: String { get }

    /// The findings for `context`, each at the migration statement or workload query it concerns.
    func findings(in context: RegressionContext, spec: RuleSpec) -> [MigrationFinding]
}
