import AdvisorCore
import PlanParsing
import RuleEngine
import SQLParsing

/// Builds the context a rule example (or a golden context file) describes: the compact schema, and
/// for each statement its parsed shape, fingerprint and plan, as the CLI would assemble them.
enum ExampleContext {
    /// One query of a context: statement, EXPLAIN JSON and workload figures.
    struct Query {
        var sql: String
        var plan: String?
        var calls: Int
        var totalMs: Double
        var rows: Int64? = nil
        var counters: ExecutionCounters? = nil
    }

    static func context(
        engine: Engine, schema: String, queries: [Query], workloadMs: Double? = nil
    ) throws -> RuleContext {
        let catalog = try ExampleSchema.parse(schema, engine: engine)
        var analyzed: [AnalyzedQuery] = []
        for query in queries {
            // Only the PostgreSQL dialect has a parser so far; MySQL examples would need their own.
            let shape = try PostgresParser.shape(of: query.sql)
            let fingerprint = try PostgresParser.fingerprint(of: query.sql)
            let plan = try query.plan.map {
                try PlanParser.parse(json: $0, engine: engine).resolvingAliases(shape.tables)
            }
            let group = QueryGroup(
                fingerprint: fingerprint, sampleText: query.sql, calls: query.calls, totalTimeMs: query.totalMs,
                rows: query.rows, counters: query.counters)
            analyzed.append(AnalyzedQuery(group: group, shape: shape, plan: plan))
        }
        return RuleContext(engine: engine, schema: catalog, queries: analyzed, workloadTimeMs: workloadMs)
    }

    /// Seconds since the epoch at which example traces start (2026-11-23 10:00:00 UTC).
    static let traceStart = 1_795_428_000.0

    /// The context of a workload example: its statements, with figures from the sessions' traces
    /// where `statements:` gives none, and the traces as a log would record them.
    static func workloadContext(for example: RuleExample) throws -> RuleContext {
        let catalog = try ExampleSchema.parse(example.schema, engine: example.engine)
        let dialect = SQLDialect(example.engine)
        var fingerprints: [String: Fingerprint] = [:]
        for (label, statement) in example.statements {
            fingerprints[label] = try dialect.fingerprint(of: statement.sql)
        }
        var calls: [String: Int] = [:]
        var totals: [String: Double] = [:]
        var minimum: [String: Double] = [:]
        var rows: [String: Int64] = [:]
        var sessions: [SessionTrace] = []
        for session in example.sessions {
            var time = traceStart
            var events: [SessionEvent] = []
            for step in session.steps {
                switch step {
                case .pause(let ms):
                    time += ms / 1000
                case .statement(let label, let count, let durationMs, let stepRows):
                    for _ in 0..<count {
                        events.append(
                            SessionEvent(
                                fingerprintID: fingerprints[label]!.id, time: time, durationMs: durationMs,
                                rows: stepRows))
                        calls[label, default: 0] += 1
                        totals[label, default: 0] += durationMs
                        minimum[label] = min(minimum[label] ?? durationMs, durationMs)
                        if let stepRows { rows[label, default: 0] += stepRows }
                        time += (durationMs + 0.2) / 1000
                    }
                }
            }
            sessions.append(SessionTrace(session: session.id, events: events))
        }
        let queries = try example.statements.keys.sorted().map { label in
            let statement = example.statements[label]!
            let group = QueryGroup(
                fingerprint: fingerprints[label]!, sampleText: statement.sql,
                calls: statement.calls ?? calls[label] ?? 0, totalTimeMs: statement.totalMs ?? totals[label] ?? 0,
                minTimeMs: minimum[label], rows: statement.rows ?? rows[label])
            return AnalyzedQuery(group: group, shape: try dialect.shape(of: statement.sql))
        }
        return RuleContext(
            engine: example.engine, schema: catalog, queries: queries, workloadTimeMs: example.workloadMs,
            sessions: sessions)
    }

    static func context(for example: RuleExample) throws -> RuleContext {
        if !example.statements.isEmpty { return try workloadContext(for: example) }
        let queries =
            example.sql.map {
                [
                    Query(
                        sql: $0, plan: example.plan, calls: example.calls, totalMs: example.totalMs,
                        rows: example.rows, counters: example.counters)
                ]
            }
            ?? []
        return try context(
            engine: example.engine, schema: example.schema, queries: queries,
            workloadMs: example.workloadMs ?? (queries.isEmpty ? nil : example.totalMs))
    }
}
