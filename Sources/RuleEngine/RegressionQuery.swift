import AdvisorCore

/// One workload query planned on the scratch server before and after the migrations.
public struct RegressionQuery: Sendable {
    /// Where it comes from (`queries/orders.sql:5`), for messages.
    public var label: String
    /// Its file and line, when it comes from a file.
    public var path: String?
    public var line: Int?
    public var sql: String
    public var before: Plan
    public var after: Plan

    public init(label: String, path: String? = nil, line: Int? = nil, sql: String, before: Plan, after: Plan) {
        self.label = label
        self.path = path
        self.line = line
        self.sql = sql
        self.before = before
        self.after = after
    }
}
