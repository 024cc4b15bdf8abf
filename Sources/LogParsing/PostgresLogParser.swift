import AdvisorCore

/// Reads a PostgreSQL server log (stderr, csvlog or jsonlog, detected from its first lines) into a
/// `Workload`, one line at a time.
public struct PostgresLogParser: LogParser {
    /// Lines looked at before deciding the format and (stderr) the prefix.
    static let detectionLines = 200

    private let source: String
    private let givenPrefix: LogLinePrefix?
    private var builder: WorkloadBuilder
    private var interpreter = PostgresEntryInterpreter()
    private var unparsed = UnparsedLines()
    private var reader: (any PostgresEntryReader)?
    private var held: [(bytes: [UInt8], number: Int)] = []
    /// Events completed by the last line, reused so reading allocates no queue per line.
    private var events: [PostgresLogEntry] = []
    private var stage: FingerprintStage<PostgresLogEntry>
    /// The format in use, once detected.
    public private(set) var format: LogFormat?
    /// For stderr logs: the prefix in use (given or detected); nil when the generic split is used.
    public private(set) var prefix: LogLinePrefix?

    /// A parser for `source` (the name origins use); `logLinePrefix` skips prefix detection.
    /// `threads` > 1 fingerprints on that many worker threads (same result, see `FingerprintStage`).
    /// With `loopDetection`, N+1 loops are found as the log streams by and no trace is kept.
    public init(
        source: String, logLinePrefix: String? = nil, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        threads: Int = WorkloadReader.defaultThreads, loopDetection: LoopDetection? = nil
    ) {
        self.init(
            source: source, logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads,
            batchItems: FingerprintStage<PostgresLogEntry>.defaultBatchItems, loopDetection: loopDetection)
    }

    /// The parser with fingerprint batches of `batchItems` events.
    init(
        source: String, logLinePrefix: String?, maxTraceEvents: Int, threads: Int, batchItems: Int,
        loopDetection: LoopDetection? = nil
    ) {
        self.source = source
        givenPrefix = logLinePrefix.map(LogLinePrefix.init)
        let builder = WorkloadBuilder(
            source: source, maxTraceEvents: maxTraceEvents, keyPolicy: .postgresLiterals,
            fingerprinter: WorkloadBuilder.postgresFingerprint, loopDetection: loopDetection, dialect: .postgres)
        self.builder = builder
        stage = FingerprintStage(
            threads: threads, batchItems: batchItems, makeCache: builder.makeCache, prepare: PostgresLogEntry.prepare)
    }

    /// Reads one line of the log.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if reader == nil {
            held.append((Array(line), number))
            if held.count >= Self.detectionLines { decide() }
            return
        }
        feedReader(line, number)
    }

    /// Adds a diagnostic from the line source (truncated gzip, overlong lines).
    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        builder.addDiagnostic(diagnostic)
    }

    /// The workload read so far, with everything pending flushed.
    mutating func finish() -> Workload {
        if reader == nil { decide() }
        reader?.finish(unparsed: &unparsed, events: &events)
        drain()
        for batch in stage.finish() { apply(batch) }
        interpreter.finishAll(into: &builder)
        if let diagnostic = unparsed.diagnostic(source: source, expected: expectedText) {
            builder.addDiagnostic(diagnostic)
        }
        return builder.build()
    }

    /// What the log was read as, for `Workload.sources`.
    public var formatDescription: String {
        guard let format else { return "empty log" }
        guard format == .postgresStderr else { return format.description }
        return prefix.map { "\(format), log_line_prefix '\($0.setting)'" } ?? "\(format), prefix not recognised"
    }

    private var expectedText: String {
        switch format {
        case .postgresCSV: "csvlog records"
        case .postgresJSON: "jsonlog objects"
        default: prefix.map { "log lines with prefix '\($0.setting)'" } ?? "PostgreSQL log lines"
        }
    }

    private mutating func decide() {
        let first = held.first { line in line.bytes.contains { $0 > 0x20 } }
        guard let first else {
            // Nothing but blank lines so far: an empty workload, not a format.
            held = []
            reader = StderrEntryReader(matcher: .generic)
            return
        }
        let detected = first.bytes.withUnsafeBufferPointer { LogFormat.detectPostgres($0) }
        format = detected
        switch detected {
        case .postgresCSV: reader = CSVEntryReader()
        case .postgresJSON: reader = JSONEntryReader()
        // detectPostgres answers PostgreSQL formats only; a slow log never reaches this parser's decision.
        case .postgresStderr, .mysqlSlow:
            let matcher = givenPrefix.map(PrefixMatcher.pattern) ?? PrefixMatcher.detect(held.map(\.bytes))
            if case .pattern(let p) = matcher { prefix = p }
            reader = StderrEntryReader(matcher: matcher)
        }
        let lines = held
        held = []
        for line in lines { line.bytes.withUnsafeBufferPointer { feedReader($0, line.number) } }
    }

    private mutating func feedReader(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) {
        reader!.feed(line, number: number, unparsed: &unparsed, events: &events)
        drain()
    }

    private mutating func drain() {
        guard !events.isEmpty else { return }
        for entry in events {
            for batch in stage.add(entry, bytes: entry.message.count) { apply(batch) }
        }
        events.removeAll(keepingCapacity: true)
    }

    /// Pairs and records fingerprinted events, in log order.
    private mutating func apply(_ batch: [PostgresLogEntry]) {
        for entry in batch { interpreter.consume(entry, into: &builder) }
    }
}
