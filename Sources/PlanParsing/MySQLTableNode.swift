import AdvisorCore

/// Maps one MySQL/MariaDB `table` object (one access to one table) to a `PlanNode`.
enum MySQLTableNode {
    /// `children` are the subtrees found inside the table object (a materialized derived table, subqueries).
    static func node(_ table: [String: JSONValue], children: [PlanNode]) -> PlanNode {
        let name = table["table_name"]?.string
        guard let accessType = table["access_type"]?.string else {
            // `{"message": "Impossible WHERE noticed after reading const tables"}` and the like.
            let type = table["message"]?.string ?? name ?? "table"
            return PlanNode(nodeType: type, operation: .other, alias: name, children: children)
        }
        // `<derived2>`, `<subquery2>`, `<union1,2>` are the server's temporary tables, not user tables:
        // reading one whole is not a full table scan a rule should flag.
        let isTemporary = name?.hasPrefix("<") ?? false
        let usesIndexOnly = table["using_index"]?.bool == true
        let filter = table["attached_condition"]?.string
        let rows = table["r_rows"]?.double
        let keptPercent = table["r_filtered"]?.double
        let cost = table["cost_info"]
        return PlanNode(
            nodeType: accessType,
            operation: isTemporary ? .materialize : operation(accessType, usesIndexOnly: usesIndexOnly),
            // table_name is the alias when the query gives one; the real name needs the query's FROM.
            relation: isTemporary ? nil : name,
            alias: name,
            indexName: table["key"]?.string,
            indexCondition: indexCondition(table),
            filter: filter,
            totalCost: sum(cost?["read_cost"]?.double, cost?["eval_cost"]?.double),
            estimatedRows: table["rows_examined_per_scan"]?.double ?? table["rows"]?.double,
            filteredPercent: table["filtered"]?.double,
            actualRows: rows,
            actualLoops: table["r_loops"]?.double,
            actualTotalTimeMs: table["r_total_time_ms"]?.double
                ?? sum(table["r_table_time_ms"]?.double, table["r_other_time_ms"]?.double),
            // Per loop, like PostgreSQL's count: rows read minus the r_filtered share that passed.
            rowsRemovedByFilter: filter != nil ? removed(rows: rows, keptPercent: keptPercent) : nil,
            children: children)
    }

    static func operation(_ accessType: String, usesIndexOnly: Bool) -> PlanNode.Operation {
        switch accessType {
        case "ALL": .fullScan
        case "index": .fullIndexScan
        case "ref", "eq_ref", "range", "const", "system", "ref_or_null", "index_merge", "unique_subquery",
            "index_subquery", "fulltext":
            usesIndexOnly ? .indexOnlyScan : .indexScan
        default: .other
        }
    }

    /// `ref` lookups pair `used_key_parts` with `ref` (`order_id = shop.o.id`); index condition
    /// pushdown adds `index_condition`. Both are evaluated on the index.
    static func indexCondition(_ table: [String: JSONValue]) -> String? {
        let parts = table["used_key_parts"]?.strings ?? []
        let refs = table["ref"]?.strings ?? []
        let lookups = zip(parts, refs).map { "\($0) = \($1)" }
        let conditions = lookups + [table["index_condition"]?.string].compactMap { $0 }
        return conditions.isEmpty ? nil : conditions.joined(separator: " AND ")
    }

    private static func sum(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a + b
    }

    private static func removed(rows: Double?, keptPercent: Double?) -> Double? {
        guard let rows, let keptPercent else { return nil }
        return (rows * (100 - keptPercent) / 100).rounded()
    }
}
