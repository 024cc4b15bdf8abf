import AdvisorCore
import Foundation
import IndexAdvisor
import LogParsing
import Migrations
import MySQLDriver
import PostgresDriver
import Reports
import RuleEngine
import SQLParsing

/// One `analyze` run: workload, catalog, plans, rules, index selection, migrations.
///
/// The steps are pure modules; this type only wires them to the connection and the file system.
/// Engine differences stay in the drivers and in `SQLDialect`; here they are the what-if planner
/// (HypoPG or the statistics model on PostgreSQL, the MySQL cost model on MySQL/MariaDB).
struct Analysis {
    var connection: any DatabaseConnection
    var workloadOptions: WorkloadOptions
    var advice: AdvisorOptions
    var maxQueries: Int
    /// The built-in rules with `.dbadvisor.yml` applied.
    var rules: RuleEngine

    private var engine: Engine { connection.engine }

    /// Runs the analysis; with `migrationsDirectory`, the migration files are written there.
    func run(migrationsDirectory: String?) throws -> AnalyzeReport {
        var notes: [String] = []
        var schema = try connection.readSchema()
        var workload = try WorkloadSources(
            connection: connection, options: workloadOptions, loopDetection: rules.loopDetection
        )
        .read(database: schema.database, notes: &notes)
        workload = representativeSamples(workload, schema: schema, notes: &notes)
        let dialect = SQLDialect(engine)
        var planning = QueryPlanning(connection: connection, dialect: dialect, limit: maxQueries)
        // Unqualified columns of multi-table statements (`FROM a, b WHERE x = y`) get their table
        // from the catalog, so rules and index candidates see them.
        let queries = planning.analyze(workload).map { query in
            var query = query
            query.shape = query.shape?.resolvingUnqualifiedColumns(in: schema)
            // The group's other statements tell the code's own literals from bound values.
            let others = query.group.otherSamples.filter { $0 != query.group.sampleText }.compactMap {
                try? dialect.shape(of: $0).resolvingUnqualifiedColumns(in: schema)
            }
            query.constantPredicates =
                query.shape?.constantPredicates(across: others, sampledStatements: query.group.sampledStatements) ?? []
            return query
        }
        if let lost = planning.connectionLost {
            let unplanned = queries.filter { $0.planError?.hasPrefix("not planned: the connection was lost") ?? false }
            notes.append(
                "the connection to \(lost.server) was lost while planning (\(lost.message)); "
                    + "\(unplanned.count) query groups were not planned, the rest of the analysis uses what was")
        }
        let rewritten = queries.filter { $0.plannedText != nil }.count
        if rewritten > 0 {
            notes.append(
                "\(rewritten) writes or locking reads were planned as the SELECT that finds their rows: "
                    + "the role may not plan them itself")
        }
        if advice.sampleStatistics, let mysql = connection as? MySQLConnection, planning.connectionLost == nil {
            schema = sampled(schema, for: queries, on: mysql, notes: &notes)
        }
        let context = RuleContext(
            engine: engine, schema: schema, queries: queries, sessions: workload.sessions,
            streamedLoops: workload.streamedLoops)
        let findings = rules.findings(in: context)

        let (planner, model) = whatIfPlanners(schema: schema, queries: queries, notes: &notes)
        let options = IndexAdvisorOptions(
            budgetBytes: advice.budget.bytes, maxIndexWidth: advice.maxIndexWidth, minGain: advice.minGain / 100,
            minQueryReduction: advice.minQueryGain / 100)
        // Each recommendation names the rules whose findings concern the queries it helps.
        var ruleIDs: [String: Set<String>] = [:]
        for finding in findings {
            if let fingerprint = finding.fingerprint { ruleIDs[fingerprint, default: []].insert(finding.ruleID) }
        }
        let advisor = IndexAdvisor(schema: schema, options: options)
        func advise(_ planner: any WhatIfPlanner) throws -> AdvisorResult {
            try advisor.advise(
                queries.filter { $0.plan != nil }, planner: planner,
                name: { IndexNaming.name(for: $0, engine: engine) }, ruleIDs: ruleIDs.mapValues { $0.sorted() })
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
            server: ServerInfo(engine: engine, version: connection.serverVersion, label: connection.serverLabel),
            sources: workload.sources, workloadTimeMs: workload.totalTimeMs,
            queries: summaries(queries, workloadTimeMs: workload.totalTimeMs, result: result),
            findings: findings, suggestions: suggestions, declined: result.declined,
            estimate: WorkloadEstimate(
                basis: result.basis, costBefore: result.costBefore, costAfter: result.costAfter,
                whatIfCalls: result.whatIfCalls),
            diagnostics: workload.diagnostics, notes: notes)
    }

