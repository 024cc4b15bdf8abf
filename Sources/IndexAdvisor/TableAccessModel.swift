import AdvisorCore
import Foundation

/// The access-path arithmetic of the statistics models (`StatisticsModelPlanner`,
/// `MySQLCostModelPlanner`) for one table of one statement; `rules` holds what differs per engine.
struct TableAccessModel {
    var shape: QueryShape
    var tableName: String
    var table: Table?
    var rules: AccessCostRules = .postgresHeap
    /// Join columns count as equality (the table is the inner side of a nested-loop join, looked
    /// up once per outer row); false for the table that drives the join.
    var joinColumnsBound = true

    init(
        shape: QueryShape, tableName: String, table: Table?, rules: AccessCostRules = .postgresHeap,
        joinColumnsBound: Bool = true
    ) {
        self.shape = shape
        self.tableName = tableName
        self.table = table
        self.rules = rules
        self.joinColumnsBound = joinColumnsBound
    }

    /// `table.estimatedRows`, else 1,000 (a stated default for a table never analyzed).
    var rows: Double { max(1, table?.estimatedRows ?? 1000) }

    private var predicates: [ColumnPredicate] {
        shape.predicates.filter { $0.column.table?.lowercased() == tableName.lowercased() }
    }

    /// Join columns of this table, treated as equality (inner side of a join).
    private var joinColumns: Set<String> {
        guard joinColumnsBound else { return [] }
        var columns: Set<String> = []
        for join in shape.joins {
            for side in [join.left, join.right] where side.table?.lowercased() == tableName.lowercased() {
                columns.insert(side.column)
            }
        }
        return columns
    }

    private var orderColumns: [String]? {
        let columns = shape.orderBy.compactMap(\.column)
        guard !columns.isEmpty, columns.count == shape.orderBy.count,
            columns.allSatisfy({ $0.table?.lowercased() == tableName.lowercased() })
        else { return nil }
        return columns.map(\.column)
    }

    /// LIMIT as a row count (`LIMIT $n` counts as 100; OFFSET is not in the shape).
    private var limitRows: Double? { shape.hasLimit ? Double(shape.limit ?? 100) : nil }

    private func selectivity(_ predicate: ColumnPredicate) -> Double {
        let column = predicate.column.column
        switch predicate.kind {
        case .equality: return ColumnSelectivity.equality(column, in: table, value: predicate.value)
        case .inList: return ColumnSelectivity.inList(column, in: table)
        case .isNull: return ColumnSelectivity.isNull(column, in: table)
        case .range, .likePrefix: return ColumnSelectivity.range
        case .nonSargable: return ColumnSelectivity.range
        }
    }

    /// Rows left after every predicate on the table (and the join columns, when bound).
    var outputRows: Double {
        let bound = joinColumns.filter { column in !predicates.contains { $0.column.column == column } }
        return rows * predicates.reduce(1) { $0 * selectivity($1) }
            * bound.reduce(1) { $0 * ColumnSelectivity.equality($1, in: table) }
    }

    private func sortedReadBack(_ sorted: Double) -> Double {
        guard orderColumns != nil else { return 0 }
        return min(sorted, limitRows ?? sorted)
    }

    /// A full scan: every row (a heap or clustered-index scan), then a sort for an ORDER BY.
    var fullScan: AccessCost {
        let output = outputRows
        let sorted = orderColumns == nil ? 0 : rows * predicates.reduce(1) { $0 * selectivity($1) }
        return AccessCost(
            examined: rows, fetched: 0, sorted: sorted, sortedReadBack: sortedReadBack(sorted), descents: 0,
            outputRows: output, tableRows: rows)
    }

    var fullScanCost: Double { fullScan.cost(rules) }

    /// Cost through `index`, or `nil` when the index serves neither a predicate nor the order.
    func cost(using index: IndexCandidate) -> Double? { access(using: index)?.cost(rules) }

    /// The access through `index`: the leftmost key columns with an equality / IN / IS NULL
    /// predicate (or a bound join column), then at most one range column, which ends the prefix;
    /// the index delivers the ORDER BY when the key columns after the equality prefix start with
    /// it and no IN list came first (several IN values return rows out of order). LIMIT stops the
    /// read early only when the order is delivered or there is no ORDER BY. `nil` when the index
    /// serves neither a predicate nor the order.
    func access(using index: IndexCandidate) -> AccessCost? {
        var selectivity = 1.0
        var used: Set<String> = []
        var equalityPrefix = 0
        var sawInList = false
        for column in index.keyColumns {
            let matching = predicates.filter { $0.column.column == column && $0.kind != .nonSargable }
            if joinColumns.contains(column) && matching.isEmpty {
                selectivity *= ColumnSelectivity.equality(column, in: table)
                used.insert(column)
                equalityPrefix += 1
                continue
            }
            guard let predicate = matching.first else { break }
            selectivity *= self.selectivity(predicate)
            used.insert(column)
            if [.equality, .isNull, .inList].contains(predicate.kind) {
                sawInList = sawInList || predicate.kind == .inList
                equalityPrefix += 1
                continue
            }
            break
        }
        var delivered = false
        if let order = orderColumns, !sawInList {
            let rest = Array(index.keyColumns.dropFirst(equalityPrefix))
            delivered = rest.count >= order.count && Array(rest.prefix(order.count)) == order
        }
        guard !used.isEmpty || delivered else { return nil }
        var matched = rows * selectivity
        let residual = predicates.filter { !used.contains($0.column.column) }.reduce(1) { $0 * self.selectivity($1) }
        if let limit = limitRows, delivered || orderColumns == nil {
            matched = min(matched, limit / max(residual, 1e-9))
        }
        let sorted = orderColumns != nil && !delivered ? rows * selectivity * residual : 0
        return AccessCost(
            examined: matched, fetched: covers(index) ? 0 : matched, sorted: sorted,
            sortedReadBack: sortedReadBack(sorted), descents: 1, outputRows: rows * selectivity * residual,
            tableRows: rows)
    }

    /// The index holds every column the statement reads from the table. On InnoDB a secondary
    /// index carries the primary key columns, and the primary key is the clustered index itself.
    func covers(_ index: IndexCandidate) -> Bool {
        let primaryKey = rules.clusteredPrimaryKey ? (table?.primaryKey?.keyColumnNames ?? []) : []
        if !primaryKey.isEmpty && index.keyColumns.map({ $0.lowercased() }) == primaryKey.map({ $0.lowercased() }) {
            return true
        }
        guard !shape.selectsAllColumns else { return false }
        let referenced = Set(
            shape.referencedColumns.filter { $0.table?.lowercased() == tableName.lowercased() }
                .map { $0.column.lowercased() })
        let carried = Set((index.keyColumns + index.includedColumns + primaryKey).map { $0.lowercased() })
        return referenced.isSubset(of: carried)
    }
}
