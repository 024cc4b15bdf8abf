import AdvisorCore

/// An index serves some of a statement's predicates on a table, and the rest are applied to every
/// fetched row (`Filter`, a recheck) or the rows are sorted afterwards: one composite index with the
/// equality columns first, then the range or ORDER BY column, reads only the rows needed, in order.
public struct MissingCompositeIndexCheck: Check {
    public static let name = "MissingCompositeIndexCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minRows = spec.params.double("min_rows", default: 1000)
        var out: [Finding] = []
        for query in context.queries {
            guard let shape = query.shape, let plan = query.planForRules else { continue }
            for tableName in query.tableNames {
                guard let table = context.table(named: tableName) else { continue }
                let predicates = TablePredicates(shape: shape, table: tableName, statistics: table)
                let key = predicates.suggestedKey
                guard !predicates.equalities.isEmpty, key.count >= 2 else { continue }
                for (scan, ancestors) in plan.scans(of: tableName) {
                    guard [.indexScan, .fullIndexScan, .bitmapScan].contains(scan.operation),
                        let indexName = scan.usedIndexName
                    else { continue }
                    let served = servedColumns(
                        by: table.index(named: indexName), scan: scan, predicates: predicates)
                    let missing = key.filter { !served.contains($0.lowercased()) }
                    guard !missing.isEmpty else { continue }
                    let sortAbove = ancestors.last(where: { $0.operation == .sort })
                    let filtered = scan.filter != nil
                    let sortsMissingOrder =
                        sortAbove != nil && predicates.orderColumns.contains(where: missing.contains)
                    guard filtered || sortsMissingOrder else { continue }
                    let fetched =
                        scan.operation == .fullIndexScan ? (table.estimatedRows ?? scan.fetchedRows) : scan.fetchedRows
                    guard let fetched, fetched >= minRows else { continue }
                    if table.hasIndex(startingWith: key, unorderedPrefix: predicates.equalities.count) { continue }
                    var evidence = query.workloadEvidence(in: context)
                    evidence.append(scan.evidence(tableRows: table.estimatedRows, fetched: fetched))
                    if let sortAbove {
                        evidence.append(
                            "plan: \(sortAbove.nodeType) above it (key: \(sortAbove.sortKeys.joined(separator: ", ")))")
                    }
                    out.append(
                        Finding(
                            ruleID: spec.id, severity: spec.severity,
                            message: "\(table.name) scanned for (\(predicates.description))",
                            table: table.name, fingerprint: query.group.fingerprint.id, evidence: evidence,
                            help:
                                "\(indexName) serves only \(served.isEmpty ? "the row order" : "part of it"); a composite index on (\(key.joined(separator: ", "))) reads just the matching rows\(predicates.orderBy.isEmpty ? "" : " in order")",
                            suggestedIndex: IndexCandidate(table: table.name, keyColumns: key)))
                    break
                }
            }
        }
        return out
    }

    /// Lower-cased columns of the suggested key the used index already serves: its leading key columns
    /// while they are equality columns, then one range or ORDER BY column.
    private func servedColumns(by index: Index?, scan: PlanNode, predicates: TablePredicates) -> Set<String> {
        let equalities = Set(predicates.equalities.map { $0.column.column.lowercased() })
        let rest = Set((predicates.ranges.map(\.column.column) + predicates.orderColumns).map { $0.lowercased() })
        guard let index else {
            // Unknown index (catalog not read): trust the index condition's text.
            let condition = (scan.indexCondition ?? "").lowercased()
            return equalities.union(rest).filter { condition.contains($0) }
        }
        var served: Set<String> = []
        for key in index.keyColumns {
            let name = key.name.lowercased()
            if key.isExpression { break }
            if equalities.contains(name) {
                served.insert(name)
            } else if rest.contains(name) {
                served.insert(name)
                // ORDER BY columns after the first keep their order only if they follow in the index.
                if !predicates.orderColumns.isEmpty, predicates.ranges.isEmpty {
                    continue
                }
                break
            } else {
                break
            }
        }
        return served
    }
}
