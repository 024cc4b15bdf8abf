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
        /// Time and lock time in whole nanoseconds: integer sums are exact, so figures added up in
        /// parts (chunks of a log on worker threads) and merged equal the sum in log order.
        var totalNs: Int64 = 0
        var lockNs: Int64?
        var minTimeMs: Double?
        var maxTimeMs: Double?
        var database: String?
        /// Where in the log the execution that gave `database` was recorded (PostgreSQL logs: see
        /// `add(…databaseAt:)`); `.max` where executions arrive in log order.
        var databaseAt = Int64.max
        /// The group's first execution with a database took the one of the stretch before this
        /// builder's (see `record(…inheritsDatabase:)`); `merge` resolves it.
        var databaseInherited = false
        var rows: Int64?
        /// Without `lockTimeMs`, which `lockNs` sums.
        var counters: ExecutionCounters?
        var plan: KeptPlan?
        var planDurationMs = -1.0
        var distribution: TimeDistribution?
        /// Log readers: the group's literal texts (`QueryGroup.otherSamples`).
        var samples = LiteralSample()
    }

    /// A group's plan as the log gave it. MariaDB's `# explain:` lines are only checked as they are
    /// read (`MariaDBExplainLines.problem`), and built into a plan by `build()`: a slower execution
    /// overtakes most kept plans, and each chunk of a log read in parallel keeps its own first.
    enum KeptPlan {
        case plan(Plan)
        /// The lines joined by `\n`, checked.
        case mariadbExplain([UInt8])

        var built: Plan? {
            switch self {
            case .plan(let plan): plan
            // Checked when kept: cannot fail.
            case .mariadbExplain(let text): try? MariaDBExplainLines.plan(joined: text)
            }
        }
    }

    /// A logged plan that did not parse, kept by a partial builder for `merge`, which counts it
    /// only if the merged group's plan so far would have let it be tried.
    private struct PlanFailure {
        var group: Int
        var durationMs: Double
        var line: Int
        var message: String
    }

    private let source: String
    private let maxTraceEvents: Int
    private var cache: FingerprintCache
    /// Groups in first-seen order; `groupIndex` finds one by fingerprint id.
    private var groups: [GroupAccumulator] = []
    private var groupIndex: [String: Int] = [:]
    /// Group index by the fingerprint cache's entry number (-1: not seen), for partial builders,
    /// which one cache at a time feeds (`forgetNumbering()` when another takes over); a builder fed
    /// by several workers' caches, whose numbers mean different groups, finds groups by id.
    private var groupOfNumber: [Int32] = []
    private var usesNumbers = false
    /// A part's groups start with these plan durations (see `planDurations`).
    private var planFloors: [String: Double] = [:]
    private var hasPlans = false
    /// Partial builders keep their plan failures for `merge` (see `PlanFailure`).
    private var keepsPlanFailures = false
    private var planFailures: [PlanFailure] = []
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
    }
    /// With loop detection: role by group index, once worked out (inner `nil`: the sample did not
    /// parse, which breaks a loop). Beside `loops`, not in it: reading it through the optional
    /// copied the whole tracker per statement.
    private var roles: [StatementRole??] = []
    /// The shapes `loopRole` worked out, by the sample text they are of.
    private(set) var shapes: [String: QueryShape] = [:]

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

    /// `record(sql:…)` for a statement already fingerprinted (off this thread, by a worker's cache).
    /// `inheritsDatabase`: the execution's database is the one in effect before this builder's part
    /// of the log, unknown to it (`database` is then ignored; `merge` fills it in).
    @discardableResult
    mutating func record(
        fingerprinted entry: FingerprintCache.Entry, text: () -> String, parameters: String? = nil,
        durationMs: Double?, time: Double?, session: String?, database: String?, inheritsDatabase: Bool = false,
        line: Int, rows: Int64? = nil, counters: ExecutionCounters? = nil
    ) -> String {
        let index = group(of: entry, text: text, parameters: parameters, line: line)
        add(
            to: index, durationMs: durationMs, database: database, inheritsDatabase: inheritsDatabase, rows: rows,
            counters: counters)
        let id = groups[index].fingerprint.id
        if let session {
            follow(session, SessionEvent(fingerprintID: id, time: time, durationMs: durationMs ?? 0, rows: rows), index)
        }
        return id
    }

    /// The index of `entry`'s group, created (its sample from `text`) on first sight; an earlier line
    /// makes the sample.
    mutating func group(
        of entry: FingerprintCache.Entry, text: () -> String, parameters: String? = nil, line: Int
    ) -> Int {
        if let message = entry.parseError { countUnparsed(line: line, message) }
        if let known = group(numbered: entry.number) {
            takeSample(known, line: line, fingerprint: entry.fingerprint, text: text, parameters: parameters)
            return known
        }
        return group(of: entry.fingerprint, number: entry.number, text: text, parameters: parameters, line: line)
    }

    /// `group(of:text:parameters:line:)` for the entry `cache` found last, not copied out of it
    /// unless its group is new.
    mutating func group(of hit: FingerprintCache.Hit, in cache: FingerprintCache, text: () -> String, line: Int) -> Int
    {
        if hit.failed, let message = cache.entry(hit).parseError { countUnparsed(line: line, message) }
        if let known = group(numbered: hit.number) {
            takeSample(known, line: line, fingerprint: cache.entry(hit).fingerprint, text: text, parameters: nil)
            return known
        }
        return group(of: cache.entry(hit).fingerprint, number: hit.number, text: text, parameters: nil, line: line)
    }

    private mutating func countUnparsed(line: Int, _ message: String) {
        unparsedStatements += 1
        if firstUnparsedStatement == nil || line < firstUnparsedStatement!.line {
            firstUnparsedStatement = (line, message)
        }
    }

    private static func sample(_ text: () -> String, _ parameters: String?) -> String {
        guard let parameters else { return text() }
        return ParameterSubstitution.substitute(parameters, into: text())
    }

    /// The group of the cache entry numbered `number` when this builder knows it. (Inlined: called
    /// on itself from a mutating method, the builder was copied for it, a memcpy per statement.)
    @inline(__always)
    private func group(numbered number: Int32) -> Int? {
        guard usesNumbers, number >= 0, number < groupOfNumber.count, groupOfNumber[Int(number)] >= 0 else {
            return nil
        }
        return Int(groupOfNumber[Int(number)])
    }

    /// An execution at `line`, earlier than the group's first one so far (executions are recorded
    /// when paired, not always in line order), makes the group's sample, and its normalized text
    /// with it: statements of one fingerprint can normalize differently (`IN ($1, $2)` and
    /// `IN ($1, $2, $3)`), and the normalized text beside the sample must be the sample's.
    private mutating func takeSample(
        _ index: Int, line: Int, fingerprint: @autoclosure () -> Fingerprint, text: () -> String,
        parameters: String?
    ) {
        guard line < groups[index].firstLine else { return }
        groups[index].firstLine = line
        groups[index].sampleText = Self.sample(text, parameters)
        groups[index].fingerprint = fingerprint()
    }

    /// The group of `fingerprint`, created on first sight, and known by `number` from then on.
    private mutating func group(
        of fingerprint: Fingerprint, number entryNumber: Int32, text: () -> String, parameters: String?, line: Int
    ) -> Int {
        let number = usesNumbers ? Int(entryNumber) : -1
        let id = fingerprint.id
        let index: Int
        if let known = groupIndex[id] {
            index = known
            takeSample(index, line: line, fingerprint: fingerprint, text: text, parameters: parameters)
        } else {
            index = groups.count
            groupIndex[id] = index
            var group = GroupAccumulator(
                fingerprint: fingerprint, sampleText: Self.sample(text, parameters), firstLine: line)
            if let floor = planFloors[id] { group.planDurationMs = floor }
            groups.append(group)
        }
        if number >= 0 {
            if number >= groupOfNumber.count {
                groupOfNumber.append(contentsOf: repeatElement(-1, count: number + 1 - groupOfNumber.count))
            }
            groupOfNumber[number] = Int32(index)
        }
        return index
    }

    /// Adds one execution's figures to group `index`. `databaseAt` is where the execution was
    /// recorded in the log when executions do not arrive in log order (the PostgreSQL reader pairs
    /// some events of a chunk after the chunk's others): the earliest one's database is kept.
    mutating func add(
        to index: Int, durationMs: Double?, database: String?, inheritsDatabase: Bool = false, rows: Int64?,
        counters: ExecutionCounters?, databaseAt: Int64 = .max
    ) {
        groups.withUnsafeMutableBufferPointer { all in
            let g = all.baseAddress! + index
            g.pointee.calls += 1
            if let durationMs {
                g.pointee.totalNs &+= Self.nanoseconds(durationMs)
                g.pointee.minTimeMs = min(g.pointee.minTimeMs ?? durationMs, durationMs)
                g.pointee.maxTimeMs = max(g.pointee.maxTimeMs ?? durationMs, durationMs)
                if g.pointee.distribution == nil { g.pointee.distribution = TimeDistribution() }
                g.pointee.distribution!.record(ms: durationMs)
            }
            if g.pointee.database == nil {
                if inheritsDatabase {
                    g.pointee.databaseInherited = true
                } else if let database {
                    g.pointee.database = database
                    g.pointee.databaseAt = databaseAt
                }
            } else if let database, databaseAt < g.pointee.databaseAt {
                g.pointee.database = database
                g.pointee.databaseAt = databaseAt
            }
            if let rows { g.pointee.rows = (g.pointee.rows ?? 0) + rows }
            if let counters {
                if let lock = counters.lockTimeMs {
                    g.pointee.lockNs = (g.pointee.lockNs ?? 0) &+ Self.nanoseconds(lock)
                }
                if g.pointee.counters == nil {
                    g.pointee.counters = counters
                } else {
                    g.pointee.counters!.add(counters)
                }
                // Summed in whole nanoseconds above.
                g.pointee.counters!.lockTimeMs = nil
            }
        }
    }

    /// One paired PostgreSQL execution at `position` in the log: its group (made on first sight),
    /// its literal sample and its figures; returns the group's index. Sessions are the caller's.
    mutating func recordExecution(
        _ fingerprint: FingerprintCache.Entry, text: String, parameters: String?, durationMs: Double?,
        database: String?, line: Int, position: Int64
    ) -> Int {
        let index = group(of: fingerprint, text: { text }, parameters: parameters, line: line)
        offerSample(group: index, hash: LiteralSample.hash(text, parameters: parameters)) {
            parameters.map { .substituted(sql: text, parameters: $0) } ?? .string(text)
        }
        add(to: index, durationMs: durationMs, database: database, rows: nil, counters: nil, databaseAt: position)
        return index
    }

    /// Offers `sql`, a statement of the group `fingerprintID` (as `record` returned it), to that
    /// group's sample of literal texts: for sources that keep every statement as written.
    mutating func offerSample(_ sql: String, of fingerprintID: String) {
        guard let index = groupIndex[fingerprintID] else { return }
        offerSample(group: index, hash: LiteralSample.hash(sql, parameters: nil)) { .string(sql) }
    }

    /// Offers one statement of group `index`, whose text hashes to `hash` (`LiteralSample.hash`),
    /// to the group's sample of literal texts; `text` is asked for only when it is kept.
    @inline(__always)
    mutating func offerSample(group index: Int, hash: UInt64, text: () -> LiteralSample.Text) {
        groups[index].samples.offer(hash: hash, text: text)
    }

    /// Copies the sampled texts still kept as places in `buffer` (`LiteralSample.Text.bytes`).
    mutating func materializeSamples(_ buffer: UnsafeBufferPointer<UInt8>) {
        for index in groups.indices { groups[index].samples.materialize(buffer) }
    }

    /// Milliseconds as whole nanoseconds (logs print at most microseconds, so nothing is lost),
    /// rounded half away from zero as `rounded()` rounds, without its call into libm (twice an
    /// entry): the part below the truncated whole is exact (less than one, of a number below 2^53;
    /// above that every double is whole).
    static func nanoseconds(_ ms: Double) -> Int64 {
        let ns = ms * 1_000_000
        // Garbage such as `Query_time: 1e400` must not trap.
        guard ns.isFinite && abs(ns) < 9e18 else { return 0 }
        let whole = Int64(ns)
        let part = ns - Double(whole)
        return part >= 0.5 ? whole + 1 : part <= -0.5 ? whole - 1 : whole
    }

    /// The next statement of `session` for N+1 detection (or its trace), in log order.
    mutating func follow(_ session: String, _ event: SessionEvent, _ index: Int) {
        guard loops != nil else { return trace(session, event) }
        follow(
            group: index, sessionNumber: sessionNumber(session), name: { session }, time: event.time,
            durationMs: event.durationMs, rows: event.rows)
    }

    /// The next statement of `session`, of group `index`, for N+1 detection (or its trace).
    mutating func follow(group index: Int, session: String, time: Double?, durationMs: Double, rows: Int64?) {
        guard loops != nil else {
            return trace(
                session,
                SessionEvent(
                    fingerprintID: groups[index].fingerprint.id, time: time, durationMs: durationMs, rows: rows))
        }
        follow(
            group: index, sessionNumber: sessionNumber(session), name: { session }, time: time, durationMs: durationMs,
            rows: rows)
    }

    /// The number N+1 detection knows the session named `session` by (`QueryLoopDetector.number(ofSession:)`).
    /// Only while `detectsLoops`.
    mutating func sessionNumber(_ session: String) -> Int {
        loops!.detector.number(ofSession: session)
    }

    /// The next statement of the session numbered `sessionNumber` (one number per session: the
    /// reader's own, ≥ 0, or `sessionNumber(_:)`'s; `name` names it), of group `index`, for N+1
    /// detection: no text is made or hashed per statement. Only while `detectsLoops`.
    mutating func follow(
        group index: Int, sessionNumber: Int, name: () -> String, time: Double?, durationMs: Double, rows: Int64?
    ) {
        let role = loopRole(group: index)
        loops!.detector.consume(
            QueryLoopDetector.Step(statement: index, time: time, durationMs: durationMs, rows: rows), role: role,
            session: sessionNumber, name: name)
    }

    /// Whether statements go to N+1 detection (else, if sessions are followed, to traces).
    var detectsLoops: Bool { loops != nil }

    /// Whether statements' sessions are wanted at all (N+1 detection or traces).
    var followsSessions: Bool { loops != nil || maxTraceEvents > 0 }

    /// An empty builder for adding up one part of a log apart (on a worker thread), statements from
    /// `source`: no sessions, its plan failures kept for `merge`.
    /// `planFloors`: the duration of each group's plan in the log before the part (`planDurations`),
    /// below which no plan of the part needs parsing.
    static func part(source: String, planFloors: [String: Double] = [:]) -> WorkloadBuilder {
        // Its own cache stays unused: parts are fed entries fingerprinted by their reader's cache.
        var part = WorkloadBuilder(
            source: source, maxTraceEvents: 0, keyPolicy: .exactText, fingerprinter: Self.mysqlFingerprint)
        part.keepsPlanFailures = true
        part.usesNumbers = true
        part.planFloors = planFloors
        return part
    }

    /// The execution time of each group's kept plan, by fingerprint id (no plan, no entry).
    ///
    /// A part of the log after what this builder holds parses a plan only when it beats this: the
    /// merged plan can only be slower, so a parse below it would be dropped (or, failing, not
    /// counted) by `merge` anyway. Without it every part parses its groups' plans afresh.
    var planDurations: [String: Double] {
        guard hasPlans else { return [:] }
        var out: [String: Double] = [:]
        // By index: a for-in over `groups` copied each group, retaining and releasing all it holds.
        for i in groups.indices where groups[i].plan != nil { out[groups[i].fingerprint.id] = groups[i].planDurationMs }
        return out
    }

    /// The index of the group `fingerprintID`, if it has one.
    func groupIndex(of fingerprintID: String) -> Int? { groupIndex[fingerprintID] }

    /// The fingerprint cache feeding this builder changed: its entry numbers mean other groups now.
    mutating func forgetNumbering() {
        groupOfNumber = []
    }

    /// Adds `part` (the next stretch of the log, in order, from `part(source:planFloors:)`) to this builder;
    /// `databaseBefore` is the database in effect where that stretch starts. Returns the index here
    /// of each of `part`'s groups, for `follow(group:…)`. The result equals recording the stretch's
    /// executions here one by one. `sampleBytes` is the buffer `part`'s reader kept sampled
    /// statements in as places (`materializeSamples`), still valid.
    mutating func merge(
        _ part: WorkloadBuilder, databaseBefore: String?, sampleBytes: UnsafeBufferPointer<UInt8>? = nil
    ) -> [Int] {
        // In place: a copy of the group would share its sample's arrays, which its merge would then copy.
        func add(_ p: GroupAccumulator, to g: inout GroupAccumulator) {
            g.calls += p.calls
            g.totalNs &+= p.totalNs
            if let lock = p.lockNs { g.lockNs = (g.lockNs ?? 0) &+ lock }
            if let low = p.minTimeMs { g.minTimeMs = min(g.minTimeMs ?? low, low) }
            if let high = p.maxTimeMs { g.maxTimeMs = max(g.maxTimeMs ?? high, high) }
            if let d = p.distribution {
                if g.distribution == nil { g.distribution = d } else { g.distribution!.merge(d) }
            }
            if g.database == nil {
                g.database = p.databaseInherited && databaseBefore != nil ? databaseBefore : p.database
                g.databaseAt = p.databaseAt
            } else if p.database != nil, p.databaseAt < g.databaseAt {
                g.database = p.database
                g.databaseAt = p.databaseAt
            }
            if let rows = p.rows { g.rows = (g.rows ?? 0) + rows }
            if let c = p.counters {
                if g.counters == nil { g.counters = c } else { g.counters!.add(c) }
            }
            g.samples.merge(p.samples, buffer: sampleBytes)
        }
        var map: [Int] = []
        map.reserveCapacity(part.groups.count)
        // The part's groups by place, not by a for-in: that copied each, retaining all it holds.
        part.groups.withUnsafeBufferPointer { parts in
            for k in parts.indices {
                let index: Int
                if let known = groupIndex[parts[k].fingerprint.id] {
                    index = known
                    takeSample(
                        index, line: parts[k].firstLine, fingerprint: parts[k].fingerprint,
                        text: { parts[k].sampleText }, parameters: nil)
                } else {
                    index = groups.count
                    groupIndex[parts[k].fingerprint.id] = index
                    groups.append(
                        GroupAccumulator(
                            fingerprint: parts[k].fingerprint, sampleText: parts[k].sampleText,
                            firstLine: parts[k].firstLine))
                }
                map.append(index)
                groups.withUnsafeMutableBufferPointer { all in add(parts[k], to: &all[index]) }
            }
        }
        // A failure counts where the merged plan so far would not have stopped its parse: it was
        // tried in its part, so it beat that part's earlier plans; it must beat the ones before too.
        for failure in part.planFailures where failure.durationMs > groups[map[failure.group]].planDurationMs {
            unreadablePlans += 1
            if firstUnreadablePlan == nil { firstUnreadablePlan = (failure.line, failure.message) }
        }
        for k in part.groups.indices
        where part.groups[k].plan != nil && part.groups[k].planDurationMs > groups[map[k]].planDurationMs {
            groups[map[k]].plan = part.groups[k].plan
            groups[map[k]].planDurationMs = part.groups[k].planDurationMs
            hasPlans = true
        }
        unparsedStatements += part.unparsedStatements
        if let first = part.firstUnparsedStatement,
            firstUnparsedStatement == nil || first.line < firstUnparsedStatement!.line
        {
            firstUnparsedStatement = first
        }
        return map
    }

    /// The N+1 role of group `index`'s statements, worked out from its sample the first time.
    private mutating func loopRole(group index: Int) -> StatementRole? {
        if index < roles.count, let known = roles[index] { return known }
        while roles.count <= index { roles.append(nil) }
        let shape: QueryShape?
        do {
            shape = try loops!.dialect.shape(of: groups[index].sampleText)
        } catch {
            shape = nil
        }
        if let shape { shapes[groups[index].sampleText] = shape }
        let role = StatementRole(shape)
        roles[index] = .some(role)
        return role
    }

    /// Keeps the auto_explain plan of the slowest logged execution of the group `fingerprintID`.
    mutating func attachPlan(json: String, durationMs: Double, to fingerprintID: String, line: Int) {
        guard let index = groupIndex[fingerprintID], durationMs > groups[index].planDurationMs else { return }
        do {
            groups[index].plan = .plan(try PlanParser.parse(json: json, engine: .postgres))
            groups[index].planDurationMs = durationMs
            hasPlans = true
        } catch {
            planFailed(group: index, durationMs: durationMs, line: line, error.description)
        }
    }

    /// Keeps a plan parsed elsewhere (a PostgreSQL chunk's, on its worker) as the plan of the group
    /// at `index` when this execution is its slowest so far; `parse` runs only then.
    mutating func attachPlan(
        durationMs: Double, toGroup index: Int, line: Int, parse: () throws(PlanParseError) -> Plan
    ) {
        guard durationMs > groups[index].planDurationMs else { return }
        do {
            groups[index].plan = .plan(try parse())
            groups[index].planDurationMs = durationMs
            hasPlans = true
        } catch {
            planFailed(group: index, durationMs: durationMs, line: line, error.description)
        }
    }

    /// Keeps MariaDB's `# explain:` lines (joined by `\n`) as the plan of the group at `index` when
    /// this execution is its slowest so far; the plan is built only if no slower one replaces it.
    mutating func attachExplain(_ text: [UInt8], durationMs: Double, toGroup index: Int, line: Int) {
        guard durationMs > groups[index].planDurationMs else { return }
        if let problem = MariaDBExplainLines.problem(joined: text) {
            planFailed(group: index, durationMs: durationMs, line: line, problem.description)
            return
        }
        groups[index].plan = .mariadbExplain(text)
        groups[index].planDurationMs = durationMs
        hasPlans = true
    }

    private mutating func planFailed(group: Int, durationMs: Double, line: Int, _ message: String) {
        unreadablePlans += 1
        if firstUnreadablePlan == nil { firstUnreadablePlan = (line, message) }
        if keepsPlanFailures {
            planFailures.append(PlanFailure(group: group, durationMs: durationMs, line: line, message: message))
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
        // On every core: building the kept MariaDB plans (~50k instructions each) and the samples'
        // texts was ~8 ms on one thread at the end of a 100 MB log.
        let source = self.source
        let built = Parallel.map(groups.sorted { $0.firstLine < $1.firstLine }, minimumSlice: 32) { slice in
            slice.map { g in Self.queryGroup(g, source: source) }
        }
        var streamed = StreamedLoops()
        if var tracker = loops {
            tracker.detector.finish()
            let traced = roles.indices.filter { roles[$0] != nil }.map { groups[$0].fingerprint.id }
            let loops = tracker.detector.loops { groups[$0].fingerprint.id }
            streamed = StreamedLoops(loops: loops, tracedFingerprints: Set(traced))
        }
        return Workload(groups: built, sessions: traces, sources: [source], diagnostics: out, streamedLoops: streamed)
            .sorted()
    }

    /// The query group of what `g` added up.
    private static func queryGroup(_ g: GroupAccumulator, source: String) -> QueryGroup {
        var counters = g.counters
        if let lock = g.lockNs { counters?.lockTimeMs = Double(lock) / 1_000_000 }
        var group = QueryGroup(
            fingerprint: g.fingerprint, sampleText: g.sampleText, calls: g.calls,
            totalTimeMs: Double(g.totalNs) / 1_000_000, minTimeMs: g.minTimeMs, maxTimeMs: g.maxTimeMs,
            rows: g.rows, database: g.database, origins: ["\(source):\(g.firstLine)"], loggedPlan: g.plan?.built,
            counters: counters, timeDistribution: g.distribution)
        group.otherSamples = g.samples.others(than: g.sampleText)
        group.sampledStatements = g.samples.seen
        return group
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
