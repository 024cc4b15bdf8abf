import AdvisorCore
import Migrations
import SQLParsing

/// PostgreSQL `DROP INDEX` without `CONCURRENTLY`: it takes an ACCESS EXCLUSIVE lock on the index's
/// table, so every query on the table (reads included) queues behind it and behind any long
/// transaction it waits for (squawk require-concurrent-index-deletion, Atlas PG102).
public struct ConcurrentIndexDeletionCheck: MigrationCheck {
    public static let name = "ConcurrentIndexDeletionCheck"

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        var out: [MigrationFinding] = []
        for step in MigrationReplay(context).steps where context.isReviewed(step.script) {
            for case .dropIndex(let drop) in step.statement.actions where !drop.concurrently {
                let owner = step.indexes.first { $0.index.name.caseInsensitiveCompare(drop.name) == .orderedSame }
                if let table = owner?.table, step.newTables.contains(table) { continue }
                let qualified = drop.schema.map { "\($0).\(drop.name)" } ?? drop.name
                out.append(
                    MigrationFinding(
                        finding: Finding(
                            ruleID: spec.id, severity: spec.severity,
                            message:
                                "index \(drop.name) is dropped without CONCURRENTLY: every query on "
                                + "\(owner?.table ?? "its table") waits until the drop gets its lock and finishes",
                            table: owner?.table,
                            evidence: [
                                MigrationEvidence.statement(step.statement, in: step.script),
                                "DROP INDEX holds an ACCESS EXCLUSIVE lock on the table; it first queues behind "
                                    + "every open transaction that touched the table, and all later queries queue behind it",
                            ],
                            help:
                                "DROP INDEX CONCURRENTLY IF EXISTS \(qualified); alone in its own migration, "
                                + "outside a transaction"),
                        path: step.script.path, line: step.statement.line, column: step.statement.column))
            }
        }
        return out
    }
}
