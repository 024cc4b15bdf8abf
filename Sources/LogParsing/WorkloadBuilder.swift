import AdvisorCore
import PlanParsing
import SQLParsing

/// Accumulates logged statement executions into a `Workload`: groups by fingerprint, per-session
/// traces in order (or, with `LoopDetection`, the N+1 loops found in them as they stream by), and
/// diagnostics for what could not be used. Pure: no I/O.
public struct WorkloadBuilder {
    /// Session traces stop growing after this many events in total (memory stays bounded); 0 keeps none.
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
        var distribution: TimeDistribution?
    }

    private let source: String
    private let maxTraceEvents: Int
    private var cache: FingerprintCache
    /// Groups in first-seen order; `groupIndex` finds one by fingerprint id.
    private var groups: [GroupAccumulator] = []
    private var groupIndex: [String: Int] = [:]
    private var traces: [SessionTrace] = []
    private var traceIndex: [String: Int] = [:]
    private var traceEvents = 0
    private var droppedTraceEvents = 0
    private var unparsedStatements = 0
    private var firstUnparsedStatement: (line: Int, message: String)?
    private var unreadablePlans = 0
    private var firstUnreadablePlan: (line: Int, message: String)?
    private var diagnostics: [WorkloadDiagnostic] = []
    /// With loop detection: the detector fed as statements arrive, instead of `traces`.
    private var loops: LoopTracker?

    /// Streaming N+1 detection: each statement's role comes from its group's sample, parsed once.
    private struct LoopTracker {
        var detector: QueryLoopDetector
        let dialect: SQLDialect
        /// Role by group index, once worked out (inner `nil`: the sample did not parse, which
        /// breaks a loop).
        var roles: [StatementRole??] = []
    }

    /// A builder for statements from `source` (the file name used in origins, like `postgresql.log`).
    public init(
        source: String, maxTraceEvents: Int = defaultMaxTraceEvents,
        fingerprinter: @escaping (String) throws(SQLParseErrorBox) -> Fingerprint = WorkloadBuilder.postgresFingerprint
    ) {
        self.init(source: source, maxTraceEvents: maxTraceEvents, keyPolicy: .exactText, fingerprinter: fingerprinter)
    }

    /// A builder whose fingerprint cache shares entries between statements as `keyPolicy` allows.
    /// With `loopDetection`, sessions are scanned for N+1 loops as statements arrive (their roles
    /// from `dialect`'s shapes) and no trace is kept, so memory does not grow with the log.
    init(
        source: String, maxTraceEvents: Int, keyPolicy: FingerprintCache.KeyPolicy,
        fingerprinter: @escaping (String) throws(SQLParseErrorBox) -> Fingerprint,
        loopDetection: LoopDetection? = nil, dialect: SQLDialect = .postgres
    ) {
        self.source = source
        self.maxTraceEvents = maxTraceEvents
        cache = FingerprintCache(policy: keyPolicy, fingerprinter: fingerprinter)
        loops = loopDetection.map {
            LoopTracker(detector: QueryLoopDetector(minRepeats: $0.minRepeats, maxGapMs: $0.maxGapMs), dialect: dialect)
        }
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

    /// A fingerprint cache like this builder's, for fingerprinting on another thread.
    func makeCache() -> FingerprintCache { cache.emptyCopy() }

    /// Records one execution and returns its group's fingerprint id. `durationMs == nil` means the
    /// source did not time it (counted, 0 ms). `parameters` is a `$1 = '…'` list substituted into the
    /// sample text when this becomes the sample; `rows` (returned or affected) and `counters` are
    /// summed per group where the source records them.
    @discardableResult
    public mutating func record(
        sql: String, parameters: String? = nil, durationMs: Double?, time: Double?, session: String?,
        database: String?, line: Int, rows: Int64? = nil, counters: ExecutionCounters? = nil
    ) -> String {
        var copy = sql
        return copy.withUTF8 { bytes in
            record(
                statement: bytes, text: { sql }, parameters: parameters, durationMs: durationMs, time: time,
                session: session, database: database, line: line, rows: rows, counters: counters)
        }
    }

    /// `record(sql:…)` for a statement still in the reader's buffer: `text` makes its `String` only
    /// when it must be fingerprinted or becomes its group's sample.
    @discardableResult
    mutating func record(
        statement: UnsafeBufferPointer<UInt8>, text: () -> String, parameters: String? = nil, durationMs: Double?,
        time: Double?, session: String?, database: String?, line: Int, rows: Int64? = nil,
        counters: ExecutionCounters? = nil
    ) -> String {
        record(
            fingerprinted: cache.entry(for: statement, text: text), text: text, parameters: parameters,
            durationMs: durationMs, time: time, session: session, database: database, line: line, rows: rows,
            counters: counters)
    }

    /// `record(sql:…)` for a statement already fingerprinted (off this thread, by `FingerprintStage`).
    @discardableResult
    mutating func record(
        fingerprinted entry: FingerprintCache.Entry, text: () -> String, parameters: String? = nil,
        durationMs: Double?, time: Double?, session: String?, database: String?, line: Int, rows: Int64? = nil,
        counters: ExecutionCounters? = nil
    ) -> String {
        let id = entry.fingerprint.id
        if let message = entry.parseError {
            unparsedStatements += 1
            if firstUnparsedStatement == nil || line < firstUnparsedStatement!.line {
                firstUnparsedStatement = (line, message)
            }
        }
        func sample() -> String {
            guard let parameters else { return text() }
            return ParameterSubstitution.substitute(parameters, into: text())
        }
        let index: Int
        if let known = groupIndex[id] {
            index = known
            if line < groups[index].firstLine {
                groups[index].firstLine = line
                groups[index].sampleText = sample()
            }
        } else {
            index = groups.count
            groupIndex[id] = index
            groups.append(GroupAccumulator(fingerprint: entry.fingerprint, sampleText: sample(), firstLine: line))
        }
        groups.withUnsafeMutableBufferPointer { all in
            let g = all.baseAddress! + index
            g.pointee.calls += 1
            if let durationMs {
                g.pointee.totalTimeMs += durationMs
                g.pointee.minTimeMs = min(g.pointee.minTimeMs ?? durationMs, durationMs)
                g.pointee.maxTimeMs = max(g.pointee.maxTimeMs ?? durationMs, durationMs)
                if g.pointee.distribution == nil { g.pointee.distribution = TimeDistribution() }
                g.pointee.distribution!.record(ms: durationMs)
            }
            if g.pointee.database == nil { g.pointee.database = database }
            if let rows { g.pointee.rows = (g.pointee.rows ?? 0) + rows }
            if let counters { g.pointee.counters = g.pointee.counters.map { $0.adding(counters) } ?? counters }
        }
        if let session {
            let event = SessionEvent(fingerprintID: id, time: time, durationMs: durationMs ?? 0, rows: rows)
            if loops != nil {
                let role = loopRole(of: id, group: index)
                loops!.detector.consume(event, role: role, session: session)
            } else {
                trace(session, event)
            }
        }
        return id
    }

    /// The N+1 role of group `index`'s statements, worked out from its sample the first time.
    private mutating func loopRole(of id: String, group index: Int) -> StatementRole? {
        if index < loops!.roles.count, let known = loops!.roles[index] { return known }
        while loops!.roles.count <= index { loops!.roles.append(nil) }
        let shape: QueryShape?
        do {
            shape = try loops!.dialect.shape(of: groups[index].sampleText)
        } catch {
            shape = nil
        }
        let role = StatementRole(shape)
        loops!.roles[index] = .some(role)
        return role
    }

    /// Keeps the auto_explain plan of the slowest logged execution of the group `fingerprintID`.
    mutating func attachPlan(json: String, durationMs: Double, to fingerprintID: String, line: Int) {
        guard let index = groupIndex[fingerprintID], durationMs > groups[index].planDurationMs else { return }
        do {
            groups[index].plan = try PlanParser.parse(json: json, engine: .postgres)
            groups[index].planDurationMs = durationMs
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
        guard let index = groupIndex[fingerprintID], durationMs > groups[index].planDurationMs else { return }
        do {
            groups[index].plan = try parse()
            groups[index].planDurationMs = durationMs
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
        // A cap of 0 means no trace was wanted (nothing reads them), not that some were lost.
        if droppedTraceEvents > 0 && maxTraceEvents > 0 {
            out.append(
                WorkloadDiagnostic(
                    location: source,
                    message:
                        "session traces stop after \(maxTraceEvents) events; \(droppedTraceEvents) later executions "
                        + "are counted but not traced, so N+1 evidence is truncated",
                    count: droppedTraceEvents))
        }
        let built = groups.sorted { $0.firstLine < $1.firstLine }.map { g in
            QueryGroup(
                fingerprint: g.fingerprint, sampleText: g.sampleText, calls: g.calls, totalTimeMs: g.totalTimeMs,
                minTimeMs: g.minTimeMs, maxTimeMs: g.maxTimeMs, rows: g.rows, database: g.database,
                origins: ["\(source):\(g.firstLine)"], loggedPlan: g.plan, counters: g.counters,
                timeDistribution: g.distribution)
        }
        var streamed = StreamedLoops()
        if var tracker = loops {
            tracker.detector.finish()
            let traced = tracker.roles.indices.filter { tracker.roles[$0] != nil }.map { groups[$0].fingerprint.id }
            streamed = StreamedLoops(loops: tracker.detector.loops, tracedFingerprints: Set(traced))
        }
        return Workload(groups: built, sessions: traces, sources: [source], diagnostics: out, streamedLoops: streamed)
            .sorted()
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
