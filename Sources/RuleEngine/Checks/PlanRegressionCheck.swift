import AdvisorCore
import Migrations
import SQLParsing

/// A workload query whose plan got worse after the migrations: its estimated cost rose by more
/// than `max_cost_increase_pct`, or a table it read through an index is now read by a full scan.
/// When a migration dropped an index the query used, the finding is at that statement.
public struct PlanRegressionCheck: RegressionCheck {
    public static let name = "PlanRegressionCheck"

    public init() {}

    public func findings(in context: RegressionContext, spec: RuleSpec) -> [MigrationFinding] {
        let threshold = spec.params.double("max_cost_increase_pct", default: 20)
        var out: [MigrationFinding] = []
        for query in context.queries {
            let comparison = PlanComparison(before: query.before, after: query.after)
            guard let reason = comparison.regression(maxIncreasePercent: threshold) else { continue }
            let before = PlanComparison.accessPaths(of: query.before).joined(separator: "; ")
            let after = PlanComparison.accessPaths(of: query.after).joined(separator: "; ")
            var evidence = ["sql: \(query.sql)", "before: \(before)", "after: \(after)"]
            var location = (path: query.path ?? query.label, line: query.line ?? 1, column: 1)
            var help = "keep an index path for this query, or accept the slower plan in the baseline"
            if let (script, statement, index) = droppingStatement(of: query.before, in: context) {
                evidence.insert("\(script.path):\(statement.line) drops \(index), which the query used", at: 1)
                location = (script.path, statement.line, statement.column)
                help = "keep \(index): \(query.label) reads through it; drop it only with a replacement the plan uses"
            }
            let table = query.before.nodes.compactMap(\.relation).first
            out.append(
                MigrationFinding(
                    finding: Finding(
                        ruleID: spec.id, severity: spec.severity, message: "\(query.label) got worse: \(reason)",
                        table: table, evidence: evidence, help: help),
                    path: location.path, line: location.line, column: location.column))
        }
        return out
    }

    /// The statement that drops an index `before` read: the likely cause, and the line to annotate.
    private func droppingStatement(of before: Plan, in context: RegressionContext)
        -> (MigrationScript, MigrationStatement, String)?
    {
        let used = PlanComparison.indexesUsed(by: before)
        for script in context.scripts {
            for statement in script.statements {
                for case .dropIndex(let drop) in statement.actions where used.contains(drop.name.lowercased()) {
                    return (script, statement, drop.name)
                }
            }
        }
        return nil
    }
}
