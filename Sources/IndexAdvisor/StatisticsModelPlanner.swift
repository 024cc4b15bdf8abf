import AdvisorCore

/// A what-if planner for servers without HypoPG: a documented cost model over table and column
/// statistics, clearly a model (basis `.statisticsModel`), never a planner's word.
///
/// Cost of a statement = Σ over its tables of the cheapest access path, in "rows touched":
/// - full scan: `rows` (sequential reads count 1 per row);
/// - B-tree path: `log2(rows) + matched × perRow`, where `matched = rows × Π selectivity` of the
///   leading key columns with an equality / IN / IS NULL predicate, then at most one range column
///   (`ColumnSelectivity`); `perRow` is 1 for a covering index and 4 otherwise (a random heap visit,
///   PostgreSQL's random_page_cost / seq_page_cost);
/// - a path that does not deliver the statement's ORDER BY adds a sort of `n log2 n / 10` for the
///   rows left after all predicates; a path that delivers it under LIMIT stops after
///   `limit / residual selectivity` rows (LIMIT $n counts as 100).
/// Join columns count as equality on the inner table, with one lookup (joins are not ordered).
public final class StatisticsModelPlanner: WhatIfPlanner {
    /// Always `.statisticsModel`.
    public let basis: GainBasis = .statisticsModel
    private let schema: Schema
    private let shapes: [String: QueryShape]

    /// The model for `schema`; statements are recognised by their planning text (`AnalyzedQuery.planningText`).
    public init(schema: Schema, queries: [AnalyzedQuery]) {
        self.schema = schema
        var shapes: [String: QueryShape] = [:]
        for query in queries { shapes[query.planningText] = query.shape }
        self.shapes = shapes
    }

    /// Modelled cost of `statement` with `indexes` added to the existing valid B-tree indexes.
    public func cost(of statement: String, with indexes: [IndexCandidate]) throws(DriverError) -> WhatIfResult {
        guard let shape = shapes[statement] else {
            throw DriverError(
                kind: .unsupportedStatement, engine: schema.engine,
                message: "the statistics model knows only the workload's analyzed statements",
                server: "statistics model")
        }
        var total = 0.0
        var used: [IndexCandidate] = []
        var seen: Set<String> = []
        for reference in shape.tables where seen.insert(reference.name.lowercased()).inserted {
            let table = schema.table(named: reference.name, schema: reference.schema)
            let access = TableAccessModel(shape: shape, tableName: reference.name, table: table)
            var best = (cost: access.fullScanCost, index: IndexCandidate?.none)
            for index in existing(table) + indexes.filter({ $0.table.lowercased() == reference.name.lowercased() }) {
                if let cost = access.cost(using: index), cost < best.cost { best = (cost, index) }
            }
            total += best.cost
            if let index = best.index, indexes.contains(index) { used.append(index) }
        }
        return WhatIfResult(cost: total, usedIndexes: used)
    }

    /// Leaf pages at 90% fill: rows × (8-byte tuple header + MAXALIGNed columns + 4-byte line
    /// pointer), plus one internal page per 300 leaves; no deduplication assumed.
    public func estimatedSize(of index: IndexCandidate) throws(DriverError) -> Int64 {
        let table = schema.table(named: index.table, schema: index.schema)
        let rows = max(1, table?.estimatedRows ?? 1000)
        let width = (index.keyColumns + index.includedColumns).reduce(0.0) { sum, column in
            sum + (table?.column(named: column)?.statistics?.averageWidth ?? 8)
        }
        let tuple = 8 + (width / 8).rounded(.up) * 8 + 4
        let leaves = (rows * tuple / (8192 * 0.9)).rounded(.up)
        return Int64((leaves + (leaves / 300).rounded(.up) + 1) * 8192)
    }

    private func existing(_ table: Table?) -> [IndexCandidate] {
        (table?.indexes ?? []).filter { $0.isValid && $0.method.lowercased() == "btree" && $0.predicate == nil }
            .map {
                IndexCandidate(table: table!.name, keyColumns: $0.keyColumnNames, includedColumns: $0.includedColumns)
            }
    }
}
