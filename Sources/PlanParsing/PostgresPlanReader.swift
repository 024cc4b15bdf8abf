import AdvisorCore

/// Maps PostgreSQL `EXPLAIN (FORMAT JSON)` nodes; the same `Plan` object appears in auto_explain logs.
enum PostgresPlanReader {
    static func plan(from json: JSONValue) throws(PlanParseError) -> Plan {
        // EXPLAIN gives `[{"Plan": …}]`; auto_explain logs a bare `{"Query Text": …, "Plan": …}`.
        let envelopes = json.array ?? [json]
        guard let envelope = envelopes.first(where: { $0["Plan"]?.object != nil }),
            let rootObject = envelope["Plan"]?.object
        else { throw .missingPlan("Plan object", engine: .postgres) }
        let root = node(rootObject)
        return Plan(
            engine: .postgres, root: root, totalCost: root.totalCost,
            planningTimeMs: envelope["Planning Time"]?.double, executionTimeMs: envelope["Execution Time"]?.double)
    }

    static func node(_ object: [String: JSONValue]) -> PlanNode {
        let type = object["Node Type"]?.string ?? "Unknown"
        let indexCondition = ["Index Cond", "Recheck Cond", "Hash Cond", "Merge Cond"]
            .lazy.compactMap { object[$0]?.string }.first
        let filters = ["Join Filter", "Filter"].compactMap { object[$0]?.string }
        return PlanNode(
            nodeType: displayName(type, object),
            operation: operation(type, hasIndexCondition: object["Index Cond"] != nil || object["Order By"] != nil),
            relation: object["Relation Name"]?.string,
            alias: object["Alias"]?.string,
            indexName: object["Index Name"]?.string,
            indexCondition: indexCondition,
            filter: filters.isEmpty ? nil : filters.joined(separator: " AND "),
            sortKeys: object["Sort Key"]?.strings ?? [],
            startupCost: object["Startup Cost"]?.double,
            totalCost: object["Total Cost"]?.double,
            estimatedRows: object["Plan Rows"]?.double,
            actualRows: object["Actual Rows"]?.double,
            actualLoops: object["Actual Loops"]?.double,
            actualTotalTimeMs: object["Actual Total Time"]?.double,
            rowsRemovedByFilter: object["Rows Removed by Filter"]?.double
                ?? object["Rows Removed by Join Filter"]?.double,
            children: (object["Plans"]?.array ?? []).compactMap(\.object).map(node)
        )
    }

    /// Classifies by the raw `Node Type`. An index scan without `Index Cond` (or KNN `Order By`) walks
    /// the whole index, usually to deliver order; a `Filter` on it is applied to the rows it fetched.
    static func operation(_ type: String, hasIndexCondition: Bool) -> PlanNode.Operation {
        switch type {
        case "Seq Scan": .fullScan
        case "Index Scan": hasIndexCondition ? .indexScan : .fullIndexScan
        case "Index Only Scan": hasIndexCondition ? .indexOnlyScan : .fullIndexScan
        case "Bitmap Heap Scan", "Bitmap Index Scan": .bitmapScan
        case "Nested Loop", "Hash Join", "Merge Join": .join
        case "Sort", "Incremental Sort": .sort
        case "Aggregate", "GroupAggregate", "HashAggregate", "MixedAggregate", "Group": .aggregate
        case "Limit": .limit
        case "Materialize", "Hash", "Memoize": .materialize
        default: .other
        }
    }

    /// The name text EXPLAIN would print (explain.c): `Hash Semi Join`, `Partial HashAggregate`, `Parallel Seq Scan`.
    static func displayName(_ type: String, _ object: [String: JSONValue]) -> String {
        var name = type
        switch type {
        case "Aggregate":
            let strategies = ["Sorted": "GroupAggregate", "Hashed": "HashAggregate", "Mixed": "MixedAggregate"]
            name = object["Strategy"]?.string.flatMap { strategies[$0] } ?? type
        case "SetOp":
            name = object["Strategy"]?.string == "Hashed" ? "HashSetOp" : type
        case "Nested Loop", "Hash Join", "Merge Join":
            if let joinType = object["Join Type"]?.string, joinType != "Inner" {
                let stem = ["Nested Loop": "Nested Loop", "Hash Join": "Hash", "Merge Join": "Merge"][type] ?? type
                name = "\(stem) \(joinType) Join"
            }
        case "ModifyTable":
            name = object["Operation"]?.string ?? type
        default:
            break
        }
        switch object["Partial Mode"]?.string {
        case "Partial": name = "Partial " + name
        case "Finalize": name = "Finalize " + name
        default: break
        }
        if object["Parallel Aware"]?.bool == true { name = "Parallel " + name }
        return name
    }
}
