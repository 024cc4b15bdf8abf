import AdvisorCore

/// One recommendation ready to lay out: its name, version, file description and statements.
struct PlannedMigration {
    var recommendation: Recommendation
    var name: String
    var version: String
    var description: String
    var engine: Engine
    var database: String?
    var options: MigrationOptions
    var up: String
    var down: String

    init(
        _ recommendation: Recommendation, version: String, engine: Engine, database: String?,
        options: MigrationOptions
    ) throws(MigrationError) {
        self.recommendation = recommendation
        // The advisor may have named it already; otherwise the deterministic name.
        name =
            recommendation.name.isEmpty
            ? IndexNaming.name(for: recommendation.index, engine: engine) : recommendation.name
        self.version = version
        description = FileDescription.make(from: name)
        self.engine = engine
        self.database = database
        self.options = options
        up = try MigrationSQL.createIndex(
            recommendation.index, name: name, engine: engine, database: database, hidden: options.hidden)
        down = try MigrationSQL.dropIndex(recommendation.index, name: name, engine: engine, database: database)
    }

    /// Where the index's name must be unique: the schema on PostgreSQL, the table on MySQL, whose
    /// index names are also case-insensitive.
    var namespaceKey: [String] {
        let candidate = recommendation.index
        if engine.isMySQLFamily {
            return [candidate.schema ?? database ?? "", candidate.table, name.lowercased()]
        }
        return [candidate.schema ?? "", name]
    }

    /// The header comment lines for `direction`, with the marker `prefix` (`-- ` or `# `).
    func header(_ direction: MigrationDirection, toolNote: [String], prefix: String) throws(MigrationError) -> String {
        let header = MigrationHeader(
            recommendation: recommendation, name: name, engine: engine, database: database,
            hidden: options.hidden, toolNote: toolNote)
        return try header.lines(direction).map { prefix + $0 }.joined(separator: "\n") + "\n"
    }
}
