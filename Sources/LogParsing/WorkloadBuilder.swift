import AdvisorCore
import PlanParsing
import SQLParsing

/// Accumulates logged statement executions into a `Workload`: groups by fingerprint, per-session
/// traces in order, and diagnostics for what could not be used. Pure: no I/O.
public struct WorkloadBuilder {
    /// Session traces stop growing after this many events in total (memory stays bounded).
    public static let defaultMaxTraceEvents = 1_000_000

    private struct GroupAccumulator {
        var fingerprint: Fingerprint
        var sampleText: String
        var firstLine: Int
        var calls = 0
        var totalTimeMs = 0.0
        var minTimeMs: Double?
        var maxTimeMs: Double?
        var database: String?
        var rows: Int64?
        var counters: ExecutionCounters?
        var plan: Plan?
        var planDurationMs = -1.0
    }

    private let source: String
    private let maxTraceEvents: Int
    private var cache: FingerprintCache
    private var groups: [String: GroupAccumulator] = [:]
    private var traces: [SessionTrace] = []
    private var traceIndex: [String: Int] = [:]
    private var traceEvents = 0
    private var droppedTraceEvents = 0
    private var unparsedStatements = 0
    private var firstUnparsedStatement: (line: Int, message: String)?
    private var unreadablePlans = 0
    private var firstUnreadablePlan: (line: Int, message: String)?
    private var diagnostics: [WorkloadDiagnostic] = []

    /// A builder for statements from `source` (the file name used in origins, like `postgresql.log`).
    public init(
        source: String, maxTraceEvents: Int = defaultMaxTraceEvents,
        fingerprinter: @escaping (String) throws(SQLParseErrorBox) -> Fingerprint = WorkloadBuilder.postgresFingerprint
    ) {
        self.source = source
        self.maxTraceEvents = maxTraceEvents
        cache = FingerprintCache(fingerprinter: fingerprinter)
    }

    /// libpg_query's fingerprint, the default for PostgreSQL sources.
    public static func postgresFingerprint(_ sql: String) throws(SQLParseErrorBox) -> Fingerprint {
        do {
            return try PostgresParser.fingerprint(of: sql)
        } catch {
            throw SQLParseErrorBox(error.description)
        }
    }

    /// pt-query-digest's fingerprint, the default for MySQL/MariaDB slow logs (query ids equal its `ID 0x…`).
    public static func mysqlFingerprint(_ sql: String) throws(SQLParseErrorBox) -> Fingerprint {
        MySQLParser.fingerprint(of: sql)
    }

    /// The group identity of `sql` (cached by exact text; unparsable text gets a masked-text hash).
    public mutating func fingerprint(of sql: String) -> Fingerprint {
        cache.entry(for: sql).fingerprint
    }

    /// Records one execution and returns its group's fingerprint id. `durationMs == nil` means the
    /// source did not time it (counted, 0 ms). `parameters` is a `$1 = '…'` list substituted into the
    /// sample text when this becomes the sample; `rows` (returned or affected) and `counters` are
    /// summed per group where the source records them.
    @discardableResult
    public mutating func record(
        sql: String, parameters: String? = nil, durationMs: Double?, time: Double?, session: String?,
        database: String?, line: Int, rows: Int64? = nil, counters: ExecutionCounters? = nil
    ) -> String {
        let entry = cache.entry(for: sql)
        let id = entry.fingerprint.id
        if let message = entry.parseError {
            unparsedStatements += 1
            if firstUnparsedStatement == nil || line < firstUnparsedStatement!.line {
                firstUnparsedStatement = (line, message)
            }
        }
        func sample() -> String {
            guard let parameters else { return sql }
            return ParameterSubstitution.substitute(parameters, into: sql)
        }
        var group =
            groups[id] ?? GroupAccumulator(fingerprint: entry.fingerprint, sampleText: sample(), firstLine: line)
        if line < group.firstLine {
            group.firstLine = line
            group.sampleText = sample()
        }
        group.calls += 1
        if let durationMs {
            group.totalTimeMs += durationMs
            group.minTimeMs = min(group.minTimeMs ?? durationMs, durationMs)
            group.maxTimeMs = max(group.maxTimeMs ?? durationMs, durationMs)
        }
        if group.database == nil { group.database = database }
        if let rows { group.rows = (group.rows ?? 0) + rows }
        if let counters { group.counters = group.counters.map { $0.adding(counters) } ?? counters }
        groups[id] = group
        if let session {
            trace(session, SessionEvent(fingerprintID: id, time: time, durationMs: durationMs ?? 0, rows: rows))
        }
        return id
    }

