import AdvisorCore

/// `ORDER BY … LIMIT n` answered by sorting a large input to keep n rows (top-N heapsort, filesort):
/// an index on (equality columns, then the ORDER BY columns) returns the first n rows in order.
public struct SortWithoutIndexCheck: Check {
    public static let name = "SortWithoutIndexCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minRows = spec.params.double("min_rows", default: 10_000)
        var out: [Finding] = []
        for query in context.queries {
            guard let shape = query.shape, shape.hasLimit, let plan = query.planForRules else { continue }
            // MySQL and MariaDB plans have no LIMIT node: the statement's LIMIT applies to the sort on top.
            let plansLimits = plan.nodes.contains { $0.operation == .limit }
            for (sort, ancestors) in plan.nodesWithAncestors where sort.operation == .sort {
                let limit = ancestors.last(where: { $0.operation == .limit })
                guard limit != nil || (!plansLimits && context.engine.isMySQLFamily) else { continue }
                // The sort's input: its own row count, or the Gather Merge above a per-worker sort.
                let gathered = ancestors.filter { $0.nodeType.hasPrefix("Gather") }.compactMap(\.rows)
                let input = ([sort.rows] + sort.children.map(\.rows) + gathered).compactMap { $0 }.max() ?? 0
                guard input >= minRows else { continue }
                guard
                    let tableName = query.tableNames.first(where: { name in
                        TablePredicates(shape: shape, table: name).orderBy.isEmpty == false
                    }), let table = context.table(named: tableName)
                else { continue }
                let predicates = TablePredicates(shape: shape, table: tableName, statistics: table)
                // Ranges would end the index prefix before the ORDER BY columns: the sort stays.
                guard predicates.ranges.isEmpty, predicates.nonSargable.isEmpty else { continue }
                let key = predicates.suggestedKey
                if table.hasIndex(startingWith: key, unorderedPrefix: predicates.equalities.count) { continue }
                let order = predicates.orderBy.map { "\($0.column!.column)\($0.descending ? " DESC" : "")" }
                    .joined(separator: ", ")
                let kept =
                    (limit?.rows ?? shape.limit.map(Double.init)).map { " to return \(Figures.rows($0)) rows" } ?? ""
                var evidence = query.workloadEvidence(in: context)
                evidence.append(
                    "plan: \(sort.nodeType) (key: \(sort.sortKeys.joined(separator: ", "))) of \(Figures.rows(input)) rows under "
                        + (limit?.nodeType ?? "LIMIT \(shape.limit.map(String.init) ?? "n")")
                )
                if let scan = plan.scans(of: tableName).first?.node {
                    evidence.append(scan.evidence(tableRows: table.estimatedRows))
                }
                out.append(
                    Finding(
                        ruleID: spec.id, severity: spec.severity,
                        message:
                            "\(table.name) sorted by (\(order))\(kept); sort input \(Figures.rows(input)) rows",
                        table: table.name, fingerprint: query.group.fingerprint.id, evidence: evidence,
                        help:
                            "an index on (\(key.joined(separator: ", "))) returns the rows already in order, so the scan stops after the LIMIT",
                        suggestedIndex: IndexCandidate(table: table.name, keyColumns: key)))
                break
            }
        }
        return out
    }
}
