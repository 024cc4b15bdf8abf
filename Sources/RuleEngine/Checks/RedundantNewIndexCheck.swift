import AdvisorCore
import Migrations
import SQLParsing

/// An index a migration creates that duplicates, or is a leading prefix of, another index on the
/// table (one that existed or one the migrations create), or that makes an existing non-unique
/// index redundant without dropping it. Both indexes would stay: every write maintains the two for
/// lookups one of them serves. Indexes a later migration drops are not counted.
public struct RedundantNewIndexCheck: MigrationCheck {
    public static let name = "RedundantNewIndexCheck"

    public init() {}

    public func findings(in context: MigrationContext, spec: RuleSpec) -> [MigrationFinding] {
        let replay = MigrationReplay(context)
        // Identity of an index that survives every migration: table and name.
        let survivors = Set(replay.finalIndexes.map { [$0.table, $0.index.name.lowercased()] })
        func survives(_ table: String, _ index: Index) -> Bool { survivors.contains([table, index.name.lowercased()]) }
        var out: [MigrationFinding] = []
        for step in replay.steps where context.isReviewed(step.script) {
            for case .createIndex(let created) in step.statement.actions where !created.isPrimary {
                let table = created.table.name.lowercased()
                let new = MigrationReplay.index(created, engine: context.engine)
                guard survives(table, new) else { continue }
                let others = step.indexes.filter {
                    $0.table == table && $0.index.isValid && survives(table, $0.index)
                        && $0.index.name.caseInsensitiveCompare(new.name) != .orderedSame
                }
                // The new index is the redundant one: another already serves its lookups.
                let covering = others.filter { other in
                    new.isUnique
                        ? other.index.isUnique && other.index.serves(new) && new.serves(other.index)
                        : other.index.serves(new)
                }.sorted { $0.index.keyColumns.count > $1.index.keyColumns.count }
                if let other = covering.first {
                    let duplicate = other.index.keyColumns.count == new.keyColumns.count
                    out.append(
                        finding(
                            spec, step,
                            message:
                                "new index \(new.name) \(new.keyListText) is \(duplicate ? "a duplicate of" : "a prefix of") "
                                + "\(describe(other)) on \(created.table.name)",
                            other: other,
                            help:
                                "leave \(new.name) out: \(other.index.name) already serves every lookup it would, "
                                + "and each index costs space and work on every write"))
                    continue
                }
                // The new index makes a narrower, non-unique one redundant that nothing drops.
                let narrower = others.filter { other in
                    !other.index.isUnique && !other.index.isPrimary && new.serves(other.index)
                }
                for other in narrower {
                    out.append(
                        finding(
                            spec, step,
                            message:
                                "new index \(new.name) \(new.keyListText) makes \(describe(other)) on "
                                + "\(created.table.name) redundant, and no migration drops it",
                            other: other,
                            help:
                                "drop \(other.index.name) in this change once \(new.name) is built (\(new.name) "
                                + "serves every lookup it does), or leave \(new.name) out"))
                }
            }
        }
        return out
    }

    /// The index in the message; where a migration created it is in the evidence, so the message
    /// stays the same whatever the file names (baselines match on it).
    private func describe(_ tracked: MigrationReplay.TrackedIndex) -> String {
        "\(tracked.createdAt == nil ? "" : "new index ")\(tracked.index.name) \(tracked.index.keyListText)"
    }

    private func finding(
        _ spec: RuleSpec, _ step: MigrationReplay.Step, message: String, other: MigrationReplay.TrackedIndex,
        help: String
    ) -> MigrationFinding {
        var evidence = [MigrationEvidence.statement(step.statement, in: step.script)]
        if let origin = other.createdAt {
            evidence.append(MigrationEvidence.statement(origin.statement, in: origin.script))
        } else {
            evidence.append(
                "existing index \(other.index.definition ?? "\(other.index.name) \(other.index.keyListText)")")
        }
        return MigrationFinding(
            finding: Finding(
                ruleID: spec.id, severity: spec.severity, message: message, table: other.table, evidence: evidence,
                help: help),
            path: step.script.path, line: step.statement.line, column: step.statement.column)
    }
}
