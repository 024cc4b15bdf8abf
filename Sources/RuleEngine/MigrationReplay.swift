import AdvisorCore
import Migrations
import SQLParsing

/// Replays the migrations' DDL over the starting catalog, so a check sees each statement with the
/// indexes that exist just before it: those of the schema, and those earlier statements created and
/// did not drop. Tables and index names compare case-insensitively.
struct MigrationReplay {
    /// An index of the catalog being replayed, and the statement that created it (`nil`: it existed before).
    struct TrackedIndex {
        var table: String
        var index: Index
        var createdAt: (script: MigrationScript, statement: MigrationStatement)?
    }

    /// One statement with the state just before it.
    struct Step {
        var script: MigrationScript
        var statement: MigrationStatement
        /// Tables created earlier in the same file, or by an earlier migration of the change under
        /// review when it is named (`MigrationContext.reviewed`): they are empty when the change is
        /// deployed, so building or dropping their indexes blocks nobody.
        var newTables: Set<String>
        var indexes: [TrackedIndex]
    }

    private(set) var steps: [Step] = []
    /// The indexes after every migration.
    private(set) var finalIndexes: [TrackedIndex] = []

    init(_ context: MigrationContext) {
        var indexes = context.schema.tables.flatMap { table in
            table.indexes.map { TrackedIndex(table: table.name.lowercased(), index: $0, createdAt: nil) }
        }
        // Tables the reviewed migrations created so far (only when the change is named; with every
        // file under review, a table created years ago would otherwise count as new).
        var createdInChange = Set<String>()
        for script in context.scripts {
            var createdInFile = context.reviewed != nil && context.isReviewed(script) ? createdInChange : []
            for statement in script.statements {
                steps.append(
                    Step(script: script, statement: statement, newTables: createdInFile, indexes: indexes))
                for action in statement.actions {
                    switch action {
                    case .createTable(let table):
                        createdInFile.insert(table.name.lowercased())
                        if context.reviewed != nil, context.isReviewed(script) {
                            createdInChange.insert(table.name.lowercased())
                        }
                    case .dropTable(let table):
                        indexes.removeAll { $0.table == table.name.lowercased() }
                    case .createIndex(let created):
                        let index = Self.index(created, engine: context.engine)
                        let table = created.table.name.lowercased()
                        // CREATE INDEX IF NOT EXISTS over an existing name leaves the old one.
                        if indexes.contains(where: {
                            Self.sameName($0, index.name, table: table, engine: context.engine)
                        }) {
                            continue
                        }
                        indexes.append(TrackedIndex(table: table, index: index, createdAt: (script, statement)))
                    case .dropIndex(let dropped):
                        let table = dropped.table?.name.lowercased()
                        indexes.removeAll { Self.sameName($0, dropped.name, table: table, engine: context.engine) }
                    case .addForeignKey, .beginTransaction, .endTransaction:
                        continue
                    }
                }
            }
        }
        finalIndexes = indexes
    }

    /// The catalog form of an index a statement creates.
    static func index(_ created: DDLIndex, engine: Engine) -> Index {
        let defaultMethod = engine.isMySQLFamily ? "BTREE" : "btree"
        return Index(
            name: created.name ?? created.keys.first?.name ?? "",
            keyColumns: created.keys, includedColumns: created.includedColumns, isUnique: created.isUnique,
            isPrimary: created.isPrimary, predicate: created.predicate, method: created.method ?? defaultMethod)
    }

    /// PostgreSQL index names are unique per schema, MySQL's per table (`table` `nil`: any table).
    private static func sameName(_ tracked: TrackedIndex, _ name: String, table: String?, engine: Engine) -> Bool {
        guard tracked.index.name.caseInsensitiveCompare(name) == .orderedSame else { return false }
        return !engine.isMySQLFamily || table == nil || tracked.table == table
    }
}
