import AdvisorCore

/// Maps MySQL 8 and MariaDB `EXPLAIN FORMAT=JSON` (and MariaDB `ANALYZE FORMAT=JSON`).
///
/// The format is a tree of wrappers (`nested_loop`, `ordering_operation`, `filesort`,
/// `temporary_table`, …) around `table` objects. Known wrappers become nodes; anything else is
/// descended into, so a wrapper a later server version adds still yields its tables.
struct MySQLPlanReader {
    var engine: Engine

    /// Keys whose entries are subqueries of the enclosing query block (MySQL 8 and MariaDB spellings).
    private static let subqueryKeys: Set<String> = [
        "subqueries", "attached_subqueries", "optimized_away_subqueries", "order_by_subqueries",
        "group_by_subqueries", "having_subqueries", "select_list_subqueries", "update_value_subqueries",
    ]

    func plan(from json: JSONValue) throws(PlanParseError) -> Plan {
        guard let block = json["query_block"]?.object else {
            throw .missingPlan("query_block object", engine: engine)
        }
        return Plan(engine: engine, root: queryBlock(block), totalCost: block["cost_info"]?["query_cost"]?.double)
    }

    private func queryBlock(_ block: [String: JSONValue]) -> PlanNode {
        let found = nodes(in: block)
        if found.count == 1 { return found[0] }
        // "No tables used", "Impossible WHERE", …: a block with a message and nothing to read.
        let name = block["message"]?.string ?? "query_block"
        return PlanNode(nodeType: name, operation: .other, children: found)
    }

    /// The plan nodes an object contributes, in key order; subqueries hang under its single node.
    func nodes(in object: [String: JSONValue]) -> [PlanNode] {
        let (main, subqueries) = split(object)
        return attach(subqueries, to: main)
    }

    /// The object's own subtrees apart from the subqueries found directly in it.
    private func split(_ object: [String: JSONValue]) -> (main: [PlanNode], subqueries: [PlanNode]) {
        var main: [PlanNode] = []
        var subqueries: [PlanNode] = []
        // Sorted: dictionaries have no order, and golden files need one.
        for key in object.keys.sorted() {
            guard let value = object[key] else { continue }
            if Self.subqueryKeys.contains(key) {
                subqueries += descend(value)
            } else {
                main += nodes(for: key, value)
            }
        }
        return (main, subqueries)
    }

    private func attach(_ subqueries: [PlanNode], to main: [PlanNode]) -> [PlanNode] {
        guard main.count == 1 else { return main + subqueries }
        var node = main[0]
        node.children += subqueries
        return [node]
    }

    private func nodes(for key: String, _ value: JSONValue) -> [PlanNode] {
        switch (key, value) {
        case ("query_block", .object(let block)):
            return [queryBlock(block)]
        // A union's result is read like a table named `<union1,2>`.
        case ("table", .object(let table)), ("union_result", .object(let table)):
            return [MySQLTableNode.node(table, children: nodes(in: table))]
        case ("nested_loop", .array(let elements)):
            return nestedLoop(elements)
        case ("block-nl-join", .object(let wrapper)):
            return blockNestedLoop(wrapper)
        case ("filesort", .object(let wrapper)):
            return [mariaDBFilesort(wrapper)]
        case ("temporary_table", .object(let wrapper)):
            return [PlanNode(nodeType: "temporary_table", operation: .materialize, children: nodes(in: wrapper))]
        case ("ordering_operation", .object(let wrapper)),
            ("grouping_operation", .object(let wrapper)),
            ("duplicates_removal", .object(let wrapper)):
            return mySQLOperation(key, wrapper)
        default:
            // read_sorted_file, expression_cache, materialized, query_specifications and anything
            // unforeseen: transparent.
            return descend(value)
        }
    }

    private func descend(_ value: JSONValue) -> [PlanNode] {
        switch value {
        case .object(let object): nodes(in: object)
        case .array(let elements): elements.flatMap(descend)
        default: []
        }
    }

    /// Tables joined in order; one table alone is no join (MariaDB wraps even a single table).
    private func nestedLoop(_ elements: [JSONValue]) -> [PlanNode] {
        let tables = elements.flatMap(descend)
        guard tables.count > 1 else { return tables }
        // MySQL 8's prefix_cost is cumulative over the join order, so the last one is the join's cost.
        let cost = elements.last?["table"]?["cost_info"]?["prefix_cost"]?.double
        return [PlanNode(nodeType: "nested_loop", operation: .join, totalCost: cost, children: tables)]
    }

    /// MariaDB's join-buffer wrapper: its `attached_condition` is checked on the buffered table's rows.
    private func blockNestedLoop(_ wrapper: [String: JSONValue]) -> [PlanNode] {
        var found = nodes(in: wrapper)
        if found.count == 1, let condition = wrapper["attached_condition"]?.string {
            found[0].filter = [found[0].filter, condition].compactMap { $0 }.joined(separator: " AND ")
        }
        return found
    }

    /// MariaDB `filesort{sort_key, r_*…}`: a sort node over what it wraps.
    private func mariaDBFilesort(_ wrapper: [String: JSONValue]) -> PlanNode {
        PlanNode(
            nodeType: "filesort", operation: .sort,
            sortKeys: wrapper["sort_key"]?.string.map(SortKeyList.split) ?? [],
            actualRows: wrapper["r_output_rows"]?.double,
            actualLoops: wrapper["r_loops"]?.double,
            actualTotalTimeMs: wrapper["r_total_time_ms"]?.double,
            children: nodes(in: wrapper))
    }

    /// MySQL 8 `ordering_operation` / `grouping_operation` / `duplicates_removal`: transparent when the
    /// input already arrives in order (an index delivers it), a node for each extra step otherwise.
    private func mySQLOperation(_ key: String, _ wrapper: [String: JSONValue]) -> [PlanNode] {
        let parts = split(wrapper)
        var found = parts.main
        let filesort = wrapper["using_filesort"]?.bool == true
        let temporary = wrapper["using_temporary_table"]?.bool == true
        func wrap(_ type: String, _ operation: PlanNode.Operation) {
            found = [PlanNode(nodeType: type, operation: operation, children: found)]
        }
        if key == "ordering_operation" {
            // "Using temporary; Using filesort": rows go to a temporary table, which is then sorted.
            if temporary { wrap("temporary_table", .materialize) }
            if filesort { wrap("filesort", .sort) }
        } else {
            if filesort { wrap("filesort", .sort) }
            if temporary { wrap(key, .aggregate) }
        }
        // A HAVING or ORDER BY subquery belongs to the step that evaluates it, not to a table below.
        return attach(parts.subqueries, to: found)
    }
}
