import AdvisorCore

/// One workload query planned before and after the migrations: how its estimated cost and its
/// access paths changed.
public struct QueryComparison: Codable, Equatable, Sendable {
    /// Where the query comes from (`queries/orders.sql:3`) or its fingerprint.
    public var label: String
    public var sql: String
    public var costBefore: Double?
    public var costAfter: Double?
    /// What the costs are: `estimated cost`, or `estimated rows examined` where the engine gives no cost.
    public var basis: String
    /// Access paths of the plans, e.g. `Index Scan using orders_customer_id_idx on orders`.
    public var accessBefore: [String]
    public var accessAfter: [String]
    /// Why the query could not be compared (planning failed before or after), when it could not.
    public var problem: String?

    public init(
        label: String, sql: String, costBefore: Double?, costAfter: Double?, basis: String = "estimated cost",
        accessBefore: [String] = [],
        accessAfter: [String] = [], problem: String? = nil
    ) {
        self.label = label
        self.sql = sql
        self.costBefore = costBefore
        self.costAfter = costAfter
        self.basis = basis
        self.accessBefore = accessBefore
        self.accessAfter = accessAfter
        self.problem = problem
    }

    /// Relative change of the estimated cost in percent (+ worse, - better); `nil` without both costs.
    public var costChangePercent: Double? {
        guard let before = costBefore, let after = costAfter, before > 0 else { return nil }
        return (after - before) / before * 100
    }

    /// `estimated cost 1,834 -> 8.30 (-99.5%)`, in the figures of every report.
    public var costText: String {
        let before = costBefore.map(Figures.cost) ?? "?"
        let after = costAfter.map(Figures.cost) ?? "?"
        let change = costChangePercent.map { " (\($0 < 0 ? "-" : "+")\(Figures.percent(abs($0) / 100)))" } ?? ""
        return "\(basis) \(before) -> \(after)\(change)"
    }
}
