import AdvisorCore
import Migrations

/// What the migration lint looks at: the engine, the catalog before the migrations (empty without a
/// server), the migrations in the order they apply, and which of them are under review.
public struct MigrationContext: Sendable {
    public var engine: Engine
    /// The schema the migrations apply to; tables and indexes they create are added as they go.
    public var schema: Schema
    public var scripts: [MigrationScript]
    /// Paths of the scripts to report on (the change under review); `nil` reports on every script.
    /// Earlier scripts still build the schema the reviewed ones see.
    public var reviewed: Set<String>?

    public init(engine: Engine, schema: Schema, scripts: [MigrationScript], reviewed: Set<String>? = nil) {
        self.engine = engine
        self.schema = schema
        self.scripts = scripts
        self.reviewed = reviewed
    }

    /// Whether findings in `script` are reported.
    public func isReviewed(_ script: MigrationScript) -> Bool {
        reviewed?.contains(script.path) ?? true
    }
}
