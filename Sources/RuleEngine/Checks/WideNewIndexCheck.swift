import AdvisorCore
import Migrations
import SQLParsing

/// A non-unique index a migration creates with more key columns than `max_columns`: each extra
/// column makes the index larger and every write to it dearer, while lookups rarely use more than
/// the leading few (strong_migrations: non-unique indexes of at most 3 columns). Unique indexes
/// define a constraint and are left alone.
public struct WideNewIndexCheck: MigrationCheck {
    public static let name = "WideNewIndexCheck"

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        let limit = spec.params.int("max_columns", default: 3)
        var out: [MigrationFinding] = []
        for script in context.scripts where context.isReviewed(script) {
            for statement in script.statements {
                for case .createIndex(let index) in statement.actions where !index.isUnique && index.keys.count > limit
                {
                    let name = index.name ?? "(unnamed)"
                    out.append(
                        MigrationFinding(
                            finding: Finding(
                                ruleID: spec.id, severity: spec.severity,
                                message:
                                    "index \(name) on \(index.table) has \(index.keys.count) key columns, more than "
                                    + "the limit of \(limit)",
                                table: index.table.name,
                                evidence: [MigrationEvidence.statement(statement, in: script)],
                                help:
                                    "keep the columns the queries filter and sort on (equality columns first, then "
                                    + "one range or ORDER BY column); carry the rest with INCLUDE on PostgreSQL, or "
                                    + "raise max_columns for this rule in .dbadvisor.yml"),
                            path: script.path, line: statement.line, column: statement.column))
                }
            }
        }
        return out
    }
}
