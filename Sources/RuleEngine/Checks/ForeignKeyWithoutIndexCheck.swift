import AdvisorCore
import Foundation

/// A foreign key whose referencing columns lead no index. PostgreSQL does not index them
/// automatically: every DELETE (or key UPDATE) on the referenced table scans the referencing table
/// in the constraint's trigger, and joins or lookups by the key scan it too.
public struct ForeignKeyWithoutIndexCheck: Check {
    public static let name = "ForeignKeyWithoutIndexCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minRows = spec.params.double("min_rows", default: 1000)
        var out: [Finding] = []
        for table in context.schema.tables {
            if let rows = table.estimatedRows, rows < minRows { continue }
            for key in table.foreignKeys where !key.columns.isEmpty {
                guard !table.hasIndex(startingWith: key.columns, unorderedPrefix: key.columns.count) else { continue }
                let columns = key.columns.joined(separator: ", ")
                var evidence: [String] = []
                let size = table.sizeBytes.map { ", \(Figures.bytes($0))" } ?? ""
                if let rows = table.estimatedRows {
                    evidence.append("\(table.name): \(Figures.rows(rows)) rows\(size)")
                }
                let referenced = context.schema.table(named: key.referencedTable, schema: key.referencedSchema)
                if let writes = referenced?.writeStats {
                    evidence.append(
                        "\(key.referencedTable): \(Figures.count(writes.deletes)) deletes, \(Figures.count(writes.updates)) updates since statistics were last reset, each checked against \(table.name)"
                    )
                }
                evidence += relatedQueries(table: table, key: key, in: context)
                out.append(
                    Finding(
                        ruleID: spec.id, severity: spec.severity,
                        message:
                            "\(table.name) (\(columns)) references \(key.referencedTable) (\(key.referencedColumns.joined(separator: ", "))) without an index",
                        table: table.name, evidence: evidence,
                        help:
                            "index (\(columns)): deleting from \(key.referencedTable) or looking up its \(table.name) then reads only the matching rows instead of scanning \(table.name)",
                        suggestedIndex: IndexCandidate(table: table.name, keyColumns: key.columns)))
            }
        }
        return out
    }

    /// Workload evidence: deletes from the referenced table (each fires the constraint's scan) and
    /// queries that filter the referencing table by the key.
    private func relatedQueries(table: Table, key: ForeignKey, in context: RuleContext) -> [String] {
        var lines: [String] = []
        for query in context.queries {
            guard let shape = query.shape else { continue }
            let first = shape.tables.first?.name ?? ""
            if shape.kind == .delete,
                first.caseInsensitiveCompare(key.referencedTable) == .orderedSame
            {
                lines.append(
                    "deletes from \(key.referencedTable) scan \(table.name): \(EvidenceText.workload(query.group, in: context))"
                )
            } else {
                let predicates = TablePredicates(shape: shape, table: table.name)
                let filtered = predicates.equalities.contains { predicate in
                    key.columns.contains { $0.caseInsensitiveCompare(predicate.column.column) == .orderedSame }
                }
                if filtered {
                    lines.append(
                        "lookups by \(key.columns.joined(separator: ", ")): \(EvidenceText.workload(query.group, in: context))"
                    )
                }
            }
        }
        return lines
    }
}
