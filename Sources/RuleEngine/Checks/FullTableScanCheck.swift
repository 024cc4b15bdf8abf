import AdvisorCore

/// A selective filter answered by reading a whole big table (`Seq Scan`, MySQL `ALL`).
///
/// The filter is selective when the scan keeps at most `max_selectivity` of the table's rows. When the
/// statement also has non-sargable predicates on the table, the plan's row estimate may be their
/// doing, so the sargable ones must be selective by the column statistics (1 / distinct values) —
/// otherwise `non-sargable-predicate` speaks about the query instead.
public struct FullTableScanCheck: Check {
    public static let name = "FullTableScanCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minRows = spec.params.double("min_rows", default: 10_000)
        let maxSelectivity = spec.params.double("max_selectivity", default: 0.05)
        var out: [Finding] = []
        for query in context.queries {
            guard let shape = query.shape, let plan = query.planForRules else { continue }
            for (tableName, table, tableRows) in context.largeTables(of: query, minRows: minRows) {
                let predicates = TablePredicates(shape: shape, table: tableName, statistics: table)
                let key = predicates.suggestedKey
                guard !predicates.equalities.isEmpty || !predicates.ranges.isEmpty, !key.isEmpty else { continue }
                guard
                    let scan = plan.scans(of: tableName).map(\.node).first(where: {
                        $0.operation == .fullScan && $0.filter != nil
                    }), let rows = scan.rows, rows / tableRows <= maxSelectivity
                else { continue }
                if !predicates.nonSargable.isEmpty {
                    guard let selectivity = statisticsSelectivity(predicates, table: table),
                        selectivity <= maxSelectivity
                    else { continue }
                }
                // An existing index with this key the planner did not use is a statistics or cost
                // problem, not a missing index.
                if table.hasIndex(startingWith: key, unorderedPrefix: predicates.equalities.count) { continue }
                let suggestion = IndexCandidate(table: table.name, keyColumns: key)
                out.append(
                    Finding(
                        ruleID: spec.id, severity: spec.severity,
                        message:
                            "full scan of \(table.name) (\(Figures.rows(tableRows)) rows) for (\(predicates.description))",
                        table: table.name, fingerprint: query.group.fingerprint.id,
                        evidence: query.workloadEvidence(in: context) + [scan.evidence(tableRows: tableRows)],
                        help:
                            "index (\(key.joined(separator: ", "))) so each call reads the matching rows instead of all \(Figures.rows(tableRows))"
                            + Self.likeCaveat(predicates, key: key, engine: context.engine),
                        suggestedIndex: suggestion))
            }
        }
        return out
    }

    /// What the help must add when the key holds a `LIKE` column: a B-tree serves only a pattern
    /// that starts with text, and on PostgreSQL only in `text_pattern_ops` unless the column's
    /// collation is C. The pattern may be a parameter (pg_stat_statements shows every one so), so
    /// the reader is told what a leading wildcard needs instead.
    static func likeCaveat(_ predicates: TablePredicates, key: [String], engine: Engine) -> String {
        guard let like = predicates.ranges.first(where: { $0.kind == .likePrefix && key.contains($0.column.column) })
        else { return "" }
        return engine == .postgres
            ? "; a B-tree serves LIKE only for a pattern that starts with text ('abc%'), and only in text_pattern_ops "
                + "unless \(like.column.column)'s collation is C; '%abc%' needs a pg_trgm GIN index"
            : "; a B-tree serves LIKE only for a pattern that starts with text ('abc%'); '%abc%' needs a FULLTEXT index"
    }

    /// Product of the equality columns' 1/distinct (ranges count as 1/3, PostgreSQL's default guess);
    /// `nil` when a column has no statistics.
    private func statisticsSelectivity(_ predicates: TablePredicates, table: Table) -> Double? {
        var selectivity = 1.0
        for predicate in predicates.equalities {
            guard let distinct = table.column(named: predicate.column.column)?.statistics?.distinctValues,
                distinct > 0
            else { return nil }
            selectivity *= 1 / distinct
        }
        if !predicates.ranges.isEmpty { selectivity /= 3 }
        return selectivity
    }
}
