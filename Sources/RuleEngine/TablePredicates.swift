import AdvisorCore
import Foundation

/// The index-relevant parts of one statement for one table, and the key order an index should have
/// (design §5): equality columns first (most selective first when statistics say so), then one range
/// column, or else the ORDER BY columns when the index can deliver the order.
struct TablePredicates {
    var table: String
    /// Equality, `IN` and `IS NULL` predicates, one per column, in statement order.
    var equalities: [ColumnPredicate]
    /// Range and `LIKE 'prefix%'` predicates, one per column.
    var ranges: [ColumnPredicate]
    /// Predicates no plain B-tree serves.
    var nonSargable: [ColumnPredicate]
    /// ORDER BY items when every one is a column of this table in one direction (an index can deliver
    /// that order forwards or backwards); empty otherwise.
    var orderBy: [OrderItem]

    init(shape: QueryShape, table: String, statistics: Table? = nil) {
        self.table = table
        let onlyTable = shape.tables.count == 1
        func isOnTable(_ column: ColumnReference) -> Bool {
            if let owner = column.table { return owner.caseInsensitiveCompare(table) == .orderedSame }
            return onlyTable
        }
        var equalities: [ColumnPredicate] = []
        var ranges: [ColumnPredicate] = []
        var nonSargable: [ColumnPredicate] = []
        for predicate in shape.predicates where isOnTable(predicate.column) {
            switch predicate.kind {
            case .equality, .inList, .isNull:
                if !equalities.contains(where: { $0.column.column == predicate.column.column }) {
                    equalities.append(predicate)
                }
            case .range, .likePrefix:
                if !ranges.contains(where: { $0.column.column == predicate.column.column }) { ranges.append(predicate) }
            case .nonSargable:
                nonSargable.append(predicate)
            }
        }
        ranges.removeAll { range in equalities.contains { $0.column.column == range.column.column } }
        // Most selective first, when every equality column has a distinct count.
        if let statistics {
            let distinct = equalities.map { statistics.column(named: $0.column.column)?.statistics?.distinctValues }
            if distinct.allSatisfy({ $0 != nil }) {
                let pairs = zip(equalities, distinct.map { $0! }).enumerated()
                equalities = pairs.sorted { a, b in
                    a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
                }.map(\.element.0)
            }
        }
        self.equalities = equalities
        self.ranges = ranges
        self.nonSargable = nonSargable
        let items = shape.orderBy
        let orderable =
            !items.isEmpty
            && items.allSatisfy { $0.column.map(isOnTable) ?? false }
            && Set(items.map(\.descending)).count == 1
        self.orderBy = orderable ? items : []
    }

    /// Columns of ORDER BY (empty when the order is not deliverable by one index).
    var orderColumns: [String] { orderBy.compactMap { $0.column?.column } }

    /// The suggested key: equality columns, then the first range column, else the ORDER BY columns.
    var suggestedKey: [String] {
        var key = equalities.map(\.column.column)
        if let range = ranges.first {
            key.append(range.column.column)
        } else {
            for column in orderColumns where !key.contains(column) { key.append(column) }
        }
        return key
    }

    /// `customer_id =, status =, created_at >` or `…, ORDER BY created_at DESC`: what the table is read for.
    var description: String {
        var parts = equalities.map { "\($0.column.column) \($0.op)" }
        if let range = ranges.first {
            parts.append("\(range.column.column) \(range.op)")
        } else if !orderBy.isEmpty {
            let columns = orderBy.map { "\($0.column!.column)\($0.descending ? " DESC" : "")" }
            parts.append("ORDER BY \(columns.joined(separator: ", "))")
        }
        return parts.joined(separator: ", ")
    }
}

extension Table {
    /// Valid, non-partial indexes whose leading key columns are exactly `columns` in some order
    /// for the first `unorderedPrefix` of them and in order for the rest.
    func hasIndex(startingWith columns: [String], unorderedPrefix: Int = 0) -> Bool {
        indexes.contains { index in
            guard index.isValid, index.predicate == nil else { return false }
            let keys = index.keyColumns.map { $0.isExpression ? "" : $0.name.lowercased() }
            guard keys.count >= columns.count else { return false }
            let wanted = columns.map { $0.lowercased() }
            let head = min(unorderedPrefix, wanted.count)
            return Set(keys.prefix(head)) == Set(wanted.prefix(head)) && keys.count >= head
                && Array(keys[head..<wanted.count]) == Array(wanted[head...])
        }
    }

    /// The named index, case-insensitively.
    func index(named name: String) -> Index? {
        indexes.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
