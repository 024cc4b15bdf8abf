import AdvisorCore
import Foundation
import IndexAdvisor
import LogParsing
import Migrations
import PostgresDriver
import Reports
import RuleEngine
import SQLParsing

/// One `analyze` run on PostgreSQL: workload, catalog, plans, rules, index selection, migrations.
///
/// The steps are pure modules; this type only wires them to the connection and the file system.
struct Analysis {
    var connection: PostgresConnection
    var workloadOptions: WorkloadOptions
    var advice: AdvisorOptions
    var maxQueries: Int
    /// The built-in rules with `.dbadvisor.yml` applied.
    var rules: RuleEngine

    /// Runs the analysis; with `migrationsDirectory`, the migration files are written there.
    func run(migrationsDirectory: String?) throws -> AnalyzeReport {
        var notes: [String] = []
        let schema = try connection.readSchema()
        let workload = try readWorkload(database: schema.database, notes: &notes)
        var planning = QueryPlanning(connection: connection, limit: maxQueries)
        let queries = planning.analyze(workload)
        if let lost = planning.connectionLost {
            let unplanned = queries.filter { $0.planError?.hasPrefix("not planned: the connection was lost") ?? false }
            notes.append(
                "the connection to \(lost.server) was lost while planning (\(lost.message)); "
                    + "\(unplanned.count) query groups were not planned, the rest of the analysis uses what was")
        }
        let context = RuleContext(engine: .postgres, schema: schema, queries: queries)
        let findings = rules.findings(in: context)

        let model = StatisticsModelPlanner(schema: schema, queries: queries)
        let planner: any WhatIfPlanner
        do {
            planner = try HypoPGPlanner(connection: connection)
        } catch {
            notes.append("gains come from a statistics model, not HypoPG: \(error.message)")
            planner = model
        }
        let options = IndexAdvisorOptions(
            budgetBytes: advice.budget.bytes, maxIndexWidth: advice.maxIndexWidth, minGain: advice.minGain / 100)
        // Each recommendation names the rules whose findings concern the queries it helps.
        var ruleIDs: [String: Set<String>] = [:]
        for finding in findings {
            if let fingerprint = finding.fingerprint { ruleIDs[fingerprint, default: []].insert(finding.ruleID) }
        }
        let advisor = IndexAdvisor(schema: schema, options: options)
        func advise(_ planner: any WhatIfPlanner) throws -> AdvisorResult {
            try advisor.advise(
                queries.filter { $0.plan != nil }, planner: planner,
                name: { IndexNaming.name(for: $0, engine: .postgres) }, ruleIDs: ruleIDs.mapValues { $0.sorted() })
        }
        let result: AdvisorResult
        do {
            result = try advise(planner)
        } catch let lost as DriverError where lost.kind == .connectionLost && planner !== model {
            // What-if costing needs the server; the model needs only what was already read.
            notes.append(
                "the connection to \(lost.server) was lost during what-if costing (\(lost.message)); "
                    + "gains come from the statistics model instead")
            result = try advise(model)
        }
        notes += result.notes
        let suggestions = try writeMigrations(
            result.recommendations, to: migrationsDirectory, database: schema.database)

        return AnalyzeReport(
            server: ServerInfo(engine: .postgres, version: connection.serverVersion, label: connection.serverLabel),
            sources: workload.sources, workloadTimeMs: workload.totalTimeMs,
            queries: summaries(queries, workloadTimeMs: workload.totalTimeMs, result: result),
            findings: findings, suggestions: suggestions, declined: result.declined,
            estimate: WorkloadEstimate(
                basis: result.basis, costBefore: result.costBefore, costAfter: result.costAfter,
                whatIfCalls: result.whatIfCalls),
            diagnostics: workload.diagnostics, notes: notes)
    }

    /// The workload from --log / --workload when given, else from pg_stat_statements; only the
    /// connected database's statements count.
    private func readWorkload(database: String, notes: inout [String]) throws -> Workload {
        var workload = Workload()
        if workloadOptions.logs.isEmpty && workloadOptions.workload == nil {
            return try connection.readStatStatements(limit: 5_000) { try? PostgresParser.fingerprint(of: $0) }
        }
        let prefix = try workloadOptions.logLinePrefix ?? serverLogLinePrefix()
        for log in workloadOptions.logs {
            workload = workload.merged(
                with: try read { () throws(LogReadError) in
                    try WorkloadReader.readPostgresLog(path: log, logLinePrefix: prefix)
                })
        }
        if let path = workloadOptions.workload {
            workload = workload.merged(
                with: try read { () throws(LogReadError) in try WorkloadReader.readSQLFiles(path: path) })
        }
        let others = workload.groups.filter { $0.database != nil && $0.database != database }
        if !others.isEmpty {
            workload.groups.removeAll { $0.database != nil && $0.database != database }
            let calls = others.reduce(0) { $0 + $1.calls }
            notes.append("\(others.count) query groups (\(calls) calls) of other databases in the logs were left out")
        }
        return workload
    }

    private func read(_ body: () throws(LogReadError) -> Workload) throws -> Workload {
        do {
            return try body()
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(error)")
        }
    }

    /// The server's own log_line_prefix, so stderr logs parse without guessing.
    private func serverLogLinePrefix() throws -> String? {
        try connection.query("SHOW log_line_prefix").rows.first?.first ?? nil
    }

    /// Renders the migrations; writes them when a directory is given (never over existing files).
    private func writeMigrations(
        _ recommendations: [Recommendation], to directory: String?, database: String
    ) throws -> [SuggestedIndex] {
        let files: [MigrationFile]
        do {
            files = try MigrationWriter.files(
                for: recommendations, engine: .postgres, layout: advice.migrationFormat,
                version: Self.version(Date()), database: database)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "cannot render the migrations: \(error)")
        }
        if let directory { try MigrationOutput(directory: directory).write(files) }
        return try recommendations.map { recommendation in
            let statement: String
            do {
                statement = try MigrationSQL.createIndex(
                    recommendation.index, name: recommendation.name, engine: .postgres)
            } catch {
                throw CommandFailure(
                    exitCode: CommandFailure.usageError, "cannot render \(recommendation.name): \(error)")
            }
            let written = files.filter { $0.contents.contains(statement) }.map(\.path)
            return SuggestedIndex(
                recommendation: recommendation, createStatement: statement,
                files: directory.map { dir in written.map { "\(dir)/\($0)" } } ?? [])
        }
    }

    /// `20261123170512`: the UTC time as migration tools order versions.
    static func version(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }

    private func summaries(_ queries: [AnalyzedQuery], workloadTimeMs: Double, result: AdvisorResult) -> [QuerySummary]
    {
        let gains = Dictionary(
            result.recommendations.flatMap(\.queries).map { ($0.fingerprint, $0.gain) },
            uniquingKeysWith: { a, b in a.costAfter <= b.costAfter ? a : b })
        return queries.map { query in
            let group = query.group
            return QuerySummary(
                fingerprint: group.fingerprint.id, sample: group.sampleText, calls: group.calls,
                totalTimeMs: group.totalTimeMs, share: workloadTimeMs > 0 ? group.totalTimeMs / workloadTimeMs : 0,
                origin: group.origins.first, costBefore: query.plan?.totalCost,
                costAfter: gains[group.fingerprint.id]?.costAfter,
                skipped: query.planError ?? query.shapeError)
        }
    }
}
