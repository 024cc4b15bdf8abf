import AdvisorCore
import Foundation

/// The access-path arithmetic of `StatisticsModelPlanner` for one table of one statement.
struct TableAccessModel {
    var shape: QueryShape
    var tableName: String
    var table: Table?

    private var rows: Double { max(1, table?.estimatedRows ?? 1000) }

    private var predicates: [ColumnPredicate] {
        shape.predicates.filter { $0.column.table?.lowercased() == tableName.lowercased() }
    }

    /// Join columns of this table, treated as equality (inner side of a join).
    private var joinColumns: Set<String> {
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

    private func selectivity(_ predicate: ColumnPredicate) -> Double {
        let column = predicate.column.column
        switch predicate.kind {
        case .equality: return ColumnSelectivity.equality(column, in: table)
        case .inList: return ColumnSelectivity.inList(column, in: table)
        case .isNull: return ColumnSelectivity.isNull(column, in: table)
        case .range, .likePrefix: return ColumnSelectivity.range
        case .nonSargable: return ColumnSelectivity.range
        }
    }

    /// Rows left after every predicate on the table.
    private var outputRows: Double {
        rows * predicates.reduce(1) { $0 * selectivity($1) }
    }

    private func sortCost(_ n: Double) -> Double { n > 1 ? n * log2(n) / 10 : 0 }

    var fullScanCost: Double {
        rows + (orderColumns == nil ? 0 : sortCost(outputRows))
    }

    /// Cost through `index`, or `nil` when the index serves neither a predicate nor the order.
    func cost(using index: IndexCandidate) -> Double? {
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
        if shape.hasLimit && (delivered || orderColumns == nil) {
            matched = min(matched, Double(shape.limit ?? 100) / max(residual, 1e-9))
        }
        let referenced = Set(
            shape.referencedColumns.filter { $0.table?.lowercased() == tableName.lowercased() }.map(\.column))
        let covering =
            !shape.selectsAllColumns && referenced.isSubset(of: Set(index.keyColumns + index.includedColumns))
        let sort = orderColumns != nil && !delivered ? sortCost(rows * selectivity * residual) : 0
        return log2(rows) + matched * (covering ? 1 : 4) + sort
    }
}