    /// Groups without timings are planned with their heaviest sampled constants (by statistics).
    private func representativeSamples(_ workload: Workload, schema: Schema, notes: inout [String]) -> Workload {
        var workload = workload
        let dialect = SQLDialect(engine)
        var changed = 0
        for index in workload.groups.indices
        where workload.groups[index].totalTimeMs == 0 && !workload.groups[index].otherSamples.isEmpty {
            let group = workload.groups[index]
            let chosen = RepresentativeSample.heaviest(of: group, schema: schema) { try? dialect.shape(of: $0) }
            guard chosen != group.sampleText else { continue }
            workload.groups[index].otherSamples = [group.sampleText] + group.otherSamples.filter { $0 != chosen }
            workload.groups[index].sampleText = chosen
            changed += 1
        }
        if changed > 0 {
            notes.append(
                (changed == 1 ? "1 untimed query group is" : "\(changed) untimed query groups are")
                    + " planned with the sampled constants the statistics say match the most rows, "
                    + "not with the first statement seen")
        }
        return workload
    }

    /// The planner that prices candidates, and the model to fall back on when the server goes away.
    ///
    /// PostgreSQL: HypoPG when installed in the database, else the statistics model. MySQL and
    /// MariaDB have no hypothetical indexes: the MySQL cost model (docs/mysql-cost-model.md), which
    /// needs nothing from the server beyond the catalog already read.
    private func whatIfPlanners(
        schema: Schema, queries: [AnalyzedQuery], notes: inout [String]
    ) -> (planner: any WhatIfPlanner, model: any WhatIfPlanner) {
        guard let postgres = connection as? PostgresConnection else {
            let model = MySQLCostModelPlanner(schema: schema, queries: queries)
            return (model, model)
        }
        let model = StatisticsModelPlanner(schema: schema, queries: queries)
        do {
            return (try HypoPGPlanner(connection: postgres), model)
        } catch {
            notes.append("gains come from a statistics model, not HypoPG: \(error.message)")
            return (model, model)
        }
    }

    /// The schema with sampled distinct counts for the filtered columns the catalog has no
    /// statistics for (MariaDB without `ANALYZE TABLE … PERSISTENT`, MySQL without histograms).
    private func sampled(
        _ schema: Schema, for queries: [AnalyzedQuery], on connection: MySQLConnection, notes: inout [String]
    ) -> Schema {
        var columns: [ColumnReference] = []
        for query in queries where query.plan != nil {
            for predicate in query.shape?.predicates ?? [] where predicate.column.table != nil {
                let column = schema.table(named: predicate.column.table!)?.column(named: predicate.column.column)
                if column != nil && column?.statistics?.distinctValues == nil { columns.append(predicate.column) }
            }
        }
        guard !columns.isEmpty else { return schema }
        do {
            let sampling = try connection.sampleColumnStatistics(schema, columns: columns)
            notes += sampling.notes
            return sampling.schema
        } catch {
            notes.append("column statistics were not sampled (\(error.message)); selectivities use defaults")
            return schema
        }
    }

    /// Renders the migrations; writes them when a directory is given (never over existing files).
    private func writeMigrations(
        _ recommendations: [Recommendation], to directory: String?, database: String
    ) throws -> [SuggestedIndex] {
        let files: [MigrationFile]
        do {
            files = try MigrationWriter.files(
                for: recommendations, engine: engine, layout: advice.migrationFormat,
                version: Self.version(Date()), database: database)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "cannot render the migrations: \(error)")
        }
        if let directory { try MigrationOutput(directory: directory).write(files) }
        return try recommendations.map { recommendation in
            let statement: String
            do {
                statement = try MigrationSQL.createIndex(
                    recommendation.index, name: recommendation.name, engine: engine)
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
