import AdvisorCore
import Foundation

/// A what-if planner for MySQL 8 and MariaDB on InnoDB, where no HypoPG exists: a stated cost
/// model over table and column statistics (basis `.mysqlCostModel`; docs/mysql-cost-model.md).
///
/// Unit: rows examined, as the slow log's `Rows_examined` counts them, plus one per
/// clustered-index visit. Per table, the cheapest path (`TableAccessModel`, `AccessCostRules.innoDB`):
/// - full scan of the clustered index: `rows`;
/// - index path: `matched × (covering ? 1 : 2)`, where `matched = rows × Π selectivity` of the
///   leftmost key columns with an equality / IN / IS NULL predicate, then at most one range
///   column (the leftmost-prefix rule; `ColumnSelectivity`). Covering means the statement's
///   columns of the table ⊆ key + trailing (included) + primary key columns, since every InnoDB
///   secondary index carries the primary key; the PRIMARY index is the clustered index and covers all;
/// - an ORDER BY the path does not deliver (key columns after the equality prefix, no IN list
///   before them) adds the rows read back from the filesort, `min(sorted, LIMIT)`; LIMIT stops
///   the read at `LIMIT / residual selectivity` rows only when the order is delivered or there is
///   no ORDER BY.
/// Joins are nested loops: the table with the fewest rows after its own predicates drives; each
/// next table (the cheapest, greedily) is looked up once per row so far with its join columns as
/// equality, or, without a usable index, scanned once (block nested loop, join buffer).
///
/// Calibration: when the workload recorded the query's `counters.meanRowsExamined` (slow log,
/// performance_schema), every cost of that statement is scaled by
/// `k = observed Rows_examined / modelled Rows_examined of the current plan`. So the current
/// plan costs what the log saw (plus its modelled clustered-index visits, scaled alike), and
/// `after = before × model_after / model_before`. With the query's time known, the selection then
/// saves `Query_time × (1 − after / before)` (facts.md §5.4).
public final class MySQLCostModelPlanner: WhatIfPlanner {
    /// Always `.mysqlCostModel`.
    public let basis: GainBasis = .mysqlCostModel
    private let schema: Schema
    private let shapes: [String: QueryShape]
    private let observedRowsExamined: [String: Double]
    private var baselines: [String: Double] = [:]

    /// The model for `schema`; statements are recognised by their planning text (`AnalyzedQuery.planningText`); their
    /// `group.counters` calibrate them.
    public init(schema: Schema, queries: [AnalyzedQuery]) {
        self.schema = schema
        var shapes: [String: QueryShape] = [:]
        var observed: [String: Double] = [:]
        for query in queries {
            shapes[query.planningText] = query.shape
            if let mean = query.group.counters?.meanRowsExamined { observed[query.planningText] = mean }
        }
        self.shapes = shapes
        self.observedRowsExamined = observed
    }

    /// Modelled cost of `statement` with `indexes` added to the existing B-tree indexes,
    /// calibrated to the observed rows examined when known.
    public func cost(of statement: String, with indexes: [IndexCandidate]) throws(DriverError) -> WhatIfResult {
        guard let shape = shapes[statement] else {
            throw DriverError(
                kind: .unsupportedStatement, engine: schema.engine,
                message: "the MySQL cost model knows only the workload's analyzed statements",
                server: "MySQL cost model")
        }
        let plan = self.plan(shape, with: indexes)
        return WhatIfResult(cost: plan.cost * calibration(statement, shape), usedIndexes: plan.used)
    }

    /// `observed / modelled` rows examined of the current plan, or 1 without an observation.
    private func calibration(_ statement: String, _ shape: QueryShape) -> Double {
        guard let observed = observedRowsExamined[statement] else { return 1 }
        let modelled = baselines[statement] ?? plan(shape, with: []).rowsExamined
        baselines[statement] = modelled
        return modelled > 0 ? observed / modelled : 1
    }

