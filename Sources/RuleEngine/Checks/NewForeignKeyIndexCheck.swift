import AdvisorCore
import Migrations
import SQLParsing

/// A foreign key a migration adds on PostgreSQL whose columns lead no index once the migrations
/// have run. PostgreSQL does not index referencing columns by itself: every DELETE or key UPDATE
/// on the referenced table then scans the referencing table (MySQL/InnoDB creates the index itself,
/// so the rule is PostgreSQL's).
public struct NewForeignKeyIndexCheck: MigrationCheck {
    public static let name = "NewForeignKeyIndexCheck"

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        let replay = MigrationReplay(context)
        var out: [MigrationFinding] = []
        for script in context.scripts where context.isReviewed(script) {
            for statement in script.statements {
                for case .addForeignKey(let key) in statement.actions where !key.columns.isEmpty {
                    let table = key.table.name.lowercased()
                    let indexes = replay.finalIndexes.filter { $0.table == table }.map(\.index)
                    let catalog = Table(schema: "", name: key.table.name, columns: [], indexes: indexes)
                    guard !catalog.hasIndex(startingWith: key.columns, unorderedPrefix: key.columns.count) else {
                        continue
                    }
                    let columns = key.columns.joined(separator: ", ")
                    let name = "\(key.table.name)_\(key.columns.joined(separator: "_"))_idx"
                    out.append(
                        MigrationFinding(
                            finding: Finding(
                                ruleID: spec.id, severity: spec.severity,
                                message:
                                    "foreign key \(key.table.name) (\(columns)) -> \(key.referencedTable.name) "
                                    + "(\(key.referencedColumns.joined(separator: ", "))) has no index on (\(columns))",
                                table: key.table.name,
                                evidence: [
                                    MigrationEvidence.statement(statement, in: script),
                                    "no index on \(key.table.name) starts with (\(columns)) after the migrations run",
                                ],
                                help:
                                    "add CREATE INDEX CONCURRENTLY IF NOT EXISTS \(name) ON \(key.table) (\(columns)) "
                                    + "in its own migration: deletes from \(key.referencedTable.name) then look up the "
                                    + "matching rows instead of scanning \(key.table.name)",
                                suggestedIndex: IndexCandidate(table: key.table.name, keyColumns: key.columns)),
                            path: script.path, line: statement.line, column: statement.column))
                }
            }
        }
        return out
    }
}
