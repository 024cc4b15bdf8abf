import AdvisorCore
import PlanParsing

/// Reads a MySQL, Percona Server or MariaDB slow log into a `Workload`, one line at a time.
///
/// An entry is its `#` header lines, optional `use db;` / `SET timestamp=N;` lines, and the
/// statement, which the server ends with `;`. A `#` line after a statement's closing `;` starts
/// the next entry (pt-query-digest splits on the same `;\n#`); inside an unfinished statement only
/// `# Time:`, `# User@Host:` and `# Query_time:` do, so statements with `#` lines stay whole.
/// Entries without `# Time:` or `use` inherit the time and database of the entry before them, as
/// the servers write those lines only when they change (pt-query-digest's `--inherit-attributes`).
public struct SlowLogParser: LogParser {
    private enum State {
        /// Before the first entry, or after a server banner.
        case idle
        /// In an entry's `#` / `use` / `SET timestamp` lines.
        case header
        /// In an entry's statement.
        case statement
    }

    private let source: String
    private var builder: WorkloadBuilder
    private var unparsed = UnparsedLines()
    private var state = State.idle
    private var entry: SlowLogEntry?
    private var lastTime: Double?
    private var lastDatabase: String?
    /// Server restarts seen: thread ids start again after one, so they key sessions apart.
    private var restarts = 0
    private var recordedSinceBanner = false
    private var entries = 0
    private var flavour = SlowLogFlavour.mysql
    private var incomplete = 0
    private var firstIncomplete: Int?
    private var cutStatements = 0
    private var firstCut: Int?
    private var stage: FingerprintStage<SlowLogExecution>

    /// A parser for `source` (the name origins use); statements are grouped by `fingerprinter`,
    /// pt-query-digest's fingerprint when nil.
    /// `threads` > 1 fingerprints on that many worker threads (same result, see `FingerprintStage`).
    /// With `loopDetection`, N+1 loops are found as the log streams by and no trace is kept.
    public init(
        source: String, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        fingerprinter: ((String) throws(SQLParseErrorBox) -> Fingerprint)? = nil,
        threads: Int = WorkloadReader.defaultThreads, loopDetection: LoopDetection? = nil
    ) {
        self.init(
            source: source, maxTraceEvents: maxTraceEvents, fingerprinter: fingerprinter, threads: threads,
            batchItems: FingerprintStage<SlowLogExecution>.defaultBatchItems, loopDetection: loopDetection)
    }

    /// The parser with fingerprint batches of `batchItems` entries.
    init(
        source: String, maxTraceEvents: Int, fingerprinter: ((String) throws(SQLParseErrorBox) -> Fingerprint)?,
        threads: Int, batchItems: Int, loopDetection: LoopDetection? = nil
    ) {
        self.source = source
        // Only pt-query-digest's fingerprint is known to ignore literal values, which lets statements
        // that differ only there share one cache entry.
        if let fingerprinter {
            builder = WorkloadBuilder(
                source: source, maxTraceEvents: maxTraceEvents, keyPolicy: .exactText, fingerprinter: fingerprinter,
                loopDetection: loopDetection, dialect: .mysql)
        } else {
            builder = WorkloadBuilder(
                source: source, maxTraceEvents: maxTraceEvents, keyPolicy: .mysqlLiterals,
                fingerprinter: WorkloadBuilder.mysqlFingerprint, loopDetection: loopDetection, dialect: .mysql)
        }
        let builder = self.builder
        stage = FingerprintStage(
            threads: threads, batchItems: batchItems, makeCache: builder.makeCache, prepare: SlowLogExecution.prepare)
    }

    /// What the log was read as, for `Workload.sources`.
    /// Always the slow log.
    public var format: LogFormat? { .mysqlSlow }

    public var formatDescription: String {
        entries == 0 ? "\(LogFormat.mysqlSlow), no entries" : "\(LogFormat.mysqlSlow), \(flavour)"
    }