    /// The cheapest nested-loop plan the model finds, uncalibrated.
    private func plan(_ shape: QueryShape, with indexes: [IndexCandidate]) -> (
        cost: Double, rowsExamined: Double, used: [IndexCandidate]
    ) {
        var seen: Set<String> = []
        var remaining = shape.tables.filter { seen.insert($0.name.lowercased()).inserted }
        var cost = 0.0
        var examined = 0.0
        var used: [IndexCandidate] = []
        var loops = 1.0
        var placed: Set<String> = []
        while !remaining.isEmpty {
            // The first table drives (fewest rows after its own predicates); then the cheapest next one.
            var best:
                (position: Int, access: AccessCost, total: Double, index: IndexCandidate?, key: Double, output: Double)?
            for (position, reference) in remaining.enumerated() {
                let bound = !placed.isEmpty && joins(shape, reference.name, placed)
                let (access, index) = cheapest(shape, reference, bound: bound, indexes: indexes)
                // Without a usable index the join buffer lets one scan serve all outer rows.
                let repeats = bound && index == nil ? 1 : loops
                let total = access.cost(.innoDB) * repeats
                let key = placed.isEmpty ? access.outputRows : total
                if best.map({ key < $0.key }) ?? true {
                    best = (position, access.repeated(repeats), total, index, key, access.outputRows)
                }
            }
            guard let pick = best else { break }
            cost += pick.total
            examined += pick.access.rowsExamined
            if let index = pick.index, indexes.contains(index) { used.append(index) }
            // Rows per outer row (the join columns' selectivity included once they are bound).
            loops *= max(pick.output, 1)
            placed.insert(remaining[pick.position].name.lowercased())
            remaining.remove(at: pick.position)
        }
        return (cost, examined, used)
    }

    /// Whether `table` has an equality join with a table already placed.
    private func joins(_ shape: QueryShape, _ table: String, _ placed: Set<String>) -> Bool {
        shape.joins.contains { join in
            let (left, right) = (join.left.table?.lowercased(), join.right.table?.lowercased())
            return (left == table.lowercased() && right.map(placed.contains) == true)
                || (right == table.lowercased() && left.map(placed.contains) == true)
        }
    }

    /// The cheapest access to one table: a full scan, an existing index or one of `indexes`.
    private func cheapest(_ shape: QueryShape, _ reference: TableReference, bound: Bool, indexes: [IndexCandidate])
        -> (AccessCost, IndexCandidate?)
    {
        let table = schema.table(named: reference.name, schema: reference.schema)
        let model = TableAccessModel(
            shape: shape, tableName: reference.name, table: table, rules: .innoDB, joinColumnsBound: bound)
        var best = (access: model.fullScan, index: IndexCandidate?.none)
        let candidates = existing(table) + indexes.filter { $0.table.lowercased() == reference.name.lowercased() }
        for index in candidates {
            if let access = model.access(using: index), access.cost(.innoDB) < best.access.cost(.innoDB) {
                best = (access, index)
            }
        }
        return best
    }

    /// Leaf records: key + included + primary key bytes + record overhead (`InnoDBRecordSize`),
    /// packed 15/16 full into 16 KiB pages (a sorted index build with innodb_fill_factor=100
    /// leaves 1/16 free: MySQL "The Physical Structure of an InnoDB Index"), plus the node-pointer
    /// levels above them. Random inserts later leave pages 1/2 to 15/16 full, so an index grows
    /// beyond this after the build.
    public func estimatedSize(of index: IndexCandidate) throws(DriverError) -> Int64 {
        let table = schema.table(named: index.table, schema: index.schema)
        let rows = max(1, table?.estimatedRows ?? 1000)
        let record = InnoDBRecordSize(index: index, table: table)
        let usable = (InnoDBRecordSize.pageBytes - InnoDBRecordSize.pageOverheadBytes) * 15 / 16
        var level = (rows * record.leafBytes / usable).rounded(.up)
        var pages = level
        while level > 1 {
            level = (level * record.nodePointerBytes / usable).rounded(.up)
            pages += level
        }
        return Int64(max(1, pages) * InnoDBRecordSize.pageBytes)
    }

    /// Valid B-tree indexes without expression keys, the primary key among them.
    private func existing(_ table: Table?) -> [IndexCandidate] {
        guard let table else { return [] }
        return table.indexes.filter {
            $0.isValid && $0.method.lowercased() == "btree" && $0.predicate == nil
                && !$0.keyColumns.contains(where: \.isExpression)
        }
        .map { IndexCandidate(table: table.name, keyColumns: $0.keyColumnNames, includedColumns: $0.includedColumns) }
    }
}
