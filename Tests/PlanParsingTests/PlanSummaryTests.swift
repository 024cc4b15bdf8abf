import AdvisorCore
import PlanParsing
import Testing

/// The one-line-per-node tree the CLI prints.
@Suite struct PlanSummaryTests {
    @Test func postgresLinesReadLikeExplain() throws {
        let plan = Plan(
            engine: .postgres,
            root: PlanNode(
                nodeType: "Limit", operation: .limit, startupCost: 0.42, totalCost: 0.59, estimatedRows: 5,
                children: [
                    PlanNode(
                        nodeType: "Seq Scan", operation: .fullScan, relation: "orders", alias: "o",
                        filter: "(customer_id = 42)", startupCost: 0, totalCost: 21846, estimatedRows: 12)
                ]))
        #expect(
            plan.summaryLines == [
                "Limit (cost=0.42..0.59 rows=5)",
                "-> Seq Scan on orders o (cost=0.00..21846.00 rows=12 filter: (customer_id = 42))",
            ])
        #expect(PlanParser.summary(plan) == plan.summaryLines.joined(separator: "\n"))
    }

    @Test func mySQLLinesUnquoteAndGroupDigits() {
        let plan = Plan(
            engine: .mysql,
            root: PlanNode(
                nodeType: "nested_loop", operation: .join,
                children: [
                    PlanNode(
                        nodeType: "ALL", operation: .fullScan, relation: "orders", alias: "orders",
                        filter: "(`shop`.`orders`.`customer_id` = 42)", estimatedRows: 99712, filteredPercent: 10),
                    PlanNode(
                        nodeType: "ref", operation: .indexScan, relation: "order_items", alias: "order_items",
                        indexName: "order_items_order_id_idx", estimatedRows: 4, filteredPercent: 100),
                ]))
        #expect(
            plan.summaryLines == [
                "nested_loop",
                "-> ALL on orders (rows=99,712, filtered=10%, filter: (orders.customer_id = 42))",
                "-> ref on order_items using order_items_order_id_idx (rows=4)",
            ])
    }

    @Test func deeperLevelsIndent() {
        let leaf = PlanNode(nodeType: "Seq Scan", operation: .fullScan, relation: "t")
        let plan = Plan(
            engine: .postgres,
            root: PlanNode(
                nodeType: "Sort", operation: .sort, sortKeys: ["a", "b DESC"],
                children: [PlanNode(nodeType: "Hash", operation: .materialize, children: [leaf])]))
        #expect(plan.summaryLines == ["Sort (sort: a, b DESC)", "-> Hash", "  -> Seq Scan on t"])
    }

    @Test func aTinyFilteredFractionIsNotShownAsZero() {
        let scan = PlanNode(
            nodeType: "ALL", operation: .fullScan, relation: "records", alias: "records", estimatedRows: 1_200_000,
            filteredPercent: 0.0000833)
        #expect(
            Plan(engine: .mariadb, root: scan).summaryLines == ["ALL on records (rows=1,200,000, filtered=<0.001%)"])
    }
}