    /// Reads one line of the log.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if line.first == 0x23 {
            feedComment(line, number)
            return
        }
        switch state {
        case .statement:
            if entry!.statementEnded, SlowLogHeader.isServerBanner(line) {
                finishEntry()
                banner(line)
            } else {
                entry!.appendStatement(line)
            }
        case .header:
            if isBlank(line) { return }
            if SlowLogHeader.isServerBanner(line) {
                finishEntry()
                banner(line)
            } else if !readPreamble(line) {
                entry!.appendStatement(line)
                state = .statement
            }
        case .idle:
            if isBlank(line) { return }
            if SlowLogHeader.isServerBanner(line) {
                banner(line)
            } else {
                unparsed.note(line, line: number)
            }
        }
    }

    /// Adds a diagnostic from the line source (truncated gzip, overlong lines).
    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        builder.addDiagnostic(diagnostic)
    }

    /// The workload read so far, with the last entry flushed.
    mutating func finish() -> Workload {
        finishEntry()
        for batch in stage.finish() { apply(batch) }
        if let diagnostic = unparsed.diagnostic(source: source, expected: "slow-log entries") {
            builder.addDiagnostic(diagnostic)
        }
        if let first = firstIncomplete {
            builder.addDiagnostic(
                WorkloadDiagnostic(
                    location: "\(source):\(first)",
                    message: "slow-log entry without a statement (cut short or followed directly by the next entry)",
                    count: incomplete))
        }
        if let first = firstCut {
            builder.addDiagnostic(
                WorkloadDiagnostic(
                    location: "\(source):\(first)",
                    message: "statements longer than \(SlowLogEntry.maxStatementBytes >> 20) MiB were cut",
                    count: cutStatements))
        }
        return builder.build()
    }

    private mutating func feedComment(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) {
        let kind = SlowLogHeader.kind(line)
        if state == .statement {
            let startsEntry =
                kind == .time || kind == .userHost || kind == .queryTime
                || (entry!.statementEnded && kind != .comment)
            guard startsEntry else {
                entry!.appendStatement(line)
                return
            }
            finishEntry()
        }
        if entries < 100 && flavour != .mariadb, let seen = SlowLogFlavour.evidence(in: line) {
            flavour = max(flavour, seen)
        }
        switch kind {
        case .time:
            if let e = entry, e.sawTime || e.sawUserHost || e.sawQueryTime { finishEntry() }
            begin(number)
            entry!.sawTime = true
            let (seconds, end) = SlowLogHeader.time(line)
            entry!.time = seconds
            if let at = SlowLogHeader.userHostOnTimeLine(line, after: end) {
                entry!.sawUserHost = true
                entry!.threadID = SlowLogHeader.connectionID(line, from: at)
            }
        case .userHost:
            // A repeated User@Host before any Query_time is the same entry (pt-query-digest keeps the first).
            if let e = entry, e.sawQueryTime { finishEntry() }
            begin(number)
            if entry!.sawUserHost { return }
            entry!.sawUserHost = true
            entry!.threadID = SlowLogHeader.connectionID(line, from: 1) ?? entry!.threadID
        case .queryTime:
            if let e = entry, e.sawQueryTime { finishEntry() }
            begin(number)
            entry!.readAttributes(line)
        case .attributes:
            begin(number)
            entry!.readAttributes(line)
        case .administratorCommand:
            begin(number)
            // `# administrator command: Quit;` stands where the statement goes; pt-query-digest
            // keeps it (without `# `) as the event's text.
            let start = SlowLogHeader.textStart(line)
            entry!.appendStatement(UnsafeBufferPointer(rebasing: line[start...]))
            entry!.isAdministratorCommand = true
            state = .statement
        case .explain:
            guard entry != nil else { return }
            var start = SlowLogHeader.textStart(line) + SlowLogHeader.explain.count
            if start < line.count, line[start] == 0x20 { start += 1 }
            entry!.appendExplain(UnsafeBufferPointer(rebasing: line[start...]))
        case .comment:
            // `# No InnoDB statistics available for this query`, a bare `#`: nothing to read.
            break
        }
    }

    /// Starts an entry at `number` unless one is open.
    private mutating func begin(_ number: Int) {
        if entry == nil {
            entry = SlowLogEntry(line: number)
            state = .header
        }
    }

    /// `use db;` and `SET timestamp=N;` (also `SET timestamp=N,insert_id=M;`, `SET insert_id=M;`)
    /// before the statement: the server writes them, case-sensitive, for the event itself.
    private mutating func readPreamble(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if SlowLogHeader.hasPrefix(b, 0, Self.use) {
            var end = b.count
            while end > 4, b[end - 1] == 0x20 || b[end - 1] == 0x3B { end -= 1 }
            var start = 4
            while start < end, b[start] == 0x20 { start += 1 }
            if end - start >= 2, b[start] == 0x60, b[end - 1] == 0x60 {
                start += 1
                end -= 1
            }
            guard end > start else { return false }
            entry!.useDatabase = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            return true
        }
        guard SlowLogHeader.hasPrefix(b, 0, Self.set) else { return false }
        if SlowLogHeader.hasPrefix(b, 4, Self.timestamp) {
            let from = 4 + Self.timestamp.count
            entry!.timestamp = SlowLogHeader.decimal(b, from..<b.count)
            return true
        }
        return SlowLogHeader.hasPrefix(b, 4, Self.insertID) || SlowLogHeader.hasPrefix(b, 4, Self.lastInsertID)
    }

    private mutating func banner(_ line: UnsafeBufferPointer<UInt8>) {
        if let seen = SlowLogFlavour.evidence(in: line) { flavour = max(flavour, seen) }
        if recordedSinceBanner {
            restarts += 1
            recordedSinceBanner = false
        }
        state = .idle
    }

    private mutating func finishEntry() {
        guard let e = entry else { return }
        entry = nil
        state = .idle
        entries += 1
        if e.statementCut {
            cutStatements += 1
            if firstCut == nil { firstCut = e.line }
        }
        let length = e.statementLength
        guard length > 0 else {
            incomplete += 1
            if firstIncomplete == nil { firstIncomplete = e.line }
            return
        }
        let time = e.time ?? e.timestamp ?? lastTime
        lastTime = time
        let database = e.useDatabase ?? e.schema ?? lastDatabase
        lastDatabase = database
        let session = e.threadID.map { restarts == 0 ? String($0) : "\($0)#\(restarts)" }
        let durationMs = e.queryTimeSeconds.map { $0 * 1000 }
        var rows: Int64?
        if e.rowsSent != nil || e.rowsAffected != nil { rows = (e.rowsSent ?? 0) + (e.rowsAffected ?? 0) }
        recordedSinceBanner = true
        // The entry's buffer goes as it is (trailing `;` included): cutting it would copy it.
        let execution = SlowLogExecution(
            buffer: e.statement, length: length, durationMs: durationMs, time: time, session: session,
            database: database, line: e.line, rows: rows, counters: e.counters, explain: e.explain)
        for batch in stage.add(execution, bytes: length) { apply(batch) }
    }

    /// Adds fingerprinted executions to the workload, in log order.
    private mutating func apply(_ batch: [SlowLogExecution]) {
        for execution in batch {
            let id = execution.withStatement { bytes in
                builder.record(
                    fingerprinted: execution.fingerprint!, text: { String(decoding: bytes, as: UTF8.self) },
                    durationMs: execution.durationMs, time: execution.time, session: execution.session,
                    database: execution.database, line: execution.line, rows: execution.rows,
                    counters: execution.counters)
            }
            if let explain = execution.explain {
                builder.attachPlan(durationMs: execution.durationMs ?? 0, to: id, line: execution.line) {
                    () throws(PlanParseError) in
                    try MariaDBExplainLines.plan(
                        explain.split(separator: 0x0A, omittingEmptySubsequences: false).map {
                            String(decoding: $0, as: UTF8.self)
                        })
                }
            }
        }
    }

    private func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c != 0x20 && c != 0x09 { return false }
        return true
    }

    private static let use = Array("use ".utf8)
    private static let set = Array("SET ".utf8)
    private static let timestamp = Array("timestamp=".utf8)
    private static let insertID = Array("insert_id=".utf8)
    private static let lastInsertID = Array("last_insert_id=".utf8)
}
