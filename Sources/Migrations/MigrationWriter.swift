import AdvisorCore

/// Renders recommendations as migration files for one engine and migration tool.
public enum MigrationWriter {
    /// The files for `recommendations`, in order: the first gets `version`, each next one version+1.
    ///
    /// Every PostgreSQL index gets its own files holding exactly one statement, because
    /// `CREATE INDEX CONCURRENTLY` fails in a transaction block and a multi-statement file runs as an
    /// implicit one (golang-migrate, dbmate, Prisma); each layout's no-transaction marker is set.
    /// `database` names the MySQL database for tables without a schema and is shown in headers.
    public static func files(
        for recommendations: [Recommendation], engine: Engine, layout: MigrationLayout, version: String,
        database: String?, options: MigrationOptions = MigrationOptions()
    ) throws(MigrationError) -> [MigrationFile] {
        var planned: [PlannedMigration] = []
        var namespaces = Set<[String]>()
        for (offset, recommendation) in recommendations.enumerated() {
            guard let fileVersion = MigrationVersion.advanced(version, by: offset) else {
                throw .invalidVersion(version)
            }
            let migration = try PlannedMigration(
                recommendation, version: fileVersion, engine: engine, database: database, options: options)
            guard namespaces.insert(migration.namespaceKey).inserted else {
                throw .duplicateIndexName(migration.name)
            }
            planned.append(migration)
        }
        disambiguateDescriptions(&planned)
        var files: [MigrationFile] = []
        for migration in planned {
            files += try layoutFiles(migration, layout: layout)
        }
        return files
    }

    /// Gives equal file descriptions (same index name in two schemas or on two tables) a hash of
    /// where the index lives, since Rails refuses two migrations with the same class name.
    private static func disambiguateDescriptions(_ planned: inout [PlannedMigration]) {
        var counts: [String: Int] = [:]
        for migration in planned { counts[migration.description, default: 0] += 1 }
        for index in planned.indices where counts[planned[index].description, default: 0] > 1 {
            let migration = planned[index]
            planned[index].description += "_" + StableHash.hex(of: migration.namespaceKey, length: 8)
        }
    }

    private static func layoutFiles(
        _ migration: PlannedMigration, layout: MigrationLayout
    ) throws(MigrationError) -> [MigrationFile] {
        let postgres = !migration.engine.isMySQLFamily
        let stem = "\(migration.version)_\(migration.description)"
        func sql(_ direction: MigrationDirection, _ statement: String, note: [String]) throws(MigrationError)
            -> String
        {
            try migration.header(direction, toolNote: note, prefix: "-- ") + "\n" + statement + "\n"
        }
        switch layout {
        case .plain:
            let note = postgres ? ["Apply with psql -X -v ON_ERROR_STOP=1 -f <file>, never --single-transaction."] : []
            return [
                MigrationFile(path: "\(stem).up.sql", contents: try sql(.up, migration.up, note: note)),
                MigrationFile(path: "\(stem).down.sql", contents: try sql(.down, migration.down, note: note)),
            ]
        case .golangMigrate:
            // The postgres driver sends the whole file as one Exec (golang-migrate database/postgres README).
            let note =
                postgres
                ? [
                    "golang-migrate sends the file as one Exec. After a failure the version is dirty:",
                    "drop the INVALID index, then migrate force <previous version>.",
                ] : []
            return [
                MigrationFile(path: "\(stem).up.sql", contents: try sql(.up, migration.up, note: note)),
                MigrationFile(path: "\(stem).down.sql", contents: try sql(.down, migration.down, note: note)),
            ]
        case .flyway:
            // Flyway reads per-script settings from `<script>.conf` (since 6.1); `U` is the undo script.
            let name = "\(migration.version)__\(migration.description).sql"
            let note = postgres ? ["Flyway: executeInTransaction=false in V\(name).conf next to this file."] : []
            let undoNote = postgres ? ["Flyway: executeInTransaction=false in U\(name).conf next to this file."] : []
            var files = [MigrationFile(path: "V\(name)", contents: try sql(.up, migration.up, note: note))]
            if postgres { files.append(MigrationFile(path: "V\(name).conf", contents: "executeInTransaction=false\n")) }
            files.append(MigrationFile(path: "U\(name)", contents: try sql(.down, migration.down, note: undoNote)))
            if postgres { files.append(MigrationFile(path: "U\(name).conf", contents: "executeInTransaction=false\n")) }
            return files
        case .dbmate:
            // dbmate allows only comments before `-- migrate:up`; `transaction:false` is a per-block
            // option (dbmate 1.5+). MySQL DDL commits implicitly, so no transaction there either.
            let note = postgres ? ["dbmate sends each block as one Exec: keep one statement per block."] : []
            let contents =
                try migration.header(.both, toolNote: note, prefix: "-- ") + "\n"
                + "-- migrate:up transaction:false\n\(migration.up)\n\n"
                + "-- migrate:down transaction:false\n\(migration.down)\n"
            return [MigrationFile(path: "\(stem).sql", contents: contents)]
        case .rails:
            return [
                MigrationFile(
                    path: "\(migration.version)_add_\(migration.description).rb", contents: try rails(migration))
            ]
        }
    }

    /// An ActiveRecord migration that executes exactly the statements of the SQL layouts.
    private static func rails(_ migration: PlannedMigration) throws(MigrationError) -> String {
        let postgres = !migration.engine.isMySQLFamily
        let className = FileDescription.camelized("add_\(migration.description)")
        var text = try migration.header(.both, toolNote: [], prefix: "# ") + "\n"
        text += "class \(className) < ActiveRecord::Migration[7.1]\n"
        if postgres {
            text += """
                  # CREATE/DROP INDEX CONCURRENTLY fail inside a transaction block, and ActiveRecord wraps every
                  # migration in one unless it is disabled for this class.
                  disable_ddl_transaction!


                """
        }
        text += """
              # execute with the exact statements rather than add_index: the same DDL as the SQL layouts, with
              # the name, quoting, INCLUDE and IF NOT EXISTS as reviewed. The quoted heredoc (<<~'SQL') takes
              # the text literally: no #{} interpolation, no backslash escapes.
              def up
                execute <<~'SQL'
                  \(migration.up)
                SQL
              end

              def down
                execute <<~'SQL'
                  \(migration.down)
                SQL
              end
            end

            """
        return text
    }
}
