import AdvisorCore
import PlanParsing
import TestSupport
import Testing

/// PostgreSQL mapping, asserted directly on the captured goldens so a failure names the field.
@Suite struct PostgresPlanParsingTests {
    func plan(_ name: String) throws -> Plan {
        try PlanParser.parse(json: try GoldenFile(name: "postgres-\(name).json").read(), engine: .postgres)
    }

    @Test func seqScanWithFilterIsAFullScanOfTheRelation() throws {
        let plan = try plan("seq-scan-filter")
        #expect(plan.root.operation == .fullScan)
        #expect(plan.root.nodeType == "Seq Scan")
        #expect(plan.root.relation == "orders")
        #expect(plan.root.filter == "(total = 42.00)")
        #expect(plan.totalCost == 4004.0)
        #expect(plan.fullScans.map(\.relation) == ["orders"])
    }

    @Test func indexScanWithConditionIsAnIndexScan() throws {
        let root = try plan("index-scan").root
        #expect(root.operation == .indexScan)
        #expect(root.indexName == "orders_pkey")
        #expect(root.indexCondition == "(id = 4242)")
    }

    @Test func indexOnlyScanWithConditionIsIndexOnly() throws {
        #expect(try plan("index-only-scan").root.operation == .indexOnlyScan)
    }

    @Test func indexScanWithoutConditionReadsTheWholeIndex() throws {
        // ORDER BY created_at LIMIT 5: the index delivers order, no Index Cond.
        let scan = try plan("full-index-order").root.children[0]
        #expect(scan.operation == .fullIndexScan)
        // Merge join input: a Filter on the fetched rows does not narrow the index walk.
        let mergeInput = try plan("merge-join").root.children[0]
        #expect(mergeInput.filter == "(status = 'new'::text)")
        #expect(mergeInput.operation == .fullIndexScan)
    }

    @Test func bitmapHeapAndIndexScansAreBitmapScans() throws {
        let root = try plan("bitmap-scan").root
        #expect(root.operation == .bitmapScan)
        #expect(root.indexCondition?.hasPrefix("((status = 'cancelled'::text) OR") == true)
        #expect(root.children[0].nodeType == "BitmapOr")
        #expect(root.children[0].operation == .other)
        #expect(root.children[0].children.map(\.operation) == [.bitmapScan, .bitmapScan])
        #expect(root.children[0].children.map(\.indexName) == ["orders_status_idx", "orders_created_at_idx"])
    }

    @Test func joinsCarryTheirConditionAndJoinType() throws {
        let hash = try plan("hash-join").root
        #expect(hash.operation == .join)
        #expect(hash.indexCondition == "(o.customer_id = c.id)")
        #expect(hash.children.map(\.operation) == [.fullScan, .materialize])
        #expect(try plan("semi-join").root.nodeType == "Hash Semi Join")
        #expect(try plan("merge-join").root.indexCondition == "(o.id = i.order_id)")
        let loop = try plan("nested-loop").root
        #expect(loop.nodeType == "Nested Loop")
        #expect(loop.children.map(\.alias) == ["o", "i"])
        #expect(loop.children.map(\.relation) == ["orders", "order_items"])
    }

    @Test func sortLimitAndAggregateAreClassified() throws {
        let limit = try plan("sort-limit").root
        #expect(limit.operation == .limit)
        let sort = limit.children[0].children[0]
        #expect(sort.operation == .sort)
        #expect(sort.sortKeys == ["total DESC"])
        #expect(sort.children[0].nodeType == "Parallel Seq Scan")
        #expect(sort.children[0].operation == .fullScan)

        let aggregate = try plan("aggregate").root
        #expect(aggregate.nodeType == "Finalize GroupAggregate")
        #expect(aggregate.operation == .aggregate)
        #expect(try plan("hash-aggregate").root.nodeType == "HashAggregate")
    }

    @Test func subPlanIsAChildOfTheNodeThatRunsIt() throws {
        let root = try plan("subquery").root
        #expect(root.relation == "customers")
        #expect(root.children.map(\.operation) == [.aggregate])
        #expect(try plan("subquery").fullScans.map(\.relation) == ["orders"])
    }

    @Test func analyzeFillsActualsAndTimes() throws {
        let plan = try plan("analyze-join")
        #expect(plan.planningTimeMs == 0.832)
        #expect(plan.executionTimeMs == 13.088)
        let scan = try #require(plan.fullScans.first)
        #expect(scan.actualRows == 5)
        #expect(scan.actualLoops == 2)
        #expect(scan.actualTotalTimeMs == 6.982)
        #expect(scan.rowsRemovedByFilter == 99995)
    }

    @Test func autoExplainObjectWithQueryTextIsAccepted() throws {
        let plan = try plan("auto-explain")
        #expect(plan.root.operation == .aggregate)
        #expect(plan.fullScans.compactMap(\.relation) == ["orders", "order_items"])
    }

    @Test func unknownNodeTypeIsOtherAndKeepsItsChildren() throws {
        let json = """
            [{"Plan": {"Node Type": "Custom Scan", "Custom Plan Provider": "x",
                       "Plans": [{"Node Type": "Seq Scan", "Relation Name": "t"}]}}]
            """
        let plan = try PlanParser.parse(json: json, engine: .postgres)
        #expect(plan.root.operation == .other)
        #expect(plan.fullScans.map(\.relation) == ["t"])
        #expect(plan.totalCost == nil)
    }
}
