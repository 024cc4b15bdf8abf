import AdvisorCore
import Migrations
import SQLParsing

/// PostgreSQL `CREATE/DROP INDEX CONCURRENTLY` that its migration tool runs inside a transaction
/// block: PostgreSQL refuses it ("cannot run inside a transaction block", SQLSTATE 25001) and the
/// deploy fails. A transaction comes from an explicit BEGIN, from the tool (dbmate without
/// `transaction:false`, ActiveRecord without `disable_ddl_transaction!`, Flyway mixing statements),
/// or from several statements sent as one query (facts-migrations.md sec. 1).
public struct ConcurrentIndexInTransactionCheck: MigrationCheck {
    public static let name = "ConcurrentIndexInTransactionCheck"

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        var out: [MigrationFinding] = []
        for script in context.scripts where context.isReviewed(script) {
            for statement in script.statements {
                guard let transaction = statement.transaction else { continue }
                for action in statement.actions {
                    let subject: (verb: String, name: String, table: String?)
                    switch action {
                    case .createIndex(let index) where index.concurrently:
                        subject = ("CREATE INDEX CONCURRENTLY", index.name ?? "(unnamed)", index.table.name)
                    case .dropIndex(let drop) where drop.concurrently:
                        subject = ("DROP INDEX CONCURRENTLY", drop.name, nil)
                    default:
                        continue
                    }
                    out.append(
                        MigrationFinding(
                            finding: Finding(
                                ruleID: spec.id, severity: spec.severity,
                                message:
                                    "\(subject.verb) \(subject.name) runs inside a transaction block, where "
                                    + "PostgreSQL refuses it: \(transaction)",
                                table: subject.table,
                                evidence: [
                                    MigrationEvidence.statement(statement, in: script),
                                    "PostgreSQL: CONCURRENTLY cannot run inside a transaction block (SQLSTATE 25001)",
                                ],
                                help: help(for: script.layout)),
                            path: script.path, line: statement.line, column: statement.column))
                }
            }
        }
        return out
    }

    /// Each tool's way to run one statement outside a transaction (facts-migrations.md sec. 1).
    private func help(for layout: MigrationLayout) -> String {
        let alone = "make it the only statement of its migration"
        switch layout {
        case .plain, .golangMigrate:
            return "\(alone), with no BEGIN/COMMIT, so it is sent as a single statement"
        case .flyway:
            return "\(alone) and add <script>.sql.conf next to it containing executeInTransaction=false"
        case .dbmate:
            return "\(alone) and mark its block `-- migrate:up transaction:false`"
        case .rails:
            return "\(alone), call disable_ddl_transaction! in the class, and use algorithm: :concurrently"
        }
    }
}
