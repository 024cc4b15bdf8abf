import AdvisorCore
import PlanParsing
import TestSupport
import Testing

/// MariaDB 10.11 mapping, asserted directly on the captured goldens.
@Suite struct MariaDBPlanParsingTests {
    func plan(_ name: String) throws -> Plan {
        try PlanParser.parse(json: try GoldenFile(name: "mariadb-\(name).json").read(), engine: .mariadb)
    }

    @Test func allIsAFullScanWithNumericFilteredAndNoCost() throws {
        let plan = try plan("all-filter")
        #expect(plan.totalCost == nil)
        #expect(plan.engine == .mariadb)
        #expect(plan.root.operation == .fullScan)
        #expect(plan.root.relation == "orders")
        #expect(plan.root.estimatedRows == 200_000)
        #expect(plan.root.filteredPercent == 0.005)
        #expect(plan.root.filter == "orders.customer_id = 42")
    }

    @Test func singleTableNestedLoopIsNoJoin() throws {
        let root = try plan("ref").root
        #expect(root.operation == .indexScan)
        #expect(root.children.isEmpty)
        #expect(root.indexName == "order_items_order_id_idx")
        #expect(root.indexCondition == "order_id = const")
    }

    @Test func accessTypesAreClassified() throws {
        #expect(try plan("range").root.operation == .indexScan)
        #expect(try plan("range").root.indexCondition?.hasPrefix("orders.created_at >") == true)
        #expect(try plan("covering-ref").root.operation == .indexOnlyScan)
        #expect(try plan("full-index").root.operation == .fullIndexScan)
    }

    @Test func nestedLoopIsAJoinOfTablesInOrder() throws {
        let root = try plan("join").root
        #expect(root.operation == .join)
        #expect(root.children.map(\.alias) == ["o", "i"])
        #expect(root.children.map(\.operation) == [.fullScan, .indexScan])
        #expect(root.children[1].indexCondition == "order_id = dbadvisor_plan_capture.o.id")
    }

    @Test func blockNestedLoopConditionBecomesTheBufferedTablesFilter() throws {
        let buffered = try plan("block-nl-join").root.children[1]
        #expect(buffered.operation == .fullScan)
        #expect(buffered.filter == "i.quantity = c.`id`")
    }

    @Test func filesortAndTemporaryTableAreNodes() throws {
        let sort = try plan("filesort-limit").root
        #expect(sort.operation == .sort)
        #expect(sort.sortKeys == ["orders.total desc"])
        #expect(sort.children.map(\.indexName) == ["orders_status_idx"])

        let grouped = try plan("group-by-temporary").root
        #expect(grouped.operation == .sort)
        #expect(grouped.children.map(\.operation) == [.materialize])
        #expect(grouped.children[0].children.map(\.operation) == [.fullScan])
    }

    @Test func subqueriesHangUnderTheirQueryBlock() throws {
        let plan = try plan("subquery")
        #expect(plan.root.relation == "c")
        #expect(plan.root.children.map(\.alias) == ["o"])
        #expect(plan.fullScans.map(\.alias) == ["o"])
    }

    @Test func serverTemporaryTablesAreNotFullTableScans() throws {
        let derived = try plan("derived-table")
        #expect(derived.root.alias == "<derived2>")
        #expect(derived.root.relation == nil)
        #expect(derived.root.operation == .materialize)
        #expect(derived.fullScans.isEmpty)
        #expect(derived.root.children.map(\.operation) == [.fullIndexScan])

        let semi = try plan("semi-join")
        #expect(semi.fullScans.map(\.relation) == ["orders"])

        let union = try plan("union")
        #expect(union.root.alias == "<union1,2>")
        #expect(union.root.children.map(\.relation) == ["orders", "order_items"])
    }

    @Test func analyzeFillsActualsFromRFields() throws {
        let plan = try plan("analyze-filesort")
        #expect(plan.root.actualRows == 11)
        #expect(plan.root.actualTotalTimeMs == 45.74337427)
        let scan = try #require(plan.fullScans.first)
        #expect(scan.actualRows == 200_000)
        #expect(scan.actualLoops == 1)
        #expect(scan.actualTotalTimeMs == 34.88007089 + 10.84280883)
        // r_filtered 0.245% of 200,000 rows passed the attached condition.
        #expect(scan.rowsRemovedByFilter == 199_510)

        let join = try self.plan("analyze-join").root
        #expect(join.children[1].actualLoops == 10)
        #expect(join.children[1].rowsRemovedByFilter == nil)
    }
}
