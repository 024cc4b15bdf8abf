import AdvisorCore
import Migrations

/// What the workload regression rules look at: the migrations applied on the scratch server and
/// the workload queries planned before and after them.
public struct RegressionContext: Sendable {
    public var engine: Engine
    /// The migrations applied between the two plannings, in order.
    public var scripts: [MigrationScript]
    /// The queries planned both times (queries that could not be planned are left out).
    public var queries: [RegressionQuery]

    public init(engine: Engine, scripts: [MigrationScript], queries: [RegressionQuery]) {
        self.engine = engine
        self.scripts = scripts
        self.queries = queries
    }
}
