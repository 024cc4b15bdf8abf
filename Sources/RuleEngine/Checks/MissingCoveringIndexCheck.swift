import AdvisorCore
import Foundation

/// A frequent query finds many rows through an index and then visits the table for each of them only
/// to read a few more columns. With those columns in the index (PostgreSQL `INCLUDE`, trailing key
/// columns on MySQL) the plan becomes an Index Only Scan and skips the table.
public struct MissingCoveringIndexCheck: Check {
    public static let name = "MissingCoveringIndexCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minCalls = spec.params.int("min_calls", default: 20)
        let minRows = spec.params.double("min_rows", default: 100)
        let maxExtra = spec.params.int("max_extra_columns", default: 3)
        let minTotalRows = spec.params.double("min_total_rows", default: 100_000)
        var out: [Finding] = []
        for query in context.queries where query.group.calls >= minCalls {
            guard let shape = query.shape, shape.kind == .select, !shape.selectsAllColumns,
                let plan = query.planForRules
            else { continue }
            let onlyTable = shape.tables.count == 1
            // A LIMIT that nothing sorts or aggregates before stops the index scan early; MySQL's
            // row estimate ignores it.
            let stopsEarly =
                shape.groupBy.isEmpty && !plan.nodes.contains { $0.operation == .sort || $0.operation == .aggregate }
            let limit = stopsEarly ? shape.limit.map(Double.init) : nil
            for tableName in query.tableNames {
                guard let table = context.table(named: tableName) else { continue }
                let referenced = shape.referencedColumns.filter { column in
                    column.table.map { $0.caseInsensitiveCompare(tableName) == .orderedSame } ?? onlyTable
                }
                guard !referenced.isEmpty else { continue }
                // An unattributed column in a join might belong to this table: not sure enough to advise.
                if !onlyTable, shape.referencedColumns.contains(where: { $0.table == nil }) { continue }
                for (scan, _) in plan.scans(of: tableName) {
                    guard scan.operation == .indexScan || scan.operation == .bitmapScan,
                        let indexName = scan.usedIndexName, let index = table.index(named: indexName),
                        !index.keyColumns.contains(where: \.isExpression),
                        let estimated = scan.fetchedRows
                    else { continue }
                    let fetched = min(estimated, limit ?? estimated)
                    guard fetched >= minRows, fetched * Double(query.group.calls) >= minTotalRows else { continue }
                    var inIndex = Set((index.keyColumnNames + index.includedColumns).map { $0.lowercased() })
                    // InnoDB secondary indexes carry the primary key columns.
                    if context.engine.isMySQLFamily, let primary = table.primaryKey {
                        inIndex.formUnion(primary.keyColumnNames.map { $0.lowercased() })
                    }
                    var extra: [String] = []
                    for column in referenced.map(\.column) where !inIndex.contains(column.lowercased()) {
                        if !extra.contains(column) { extra.append(column) }
                    }
                    guard !extra.isEmpty, extra.count <= maxExtra else { continue }
                    // Table column order reads naturally and does not depend on how the statement lists them.
                    let position = { (name: String) in
                        table.columns.firstIndex { $0.name.caseInsensitiveCompare(name) == .orderedSame } ?? Int.max
                    }
                    extra.sort { (position($0), $0) < (position($1), $1) }
                    let suggestion = IndexCandidate(
                        table: table.name, keyColumns: index.keyColumnNames, includedColumns: extra)
                    var evidence = query.workloadEvidence(in: context)
                    evidence.append(scan.evidence(tableRows: table.estimatedRows))
                    out.append(
                        Finding(
                            ruleID: spec.id, severity: spec.severity,
                            message:
                                "\(table.name) read through \(index.name) visits the table for \(extra.joined(separator: ", "))",
                            table: table.name, fingerprint: query.group.fingerprint.id, evidence: evidence,
                            help:
                                "add \(extra.joined(separator: ", ")) to the index (INCLUDE on PostgreSQL, trailing key columns on MySQL) so the ~\(Figures.rows(fetched)) rows per call come from an Index Only Scan",
                            suggestedIndex: suggestion))
                    break
                }
            }
        }
        return out
    }
}
