import AdvisorCore

/// One summary line for a node, e.g. `Seq Scan on orders (cost=0.00..21846.00 rows=12 filter: (customer_id = 42))`
/// or `ref on order_items using order_items_order_id_idx (rows=4)`.
struct PlanNodeSummary {
    var node: PlanNode
    var engine: Engine

    var line: String {
        let details = engine.isMySQLFamily ? mySQLDetails : postgresDetails
        // PostgreSQL separates with spaces like its text EXPLAIN; MySQL's grouped counts need commas.
        let separator = engine.isMySQLFamily ? ", " : " "
        return details.isEmpty ? title : "\(title) (\(details.joined(separator: separator)))"
    }

    private var title: String {
        if engine.isMySQLFamily {
            // table_name is already the alias; naming it twice would read as two tables.
            let on = (node.alias ?? node.relation).map { " on \($0)" } ?? ""
            let using = node.indexName.map { " using \($0)" } ?? ""
            return node.nodeType + on + using
        }
        // PostgreSQL's own wording: `Index Scan using idx on orders o`, `Bitmap Index Scan on idx`.
        var title = node.nodeType
        if let index = node.indexName {
            title += node.relation == nil ? " on \(index)" : " using \(index)"
        }
        if let relation = node.relation {
            title += " on \(relation)"
            if let alias = node.alias, alias != relation { title += " \(alias)" }
        } else if let alias = node.alias {
            title += " on \(alias)"
        }
        return title
    }

    private var postgresDetails: [String] {
        var details: [String] = []
        if let total = node.totalCost {
            details.append("cost=\(SummaryNumber.cost(node.startupCost ?? 0))..\(SummaryNumber.cost(total))")
        }
        if let rows = node.estimatedRows { details.append("rows=\(SummaryNumber.count(rows))") }
        return details + actualDetails + conditionDetails
    }

    private var mySQLDetails: [String] {
        var details: [String] = []
        if let rows = node.estimatedRows { details.append("rows=\(SummaryNumber.count(rows))") }
        if let filtered = node.filteredPercent, filtered < 100 {
            details.append("filtered=\(SummaryNumber.percent(filtered))")
        }
        // `range`/`ref` do not say the index covers the query; MySQL's own EXPLAIN says "Using index".
        if node.operation == .indexOnlyScan { details.append("using index") }
        return details + actualDetails + conditionDetails.map(SummaryExpression.unquoted)
    }

    private var actualDetails: [String] {
        var details: [String] = []
        if let rows = node.actualRows {
            var actual = "actual rows=\(SummaryNumber.count(rows))"
            if let loops = node.actualLoops { actual += " loops=\(SummaryNumber.count(loops))" }
            if let time = node.actualTotalTimeMs { actual += " time=\(SummaryNumber.milliseconds(time))" }
            details.append(actual)
        }
        if let removed = node.rowsRemovedByFilter {
            details.append("removed by filter=\(SummaryNumber.count(removed))")
        }
        return details
    }

    private var conditionDetails: [String] {
        var details: [String] = []
        if !node.sortKeys.isEmpty { details.append("sort: \(node.sortKeys.joined(separator: ", "))") }
        if let condition = node.indexCondition {
            details.append(node.operation == .join ? "cond: \(condition)" : "index cond: \(condition)")
        }
        if let filter = node.filter { details.append("filter: \(filter)") }
        return details
    }
}
