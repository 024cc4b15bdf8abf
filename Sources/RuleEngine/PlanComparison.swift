import AdvisorCore

/// One workload query planned before and after a schema change, and what got worse.
///
/// The cost compared is the plan's estimated total cost where the engine gives one (PostgreSQL,
/// MySQL `query_cost`), else the estimated rows examined summed over the table accesses (MariaDB's
/// EXPLAIN FORMAT=JSON has no cost): the same basis before and after, never mixed.
public struct PlanComparison: Sendable {
    public var before: Plan
    public var after: Plan

    public init(before: Plan, after: Plan) {
        self.before = before
        self.after = after
    }

    /// The compared figure of a plan and what it is.
    public static func cost(of plan: Plan) -> (value: Double, basis: String)? {
        if let cost = plan.totalCost { return (cost, "estimated cost") }
        let accesses = plan.nodes.filter { Self.accessOperations.contains($0.operation) }
        let rows = accesses.compactMap(\.estimatedRows)
        return rows.isEmpty ? nil : (rows.reduce(0, +), "estimated rows examined")
    }

    static let accessOperations: Set<PlanNode.Operation> = [
        .fullScan, .fullIndexScan, .indexScan, .indexOnlyScan, .bitmapScan,
    ]

    /// The access paths, e.g. `Index Scan using orders_customer_id_idx on orders`, `Seq Scan on orders`.
    public static func accessPaths(of plan: Plan) -> [String] {
        plan.nodes.filter { accessOperations.contains($0.operation) }.map { node in
            let table = node.relation.map { " on \($0)" } ?? ""
            let index = node.indexName.map { " using \($0)" } ?? ""
            return "\(node.nodeType)\(index)\(table)"
        }
    }

    /// Indexes the plan reads.
    public static func indexesUsed(by plan: Plan) -> Set<String> {
        Set(plan.nodes.compactMap { $0.indexName?.lowercased() })
    }

    /// Relative change of the compared figure in percent; `nil` when either plan has none or the
    /// bases differ.
    public var changePercent: Double? {
        guard let old = Self.cost(of: before), let new = Self.cost(of: after), old.basis == new.basis, old.value > 0
        else { return nil }
        return (new.value - old.value) / old.value * 100
    }

    /// Tables read through an index before and by a full scan after.
    public var tablesTurnedToFullScans: [String] {
        let indexed = Set(
            before.nodes.filter { [.indexScan, .indexOnlyScan, .bitmapScan].contains($0.operation) }
                .compactMap { $0.relation?.lowercased() })
        let scanned = after.fullScans.compactMap { $0.relation?.lowercased() }
        return Array(Set(scanned).intersection(indexed)).sorted()
    }

    /// Why the plan is worse, or `nil`: cost up by more than `maxIncreasePercent`, or an index
    /// access turned into a full scan.
    public func regression(maxIncreasePercent: Double) -> String? {
        var reasons: [String] = []
        if let change = changePercent, change > maxIncreasePercent, let old = Self.cost(of: before),
            let new = Self.cost(of: after)
        {
            reasons.append(
                "\(old.basis) up \(Figures.percent(change / 100)) (\(Figures.cost(old.value)) -> \(Figures.cost(new.value)))"
            )
        }
        for table in tablesTurnedToFullScans { reasons.append("\(table) now read by a full scan instead of an index") }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
