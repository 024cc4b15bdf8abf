import AdvisorCore
import Migrations
import SQLParsing

/// MySQL/MariaDB `ADD INDEX` / `CREATE INDEX` on an existing table without `ALGORITHM=INPLACE,
/// LOCK=NONE` (or with COPY or a SHARED/EXCLUSIVE lock). Without the clauses the server picks the
/// algorithm and lock itself and may copy the table or block writes silently; with them it refuses
/// with an error instead (facts-migrations.md sec. 4, MySQL "Online DDL Operations"; strong_migrations).
public struct OnlineIndexAlgorithmCheck: MigrationCheck {
    public static let name = "OnlineIndexAlgorithmCheck"

    /// Algorithms that build a secondary index without copying the table (MariaDB: NOCOPY ⊂ INPLACE).
    static let onlineAlgorithms: Set<String> = ["INPLACE", "NOCOPY", "INSTANT"]

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        var out: [MigrationFinding] = []
        for step in MigrationReplay(context).steps where context.isReviewed(step.script) {
            for case .createIndex(let index) in step.statement.actions {
                guard index.origin == .createIndex || index.origin == .alterTable || index.origin == .constraint,
                    !step.newTables.contains(index.table.name.lowercased())
                else { continue }
                var problems: [String] = []
                switch index.algorithm {
                case nil: problems.append("no ALGORITHM")
                case let algorithm? where !Self.onlineAlgorithms.contains(algorithm):
                    problems.append("ALGORITHM=\(algorithm)")
                default: break
                }
                switch index.lock {
                case nil: problems.append("no LOCK")
                case let lock? where lock != "NONE": problems.append("LOCK=\(lock)")
                default: break
                }
                guard !problems.isEmpty else { continue }
                let name = index.name ?? "(unnamed)"
                let quoted = "`\(index.table.name)`"
                let fulltext = index.method == "FULLTEXT" || index.method == "SPATIAL"
                out.append(
                    MigrationFinding(
                        finding: Finding(
                            ruleID: spec.id, severity: spec.severity,
                            message:
                                "index \(name) on \(index.table) is added with \(problems.joined(separator: " and ")): "
                                + "the server may copy the table or block writes while it builds",
                            table: index.table.name,
                            evidence: [
                                MigrationEvidence.statement(step.statement, in: step.script),
                                "ALGORITHM=INPLACE, LOCK=NONE builds a secondary index while reads and writes go on, "
                                    + "and makes the server fail rather than fall back to a table copy or a write lock",
                            ],
                            help: fulltext
                                ? "\(index.method!) indexes cannot be built with LOCK=NONE: schedule the change or "
                                    + "use gh-ost / pt-online-schema-change"
                                : "ALTER TABLE \(quoted) ADD \(index.isUnique ? "UNIQUE " : "")INDEX `\(name)` "
                                    + "\(index.keyText), ALGORITHM=INPLACE, LOCK=NONE"),
                        path: step.script.path, line: step.statement.line, column: step.statement.column))
            }
        }
        return out
    }
}
