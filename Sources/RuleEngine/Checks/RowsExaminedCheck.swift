import AdvisorCore

/// A statement the server itself recorded examining far more rows than it returned or changed
/// (slow log `Rows_examined` ≫ `Rows_sent`, performance_schema `SUM_ROWS_EXAMINED`).
///
/// This is observed evidence, not a plan's estimate, so it works offline on a log alone. It speaks
/// only for statements the advisor did not EXPLAIN (offline, or not plannable by its role): with
/// a plan and the catalog, `full-table-scan` and the index rules say the same thing with the
/// access path named. A plan the server logged (MariaDB `# explain:`) adds its scans as evidence.
/// Statements without a filter (`WHERE`, join) or with `GROUP BY` are left alone: reading many
/// rows to return few is then what they are for.
public struct RowsExaminedCheck: Check {
    public static let name = "RowsExaminedCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minExamined = spec.params.double("min_rows_examined", default: 10_000)
        let minRatio = spec.params.double("min_ratio", default: 100)
        var out: [Finding] = []
        for query in context.queries where query.plan == nil {
            guard let counters = query.group.counters, counters.calls > 0,
                let examined = counters.meanRowsExamined, examined >= minExamined,
                let shape = query.shape, shape.groupBy.isEmpty, !shape.predicates.isEmpty || !shape.joins.isEmpty
            else { continue }
            // A write's result is the rows it changed; a read's the rows it sent.
            let produced = max(counters.meanRowsSent ?? 0, Self.meanRowsAffected(counters) ?? 0)
            let ratio = examined / max(produced, 1)
            guard ratio >= minRatio else { continue }
            let tables = query.tableNames
            let table = tables.count == 1 ? tables[0] : nil
            var evidence = query.workloadEvidence(in: context)
            evidence.append(
                "logged: \(Figures.rows(examined)) rows examined per call for \(Figures.rows(produced)) "
                    + "returned or changed (1 in \(Figures.rows(ratio)) used)")
            if let scans = counters.fullScans, scans > 0 {
                evidence.append(
                    "logged: no index used in \(Figures.percent(Double(scans) / Double(counters.calls))) of "
                        + "\(Figures.count(counters.calls)) calls")
            }
            if let scanned = counters.readRndNext, let keyed = counters.readKey, scanned > 10 * max(keyed, 1) {
                evidence.append(
                    "logged: Read_rnd_next \(Figures.rows(Double(scanned))) vs Read_key \(Figures.rows(Double(keyed))): rows were read in table order"
                )
            }
            for table in tables {
                for scan in query.group.loggedPlan?.scans(of: table) ?? [] where scan.node.operation == .fullScan {
                    evidence.append("logged " + scan.node.evidence(tableRows: nil))
                }
            }
            let suggestion = table.flatMap { suggestedIndex(for: query, table: $0, in: context) }
            out.append(
                Finding(
                    ruleID: spec.id, severity: spec.severity,
                    message:
                        "\(table ?? tables.joined(separator: ", ")) examined \(Figures.rows(examined)) rows per call to return \(Figures.rows(produced))",
                    table: table, fingerprint: query.group.fingerprint.id, evidence: evidence,
                    help: suggestion.map {
                        "index (\($0.keyColumns.joined(separator: ", "))) so each call reads only matching rows; run analyze against the server for the plan and the gain"
                    }
                        ?? "run analyze against the server to see the plan and which index would serve it",
                    suggestedIndex: suggestion))
        }
        return out
    }

    private static func meanRowsAffected(_ counters: ExecutionCounters) -> Double? {
        counters.rowsAffected.map { Double($0) / Double(counters.calls) }
    }

    /// The key the statement's own predicates call for, unless the catalog shows it exists already.
    private func suggestedIndex(for query: AnalyzedQuery, table: String, in context: RuleContext) -> IndexCandidate? {
        guard let shape = query.shape else { return nil }
        let catalog = context.table(named: table)
        let predicates = TablePredicates(shape: shape, table: table, statistics: catalog)
        let key = predicates.suggestedKey
        guard !key.isEmpty else { return nil }
        if let catalog, catalog.hasIndex(startingWith: key, unorderedPrefix: predicates.equalities.count) { return nil }
        return IndexCandidate(table: catalog?.name ?? table, keyColumns: key)
    }
}
