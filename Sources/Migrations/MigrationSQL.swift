import AdvisorCore

/// The DDL statements of a migration, one statement each, ending with `;`.
public enum MigrationSQL {
    /// The statement that creates `candidate` as `name` online.
    ///
    /// PostgreSQL: `CREATE INDEX CONCURRENTLY IF NOT EXISTS name ON schema.table (keys) INCLUDE (…)
    /// WHERE …;`. MySQL/MariaDB: `ALTER TABLE db.table ADD INDEX name (keys, covering),
    /// ALGORITHM=INPLACE, LOCK=NONE;` (MariaDB adds `IF NOT EXISTS`). `database` qualifies a MySQL
    /// table whose candidate has no schema; PostgreSQL cannot qualify by database, so it ignores it.
    /// `hidden` adds the index as MySQL `INVISIBLE` / MariaDB `IGNORED`.
    public static func createIndex(
        _ candidate: IndexCandidate, name: String, engine: Engine, database: String? = nil, hidden: Bool = false
    ) throws(MigrationError) -> String {
        try validate(candidate, name: name, engine: engine, database: database)
        if engine.isMySQLFamily {
            // MySQL has no INCLUDE: covering columns become trailing key columns, once each (a column
            // named twice in one index is ER_DUP_FIELDNAME).
            let columns = candidate.keyColumns + candidate.includedColumns.filter { !candidate.keyColumns.contains($0) }
            let list = columns.map { SQLIdentifier.quoted($0, engine: engine) }.joined(separator: ", ")
            // INVISIBLE is MySQL 8.0+, IGNORED MariaDB 10.6+: both keep the index maintained but unused.
            let visibility = hidden ? (engine == .mariadb ? " IGNORED" : " INVISIBLE") : ""
            // IF NOT EXISTS exists in MariaDB only (10.0+); MySQL 8 rejects it.
            let guardClause = engine == .mariadb ? "IF NOT EXISTS " : ""
            // Naming ALGORITHM and LOCK makes the server refuse with an error instead of silently falling
            // back to a table copy or a write-blocking lock (MySQL "Online DDL Operations").
            return "ALTER TABLE \(mySQLTable(candidate, database: database, engine: engine)) ADD INDEX "
                + "\(guardClause)\(SQLIdentifier.quoted(name, engine: engine)) (\(list))\(visibility), "
                + "ALGORITHM=INPLACE, LOCK=NONE;"
        }
        if hidden { throw .hiddenIndexUnsupported(engine: engine) }
        let keys = candidate.keyColumns.map { column in
            SQLIdentifier.quoted(column, engine: engine) + (candidate.operatorClass(of: column).map { " \($0)" } ?? "")
        }.joined(separator: ", ")
        var statement =
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS \(SQLIdentifier.quoted(name, engine: engine)) ON "
            + "\(SQLIdentifier.qualified(candidate.table, schema: candidate.schema, engine: engine)) (\(keys))"
        if !candidate.includedColumns.isEmpty {
            let included = candidate.includedColumns.map { SQLIdentifier.quoted($0, engine: engine) }
            statement += " INCLUDE (\(included.joined(separator: ", ")))"
        }
        if let predicate = candidate.predicate { statement += " WHERE \(predicate)" }
        statement += ";"
        // The predicate is SQL text; prove it cannot end the statement early or open a second one.
        guard StatementScanner.isSingleStatement(statement) else { throw .unsafePredicate(candidate.predicate ?? "") }
        return statement
    }

    /// The statement that drops the index `name` of `candidate` again, online and idempotently.
    ///
    /// PostgreSQL: `DROP INDEX CONCURRENTLY IF EXISTS schema.name;` (an index lives in its table's
    /// schema). MySQL/MariaDB: `ALTER TABLE db.table DROP INDEX name, ALGORITHM=INPLACE, LOCK=NONE;`.
    public static func dropIndex(
        _ candidate: IndexCandidate, name: String, engine: Engine, database: String? = nil
    ) throws(MigrationError) -> String {
        try validate(candidate, name: name, engine: engine, database: database, checkPredicate: false)
        if engine.isMySQLFamily {
            let guardClause = engine == .mariadb ? "IF EXISTS " : ""
            return "ALTER TABLE \(mySQLTable(candidate, database: database, engine: engine)) DROP INDEX "
                + "\(guardClause)\(SQLIdentifier.quoted(name, engine: engine)), ALGORITHM=INPLACE, LOCK=NONE;"
        }
        return
            "DROP INDEX CONCURRENTLY IF EXISTS \(SQLIdentifier.qualified(name, schema: candidate.schema, engine: engine));"
    }

    /// The statement that makes a hidden MySQL/MariaDB index visible to the optimizer (metadata only).
    public static func makeVisible(
        _ candidate: IndexCandidate, name: String, engine: Engine, database: String? = nil
    ) throws(MigrationError) -> String {
        guard engine.isMySQLFamily else { throw .hiddenIndexUnsupported(engine: engine) }
        try validate(candidate, name: name, engine: engine, database: database, checkPredicate: false)
        let state = engine == .mariadb ? "NOT IGNORED" : "VISIBLE"
        return "ALTER TABLE \(mySQLTable(candidate, database: database, engine: engine)) ALTER INDEX "
            + "\(SQLIdentifier.quoted(name, engine: engine)) \(state);"
    }

    /// The index's table in the DDL's own quoting: `schema.table` on PostgreSQL, `` `db`.`table` `` on MySQL.
    static func table(_ candidate: IndexCandidate, engine: Engine, database: String?) -> String {
        engine.isMySQLFamily
            ? mySQLTable(candidate, database: database, engine: engine)
            : SQLIdentifier.qualified(candidate.table, schema: candidate.schema, engine: engine)
    }

    private static func mySQLTable(_ candidate: IndexCandidate, database: String?, engine: Engine) -> String {
        SQLIdentifier.qualified(candidate.table, schema: candidate.schema ?? database, engine: engine)
    }

    private static func validate(
        _ candidate: IndexCandidate, name: String, engine: Engine, database: String?, checkPredicate: Bool = true
    ) throws(MigrationError) {
        if candidate.keyColumns.isEmpty { throw .noKeyColumns(table: candidate.table) }
        var identifiers = [candidate.table, name] + candidate.keyColumns + candidate.includedColumns
        if let schema = candidate.schema { identifiers.append(schema) }
        if engine.isMySQLFamily, let database { identifiers.append(database) }
        for identifier in identifiers {
            if let problem = SQLIdentifier.problem(with: identifier) {
                throw .invalidIdentifier(identifier, reason: problem)
            }
        }
        guard IdentifierLimit.fits(name, engine: engine) else {
            throw .nameTooLong(name, engine: engine, limit: IdentifierLimit.text(engine: engine))
        }
        if engine.isMySQLFamily, name.lowercased() == "primary" {
            throw .invalidIdentifier(name, reason: "\(engine) reserves the index name PRIMARY for the primary key")
        }
        guard checkPredicate, let predicate = candidate.predicate else { return }
        if engine.isMySQLFamily { throw .predicateUnsupported(engine: engine, index: candidate.description) }
        // Line breaks would let predicate text start a line that layouts read as a marker (dbmate's
        // `-- migrate:down`); deparsed predicates are one line anyway.
        if predicate.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .unsafePredicate(predicate)
        }
    }
}
