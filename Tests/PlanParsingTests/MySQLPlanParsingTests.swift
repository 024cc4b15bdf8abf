import AdvisorCore
import PlanParsing
import TestSupport
import Testing

/// MySQL 8 mapping. The `mysql-*` inputs are hand-written from the documented MySQL 8 format
/// (no MySQL 8 server was available): string `filtered` and `cost_info` values,
/// `rows_examined_per_scan`, `ordering_operation`/`grouping_operation`, `attached_subqueries`.
@Suite struct MySQLPlanParsingTests {
    func plan(_ name: String) throws -> Plan {
        try PlanParser.parse(json: try GoldenFile(name: "mysql-\(name).json").read(), engine: .mysql)
    }

    @Test func stringCostsAndFilteredAreNumbers() throws {
        let plan = try plan("all-filter")
        #expect(plan.totalCost == 10082.45)
        #expect(plan.root.operation == .fullScan)
        #expect(plan.root.estimatedRows == 99712)
        #expect(plan.root.filteredPercent == 10)
        #expect(plan.root.totalCost == 9085.33 + 997.12)
    }

    @Test func filesortOrderingIsASortAboveTheJoin() throws {
        let plan = try plan("join-filesort")
        #expect(plan.totalCost == 63926.05)
        #expect(plan.root.nodeType == "filesort")
        #expect(plan.root.operation == .sort)
        let join = plan.root.children[0]
        #expect(join.operation == .join)
        // prefix_cost of the last table is the cost of the whole join.
        #expect(join.totalCost == 24042.05)
        #expect(join.children.map(\.alias) == ["o", "i"])
        #expect(join.children[1].indexCondition == "order_id = shop.o.id")
    }

    @Test func temporaryTableGroupingIsAnAggregateWithItsSubquery() throws {
        let plan = try plan("group-by-temporary-subquery")
        #expect(plan.root.operation == .aggregate)
        let table = plan.root.children[0]
        #expect(table.alias == "c")
        #expect(table.operation == .fullScan)
        let subquery = try #require(table.children.first)
        #expect(subquery.operation == .indexOnlyScan)
        #expect(subquery.indexName == "orders_customer_id_created_at_idx")
    }

    @Test func orderingDeliveredByAnIndexIsTransparent() throws {
        let json = """
            {"query_block": {"select_id": 1, "cost_info": {"query_cost": "2.40"},
              "ordering_operation": {"using_filesort": false,
                "table": {"table_name": "orders", "access_type": "index", "key": "orders_created_at_idx",
                  "rows_examined_per_scan": 10, "filtered": "100.00"}}}}
            """
        let plan = try PlanParser.parse(json: json, engine: .mysql)
        #expect(plan.root.operation == .fullIndexScan)
        #expect(plan.root.children.isEmpty)
    }

    @Test func temporaryTableAndFilesortOrderingAreTwoSteps() throws {
        let json = """
            {"query_block": {"select_id": 1, "ordering_operation": {"using_temporary_table": true,
              "using_filesort": true, "table": {"table_name": "t", "access_type": "ALL"}}}}
            """
        let root = try PlanParser.parse(json: json, engine: .mysql).root
        #expect(root.operation == .sort)
        #expect(root.children.map(\.operation) == [.materialize])
        #expect(root.children[0].children.map(\.operation) == [.fullScan])
    }

    @Test func unknownWrappersAreDescendedInto() throws {
        let json = """
            {"query_block": {"select_id": 1, "windowing": {"windows": [{"name": "w"}],
              "some_future_wrapper": {"nested_loop": [{"table": {"table_name": "a", "access_type": "ALL"}},
                                                      {"table": {"table_name": "b", "access_type": "eq_ref", "key": "PRIMARY"}}]}}}}
            """
        let plan = try PlanParser.parse(json: json, engine: .mysql)
        #expect(plan.root.operation == .join)
        #expect(plan.root.children.map(\.relation) == ["a", "b"])
    }

    @Test func queryWithoutTablesIsAMessageNode() throws {
        let json = #"{"query_block": {"select_id": 1, "message": "No tables used"}}"#
        let plan = try PlanParser.parse(json: json, engine: .mysql)
        #expect(plan.root.nodeType == "No tables used")
        #expect(plan.root.operation == .other)
        #expect(plan.totalCost == nil)
    }
}
