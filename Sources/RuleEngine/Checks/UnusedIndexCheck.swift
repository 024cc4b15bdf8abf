import AdvisorCore

/// An index no query has used since statistics were last reset, on a table that is written to: every
/// insert and update maintains it for nothing. Unique and primary-key indexes enforce constraints
/// and are never reported; nor are indexes whose scan count the engine does not record.
public struct UnusedIndexCheck: Check {
    public static let name = "UnusedIndexCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minWrites = Int64(spec.params.int("min_writes", default: 1))
        let minSize = Int64(spec.params.int("min_size_bytes", default: 0))
        var out: [Finding] = []
        for table in context.schema.tables {
            guard let writes = table.writeStats else { continue }
            let total = writes.inserts + writes.updates + writes.deletes
            guard total >= minWrites else { continue }
            for index in table.indexes where index.scans == 0 && !index.isUnique && !index.isPrimary && index.isValid {
                if let size = index.sizeBytes, size < minSize { continue }
                let size = index.sizeBytes.map { ", \(Figures.bytes($0))" } ?? ""
                let dropStatement =
                    IndexDrop.statement(index, on: table, engine: context.engine) ?? "drop index \(index.name)"
                out.append(
                    Finding(
                        ruleID: spec.id, severity: spec.severity,
                        message: "\(index.name) on \(table.name) has not been used since statistics were last reset",
                        table: table.name,
                        evidence: [
                            "\(index.definition ?? index.name): 0 scans since statistics were last reset\(size)",
                            "\(table.name): \(Figures.count(writes.inserts)) inserts, \(Figures.count(writes.updates)) updates, \(Figures.count(writes.deletes)) deletes in the same period",
                        ],
                        help:
                            "make sure no replica, report or monthly job uses it (statistics are per server and reset with pg_stat_reset), then \(dropStatement)"
                    ))
            }
        }
        return out
    }
}
