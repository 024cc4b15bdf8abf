import Foundation

/// The two facts a what-if question needs from `EXPLAIN (FORMAT JSON)`: the root's Total Cost
/// and the oids of the HypoPG indexes anywhere in the plan.
///
/// PostgresDriver does not depend on PlanParsing; this reads just those keys.
struct PlanSummary {
    var totalCost: Double
    /// `13456` for an `Index Name` of `<13456>btree_orders_customer_id` (HypoPG's naming).
    var indexOIDs: Set<String>

    init?(json: String) {
        guard let data = json.data(using: .utf8),
            let top = (try? JSONSerialization.jsonObject(with: data)) as? [Any],
            let plan = (top.first as? [String: Any])?["Plan"] as? [String: Any],
            let cost = (plan["Total Cost"] as? NSNumber)?.doubleValue
        else { return nil }
        totalCost = cost
        var oids: Set<String> = []
        func walk(_ node: [String: Any]) {
            if let name = node["Index Name"] as? String, name.hasPrefix("<"), let end = name.firstIndex(of: ">") {
                oids.insert(String(name[name.index(after: name.startIndex)..<end]))
            }
            for child in node["Plans"] as? [[String: Any]] ?? [] { walk(child) }
        }
        walk(plan)
        indexOIDs = oids
    }
}
