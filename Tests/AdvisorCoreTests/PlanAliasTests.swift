import AdvisorCore
import Testing

@Suite("Plan alias resolution")
struct PlanAliasTests {
    @Test func mapsMySQLAliasesBackToBaseTables() {
        let scan = PlanNode(nodeType: "ALL", operation: .fullScan, relation: "o", alias: "o")
        let lookup = PlanNode(nodeType: "ref", operation: .indexScan, relation: "order_items", alias: "order_items")
        let plan = Plan(
            engine: .mariadb, root: PlanNode(nodeType: "nested_loop", operation: .join, children: [scan, lookup]))
        let resolved = plan.resolvingAliases([
            TableReference(name: "orders", alias: "o"), TableReference(name: "order_items"),
        ])
        #expect(resolved.nodes.compactMap(\.relation) == ["orders", "order_items"])
        #expect(resolved.fullScans.first?.alias == "o")
    }
}
