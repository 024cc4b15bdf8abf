import AdvisorCore
import Foundation

extension PlanNode {
    /// Rows the node produces per loop: the actual figure when EXPLAIN ANALYZE gave one, else the estimate.
    ///
    /// MySQL and MariaDB count the rows a table access reads (`rows`, `r_rows`) and give the share
    /// its condition keeps separately (`filtered`, present on every table node); what the node
    /// produces is what is left, as PostgreSQL's row counts are.
    var rows: Double? {
        guard let filteredPercent else { return actualRows ?? estimatedRows }
        if let actualRows { return max(0, actualRows - (rowsRemovedByFilter ?? 0)) }
        return estimatedRows.map { $0 * filteredPercent / 100 }
    }

    /// Whether the node reads `table` (its relation, compared case-insensitively).
    func reads(_ table: String) -> Bool {
        relation?.caseInsensitiveCompare(table) == .orderedSame
    }

    /// The index the node reads: its own, or for a Bitmap Heap Scan the one under its Bitmap Index Scan.
    var usedIndexName: String? {
        if let indexName { return indexName }
        guard operation == .bitmapScan else { return nil }
        for child in children {
            if let name = child.usedIndexName { return name }
        }
        return nil
    }

    /// Rows the index part of a scan fetches per loop, before the filter: with EXPLAIN ANALYZE the
    /// rows kept plus those removed; for a bitmap scan the Bitmap Index Scan's rows; else the output.
    var fetchedRows: Double? {
        if filteredPercent != nil { return actualRows ?? estimatedRows }
        if let actualRows, let removed = rowsRemovedByFilter { return actualRows + removed }
        if operation == .bitmapScan, relation != nil {
            let fetched = children.compactMap(\.fetchedRows).max()
            return fetched ?? rows
        }
        if operation == .bitmapScan { return rows }
        return rows
    }

    /// `Seq Scan on orders` / `Index Scan using orders_pkey on orders`.
    var label: String {
        var text = nodeType
        if let index = usedIndexName, operation != .fullScan { text += " using \(index)" }
        if let relation { text += " on \(relation)" }
        return text
    }

    /// `plan: Seq Scan on orders (rows=1 of 400k, filter: …)`: the node as evidence.
    func evidence(tableRows: Double?, fetched: Double? = nil) -> String {
        var figures: [String] = []
        if let rows {
            let prefix = actualRows == nil ? "est. rows" : "rows"
            if let fetched, fetched > rows {
                figures.append("\(prefix)=\(Figures.rows(rows)) of \(Figures.rows(fetched)) fetched")
            } else if let tableRows, operation == .fullScan {
                figures.append("\(prefix)=\(Figures.rows(rows)) of \(Figures.rows(tableRows))")
            } else {
                figures.append("\(prefix)=\(Figures.rows(rows))")
            }
        }
        if let removed = rowsRemovedByFilter { figures.append("removed by filter=\(Figures.rows(removed))") }
        if let filter { figures.append("filter: \(filter.shortened(to: 120))") }
        return "plan: \(label)" + (figures.isEmpty ? "" : " (\(figures.joined(separator: ", ")))")
    }
}

extension Plan {
    /// Every node with its ancestors (root first), depth first.
    var nodesWithAncestors: [(node: PlanNode, ancestors: [PlanNode])] {
        var out: [(node: PlanNode, ancestors: [PlanNode])] = []
        func walk(_ node: PlanNode, _ ancestors: [PlanNode]) {
            out.append((node, ancestors))
            for child in node.children { walk(child, ancestors + [node]) }
        }
        walk(root, [])
        return out
    }

    /// Table-reading nodes for `table`: scans that name it as their relation.
    func scans(of table: String) -> [(node: PlanNode, ancestors: [PlanNode])] {
        nodesWithAncestors.filter { $0.node.reads(table) }
    }
}