    /// Keeps the auto_explain plan of the slowest logged execution of the group `fingerprintID`.
    mutating func attachPlan(json: String, durationMs: Double, to fingerprintID: String, line: Int) {
        guard var group = groups[fingerprintID], durationMs > group.planDurationMs else { return }
        do {
            group.plan = try PlanParser.parse(json: json, engine: .postgres)
            group.planDurationMs = durationMs
            groups[fingerprintID] = group
        } catch {
            unreadablePlans += 1
            if firstUnreadablePlan == nil { firstUnreadablePlan = (line, error.description) }
        }
    }

    /// Keeps a plan the log carried in another form (MariaDB `# explain:` lines) when this execution
    /// is the group's slowest so far; `parse` runs only then, so most executions cost nothing.
    mutating func attachPlan(
        durationMs: Double, to fingerprintID: String, line: Int, parse: () throws(PlanParseError) -> Plan
    ) {
        guard var group = groups[fingerprintID], durationMs > group.planDurationMs else { return }
        do {
            group.plan = try parse()
            group.planDurationMs = durationMs
            groups[fingerprintID] = group
        } catch {
            unreadablePlans += 1
            if firstUnreadablePlan == nil { firstUnreadablePlan = (line, error.description) }
        }
    }

    /// Adds a diagnostic found by the reader (unparsed lines, a truncated file…).
    public mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        diagnostics.append(diagnostic)
    }

    /// The workload so far, groups heaviest first.
    public func build() -> Workload {
        var out = diagnostics
        if let first = firstUnparsedStatement {
            out.append(
                WorkloadDiagnostic(
                    location: "\(source):\(first.line)",
                    message:
                        "statement not understood by the SQL parser, grouped by its normalized text (\(first.message))",
                    count: unparsedStatements))
        }
        if let first = firstUnreadablePlan {
            out.append(
                WorkloadDiagnostic(
                    location: "\(source):\(first.line)", message: "logged plan not readable (\(first.message))",
                    count: unreadablePlans))
        }
        if droppedTraceEvents > 0 {
            out.append(
                WorkloadDiagnostic(
                    location: source,
                    message:
                        "session traces stop after \(maxTraceEvents) events; \(droppedTraceEvents) later executions "
                        + "are counted but not traced, so N+1 evidence is truncated",
                    count: droppedTraceEvents))
        }
        let built = groups.values.sorted { $0.firstLine < $1.firstLine }.map { g in
            QueryGroup(
                fingerprint: g.fingerprint, sampleText: g.sampleText, calls: g.calls, totalTimeMs: g.totalTimeMs,
                minTimeMs: g.minTimeMs, maxTimeMs: g.maxTimeMs, rows: g.rows, database: g.database,
                origins: ["\(source):\(g.firstLine)"], loggedPlan: g.plan, counters: g.counters)
        }
        return Workload(groups: built, sessions: traces, sources: [source], diagnostics: out).sorted()
    }

    private mutating func trace(_ session: String, _ event: SessionEvent) {
        guard traceEvents < maxTraceEvents else {
            droppedTraceEvents += 1
            return
        }
        traceEvents += 1
        if let index = traceIndex[session] {
            traces[index].events.append(event)
        } else {
            traceIndex[session] = traces.count
            traces.append(SessionTrace(session: session, events: [event]))
        }
    }
}
