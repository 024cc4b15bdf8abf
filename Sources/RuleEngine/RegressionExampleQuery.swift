/// A workload query of a regression rule's example: where it is, its text, and its plans (EXPLAIN
/// JSON of the example's engine) before and after the example's migrations.
public struct RegressionExampleQuery: Equatable, Sendable, Decodable {
    /// `queries/orders.sql:5`: the query's file and line, also its label in messages.
    public var at: String
    public var sql: String
    public var plan: String
    public var planAfter: String

    public init(at: String, sql: String, plan: String, planAfter: String) {
        self.at = at
        self.sql = sql
        self.plan = plan
        self.planAfter = planAfter
    }

    enum CodingKeys: String, CodingKey {
        case at, sql, plan
        case planAfter = "plan_after"
    }
}
