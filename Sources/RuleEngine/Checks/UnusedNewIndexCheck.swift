import AdvisorCore
import Migrations
import SQLParsing

/// An index the migrations add that no workload query reads in its plan afterwards: it costs space
/// and work on every write with no benefit the workload shows. Unique and primary-key indexes
/// enforce constraints and are not reported; nothing is reported without planned queries.
public struct UnusedNewIndexCheck: RegressionCheck {
    public static let name = "UnusedNewIndexCheck"

    public init() {}

    public func findings(in context: RegressionContext, spec: RuleSpec) -> [MigrationFinding] {
        guard !context.queries.isEmpty else { return [] }
        let used = context.queries.reduce(into: Set<String>()) {
            $0.formUnion(PlanComparison.indexesUsed(by: $1.after))
        }
        var out: [MigrationFinding] = []
        for script in context.scripts {
            for statement in script.statements {
                for case .createIndex(let index) in statement.actions where !index.isPrimary && !index.isUnique {
                    // MySQL names an unnamed key after its first column.
                    let name = index.name ?? index.keys.first?.name ?? ""
                    guard !used.contains(name.lowercased()) else { continue }
                    let count = context.queries.count
                    out.append(
                        MigrationFinding(
                            finding: Finding(
                                ruleID: spec.id, severity: spec.severity,
                                message:
                                    "new index \(name) on \(index.table) is used by none of the \(count) workload "
                                    + "quer\(count == 1 ? "y" : "ies") planned after the migrations",
                                table: index.table.name,
                                evidence: [MigrationEvidence.statement(statement, in: script)],
                                help:
                                    "leave it out, or add the queries that need it to --workload so the check sees them"
                            ),
                            path: script.path, line: statement.line, column: statement.column))
                }
            }
        }
        return out
    }
}
