import AdvisorCore
import Migrations

/// The statement that drops an existing index online, rendered (and quoted) by the Migrations module.
enum IndexDrop {
    /// `DROP INDEX CONCURRENTLY IF EXISTS public.orders_x_idx;` or the MySQL `ALTER TABLE … DROP INDEX …`;
    /// `nil` when the name cannot be rendered safely (the finding then says it in words).
    static func statement(_ index: Index, on table: Table, engine: Engine) -> String? {
        let candidate = IndexCandidate(schema: table.schema, table: table.name, keyColumns: index.keyColumnNames)
        return try? MigrationSQL.dropIndex(candidate, name: index.name, engine: engine)
    }
}
