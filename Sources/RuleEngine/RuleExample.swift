import AdvisorCore

/// An input a rule is run on, with the findings it must produce: a test and a piece of documentation.
///
/// The schema uses the compact notation `ExampleSchema` parses. A query example gives the statement,
/// its PostgreSQL `EXPLAIN (FORMAT JSON)` (or MySQL `EXPLAIN FORMAT=JSON`) output, and its workload
/// figures; a schema-only example leaves them out. A workload example (`n-plus-one`) names several
/// `statements` and gives the connections' `sessions` that ran them, as a log would record them.
public struct RuleExample: Equatable, Sendable, Decodable {
    public var name: String
    /// Whether the rule must report something here (`expect` then lists the findings).
    public var triggers: Bool
    /// Engine of the schema and the plan; PostgreSQL when not given.
    public var engine: Engine
    public var schema: String
    public var sql: String?
    public var plan: String?
    public var calls: Int
    public var totalMs: Double
    /// Rows returned or affected over the `calls`, as pg_stat_statements counts them.
    public var rows: Int64?
    /// Workload time of all queries in the window, in ms; the query's own `total_ms` when not given.
    public var workloadMs: Double?
    /// What the slow log recorded over the example's `calls` (`rows_examined`, `rows_sent`, …).
    public var counters: ExecutionCounters?
    /// Statements by label, for examples about a sequence of statements.
    public var statements: [String: ExampleStatement]
    /// Connections running `statements`, in the trace notation of `ExampleSession`.
    public var sessions: [ExampleSession]
    /// Parameter overrides for this example (shows what a threshold changes).
    public var params: [String: RuleParamValue]
    public var expect: [ExpectedFinding]
    /// Migration files, for the migration lint rules (their schema is the catalog before them).
    public var migration: MigrationExample?

    public init(
        name: String, triggers: Bool, engine: Engine = .postgres, schema: String, sql: String? = nil,
        plan: String? = nil, calls: Int = 1, totalMs: Double = 0, rows: Int64? = nil, workloadMs: Double? = nil,
        counters: ExecutionCounters? = nil, statements: [String: ExampleStatement] = [:],
        sessions: [ExampleSession] = [], params: [String: RuleParamValue] = [:], expect: [ExpectedFinding] = [],
        migration: MigrationExample? = nil
    ) {
        self.name = name
        self.triggers = triggers
        self.engine = engine
        self.schema = schema
        self.sql = sql
        self.plan = plan
        self.calls = calls
        self.totalMs = totalMs
        self.rows = rows
        self.workloadMs = workloadMs
        self.counters = counters
        self.statements = statements
        self.sessions = sessions
        self.params = params
        self.expect = expect
        self.migration = migration
    }

    enum CodingKeys: String, CodingKey {
        case name, triggers, engine, schema, sql, plan, calls, rows, params, expect, counters, statements, sessions
        case migration
        case totalMs = "total_ms"
        case workloadMs = "workload_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let calls = try container.decodeIfPresent(Int.self, forKey: .calls) ?? 1
        self.init(
            name: try container.decode(String.self, forKey: .name),
            triggers: try container.decode(Bool.self, forKey: .triggers),
            engine: try container.decodeIfPresent(Engine.self, forKey: .engine) ?? .postgres,
            schema: try container.decode(String.self, forKey: .schema),
            sql: try container.decodeIfPresent(String.self, forKey: .sql),
            plan: try container.decodeIfPresent(String.self, forKey: .plan),
            calls: calls,
            totalMs: try container.decodeIfPresent(Double.self, forKey: .totalMs) ?? 0,
            rows: try container.decodeIfPresent(Int64.self, forKey: .rows),
            workloadMs: try container.decodeIfPresent(Double.self, forKey: .workloadMs),
            counters: try container.decodeIfPresent(LoggedCounters.self, forKey: .counters)?.counters(calls: calls),
            statements: try container.decodeIfPresent([String: ExampleStatement].self, forKey: .statements) ?? [:],
            sessions: try container.decodeIfPresent([ExampleSession].self, forKey: .sessions) ?? [],
            params: try container.decodeIfPresent([String: RuleParamValue].self, forKey: .params) ?? [:],
            expect: try container.decodeIfPresent([ExpectedFinding].self, forKey: .expect) ?? [],
            migration: try container.decodeIfPresent(MigrationExample.self, forKey: .migration))
    }
}

/// `counters:` of a rule example: slow-log totals over the example's calls, in the log's own names.
private struct LoggedCounters: Decodable {
    var rowsExamined: Int64?
    var rowsSent: Int64?
    var rowsAffected: Int64?
    var fullScans: Int?
    var readRndNext: Int64?
    var readKey: Int64?

    enum CodingKeys: String, CodingKey {
        case rowsExamined = "rows_examined"
        case rowsSent = "rows_sent"
        case rowsAffected = "rows_affected"
        case fullScans = "full_scans"
        case readRndNext = "read_rnd_next"
        case readKey = "read_key"
    }

    func counters(calls: Int) -> ExecutionCounters {
        ExecutionCounters(
            calls: calls, rowsExamined: rowsExamined, rowsSent: rowsSent, rowsAffected: rowsAffected,
            fullScans: fullScans, readRndNext: readRndNext, readKey: readKey)
    }
}
