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
                counters: query.counters)
            analyzed.append(AnalyzedQuery(group: group, shape: shape, plan: plan))
        }
        return RuleContext(engine: engine, schema: catalog, queries: analyzed, workloadTimeMs: workloadMs)
    }

    static func context(for example: RuleExample) throws -> RuleContext {
        let queries =
            example.sql.map {
                [
                    Query(
                        sql: $0, plan: example.plan, calls: example.calls, totalMs: example.totalMs,
                        counters: example.counters)
                ]
            }
            ?? []
        return try context(
            engine: example.engine, schema: example.schema, queries: queries,
            workloadMs: example.workloadMs ?? (queries.isEmpty ? nil : example.totalMs))
    }
}
