import AdvisorCore
import Migrations
import SQLParsing

/// PostgreSQL `CREATE INDEX` without `CONCURRENTLY` on a table the file did not create: the build
/// holds a SHARE lock, blocking every INSERT, UPDATE and DELETE on the table until it finishes
/// (facts-migrations.md sec. 4, PostgreSQL). A primary key or unique constraint added to an existing
/// table builds its index the same way. Tables created earlier in the same file are empty and
/// unused, as squawk and Atlas (PG101) also treat them.
public struct ConcurrentIndexCreationCheck: MigrationCheck {
    public static let name = "ConcurrentIndexCreationCheck"

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        var out: [MigrationFinding] = []
        for step in MigrationReplay(context).steps where context.isReviewed(step.script) {
            for case .createIndex(let index) in step.statement.actions where !index.concurrently {
                guard index.origin == .createIndex || index.origin == .constraint,
                    !step.newTables.contains(index.table.name.lowercased())
                else { continue }
                let what = index.origin == .constraint ? "constraint" : "index"
                let name = index.name ?? "(unnamed)"
                let help =
                    index.origin == .constraint
                    ? "build the index first with CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \(name) ON "
                        + "\(index.table) \(index.keyText) alone in its own migration, then ADD CONSTRAINT … "
                        + "USING INDEX \(name)"
                    : "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX CONCURRENTLY IF NOT EXISTS \(name) ON "
                        + "\(index.table) \(index.keyText); alone in its own migration, outside a transaction"
                out.append(
                    MigrationFinding(
                        finding: Finding(
                            ruleID: spec.id, severity: spec.severity,
                            message:
                                "\(what) \(name) on \(index.table) is built without CONCURRENTLY: writes to "
                                + "\(index.table) are blocked until the build finishes",
                            table: index.table.name,
                            evidence: [
                                MigrationEvidence.statement(step.statement, in: step.script),
                                "CREATE INDEX holds a SHARE lock on \(index.table) (INSERT, UPDATE and DELETE wait); "
                                    + "CONCURRENTLY holds SHARE UPDATE EXCLUSIVE, which lets them run",
                            ],
                            help: help),
                        path: step.script.path, line: step.statement.line, column: step.statement.column))
            }
        }
        return out
    }
}
