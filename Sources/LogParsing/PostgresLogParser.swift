import AdvisorCore
import PlanParsing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a PostgreSQL server log (stderr, csvlog or jsonlog, detected from its first lines) into a
/// `Workload`.
///
/// The reading thread only cuts the log into chunks of whole entries (`PostgresEntryBoundary`);
/// worker threads read the chunks (`PostgresChunk`: entries, pairing per connection,
/// fingerprints, groups) and the partial workloads are merged back in log order. Pairing crosses
/// the cuts: a chunk leaves each connection's events before its state is known to the merge, which
/// pairs them with what the chunks before left open, and takes the chunk's state from there on; the
/// statements for sessions and the logged plans are put back in log order. The result equals one
/// pass over the whole log, whatever the chunk size or number of threads.
public struct PostgresLogParser: LogParser {
    /// Lines looked at before deciding the format and (stderr) the prefix.
    static let detectionLines = 200
    /// Chunk bytes by default: large enough that handing one over and merging it cost little.
    static var defaultChunkBytes: Int { 2 << 20 }

    private let source: String
    private let givenPrefix: LogLinePrefix?
    private let threads: Int
    private let chunkBytes: Int
    private var builder: WorkloadBuilder
    private let followsSessions: Bool
    private var held: [(bytes: [UInt8], number: Int)] = []
    private var boundary: PostgresEntryBoundary?
    private var matcher = PrefixMatcher.generic
    /// The lines of the next chunk.
    private var pending: PendingChunk
    private var chunks = 0
    private var pipeline: OrderedBatchPipeline<PostgresChunk, FingerprintCache>?
    /// Fingerprints chunks read on this thread (all of them with one thread).
    private var localCache: FingerprintCache
    // What the log carries across chunks, settled in log order while merging.
    private var interpreter = PostgresEntryInterpreter()
    private var unparsed = UnparsedLines()
    /// stderr: disconnections by backend pid in the chunks merged so far.
    private var disconnections: [Int: Int] = [:]
    /// Statements and plans of the events paired while merging, in log order, until put in order
    /// with the chunk's own.
    private var mergedEvents: [(position: Int64, group: Int, session: String, time: Double?, durationMs: Double)] = []
    private var mergedPlans: [(position: Int64, fingerprintID: String, json: String, durationMs: Double, line: Int)] =
        []
    /// The format in use, once detected.
    public private(set) var format: LogFormat?
    /// For stderr logs: the prefix in use (given or detected); nil when the generic split is used.
    public private(set) var prefix: LogLinePrefix?

    /// A parser for `source` (the name origins use); `logLinePrefix` skips prefix detection.
    /// `threads` > 1 reads chunks on that many worker threads (same result).
    /// With `loopDetection`, N+1 loops are found as the log streams by and no trace is kept.
    public init(
        source: String, logLinePrefix: String? = nil, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        threads: Int = Parallel.defaultThreads, loopDetection: LoopDetection? = nil
    ) {
        self.init(
            source: source, logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads,
            chunkBytes: Self.defaultChunkBytes, loopDetection: loopDetection)
    }

    /// The parser with chunks of about `chunkBytes` (tests make them tiny to cut everywhere).
    init(
        source: String, logLinePrefix: String?, maxTraceEvents: Int, threads: Int, chunkBytes: Int,
        loopDetection: LoopDetection? = nil
    ) {
        self.source = source
        self.threads = max(1, threads)
        self.chunkBytes = max(1, chunkBytes)
        pending = PendingChunk(chunkBytes: self.chunkBytes)
        pending.threads = self.threads
        givenPrefix = logLinePrefix.map(LogLinePrefix.init)
        builder = WorkloadBuilder(
            source: source, maxTraceEvents: maxTraceEvents, keyPolicy: .postgresLiterals,
            fingerprinter: WorkloadBuilder.postgresFingerprint, loopDetection: loopDetection, dialect: .postgres)
        followsSessions = builder.followsSessions
        localCache = builder.makeCache()
    }

    /// Reads one line of the log (without its `\n`; one `\r` before it already removed).
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if boundary == nil {
            held.append((Array(line), number))
            if held.count >= Self.detectionLines { decide() }
            return
        }
        LineBlock.ofOneLine(line, number: number) { feed(block: $0) }
    }

    /// Reads a block of whole lines: copied into the pending chunk, cut at entry boundaries where
    /// a chunk is full.
    @discardableResult mutating func feed(block: LineBlock) -> Int {
        guard boundary != nil else {
            // Line by line until the format is known, then the rest of the block at once.
            var next = block.firstNumber
            let rest = block.forEachLine { line, number in
                feed(line, number: number)
                next = number + 1
                return boundary == nil
            }
            guard rest < block.bytes.count else { return next - block.firstNumber }
            return next - block.firstNumber + feed(block: block.suffix(from: rest, firstNumber: next))
        }
        let bytes = block.bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var segment = 0
        var at = 0
        var number = block.firstNumber
        if pending.isEmpty { pending.firstLine = number }
        var target = pending.targetBytes(unreadFrom: block.offset)
        while at < bytes.count {
            var end = bytes.count
            if let hit = memchr(base + at, 0x0A, bytes.count - at) {
                end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var stop = end
            if stop > at && base[stop - 1] == 0x0D { stop -= 1 }
            let startsChunk = boundary!.startsChunk(UnsafeBufferPointer(start: base + at, count: stop - at))
            let size = pending.count + at - segment
            if startsChunk && size >= target {
                pending.append(UnsafeBufferPointer(rebasing: bytes[segment..<at]), of: block)
                dispatch()
                segment = at
                pending.firstLine = number
                target = pending.targetBytes(unreadFrom: block.offset + at)
            }
            at = end + 1
            number += 1
        }
        pending.append(UnsafeBufferPointer(rebasing: bytes[segment...]), of: block)
        // A block ends where a line ends, with or without its newline (the end of the input, a cut line).
        if bytes.last != 0x0A { pending.appendNewline() }
        return number - block.firstNumber
    }

    mutating func expectInput(bytes: Int) {
        pending.inputBytes = bytes
    }

    /// Adds a diagnostic from the line source (truncated gzip, overlong lines).
    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        builder.addDiagnostic(diagnostic)
    }

    /// The workload read so far, with everything pending flushed.
    mutating func finish() -> Workload {
        if boundary == nil { decide() }
        if !pending.isEmpty { dispatch(last: true) }
        while let pipeline, let chunk = pipeline.next() { take(chunk) }
        pipeline?.stop()
        pipeline = nil
        var interpreter = self.interpreter
        self.interpreter = PostgresEntryInterpreter()
        interpreter.finishAll(at: PostgresChunk.endPosition, into: &self)
        self.interpreter = interpreter
        putInOrder(events: [], plans: [], groups: [], sessions: [])
        if let diagnostic = unparsed.diagnostic(source: source, expected: expectedText) {
            builder.addDiagnostic(diagnostic)
        }
        return builder.build()
    }

    /// What the log was read as, for `Workload.sources`.
    var shapes: [String: QueryShape] { builder.shapes }

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
            boundary = PostgresEntryBoundary(format: .postgresStderr)
            return
        }
        let detected = first.bytes.withUnsafeBufferPointer { LogFormat.detectPostgres($0) }
        format = detected
        switch detected {
        case .postgresCSV, .postgresJSON: break
        // detectPostgres answers PostgreSQL formats only; a slow log never reaches this parser's decision.
        case .postgresStderr, .mysqlSlow:
            matcher = givenPrefix.map(PrefixMatcher.pattern) ?? PrefixMatcher.detect(held.map(\.bytes))
            if case .pattern(let p) = matcher { prefix = p }
        }
        boundary = PostgresEntryBoundary(format: detected)
        let lines = held
        held = []
        for line in lines { line.bytes.withUnsafeBufferPointer { feed($0, number: line.number) } }
    }

    /// Hands the pending lines to a worker (or reads them here with one thread, or when the log
    /// fits one chunk), then merges whatever chunks are done.
    private mutating func dispatch(last: Bool = false) {
        let firstLine = pending.firstLine
        var chunk = PostgresChunk(lines: pending.takeLines(), firstLine: firstLine, index: chunks)
        chunks += 1
        let format = self.format ?? .postgresStderr
        if threads == 1 || (pipeline == nil && last) {
            chunk.read(
                format: format, matcher: matcher, source: source, followsSessions: followsSessions, cache: &localCache)
            take(chunk)
            return
        }
        if pipeline == nil {
            let source = self.source
            let followsSessions = self.followsSessions
            let matcher = self.matcher
            pipeline = OrderedBatchPipeline(contexts: (0..<threads).map { _ in builder.makeCache() }) {
                chunk, cache in
                chunk.read(
                    format: format, matcher: matcher, source: source, followsSessions: followsSessions, cache: &cache)
            }
        }
        pipeline!.submit(chunk)
        // Keep every worker busy and one chunk waiting, no more: memory stays bounded (a chunk
        // read holds its entries, paired executions and partial groups until it is merged).
        while pipeline!.inFlight > threads + 1, let done = pipeline!.next() { take(done) }
    }

    /// Merges a read chunk, in log order.
    private mutating func take(_ chunk: PostgresChunk) {
        let keys = sessionKeys(chunk)
        for (pid, count) in chunk.disconnections { disconnections[pid, default: 0] += count }
        var interpreter = self.interpreter
        self.interpreter = PostgresEntryInterpreter()
        // The events the chunk could not pair, with what the chunks before left open.
        for (entry, session) in chunk.interpreter.leading {
            var entry = entry
            entry.session = keys[session]
            interpreter.consume(entry, into: &self)
        }
        for (session, state) in chunk.interpreter.states.enumerated() where state.unknown.isEmpty {
            interpreter.adopt(state, for: keys[session])
        }
        self.interpreter = interpreter
        let groups = builder.merge(chunk.sink.part, databaseBefore: nil)
        unparsed.merge(chunk.unparsed)
        putInOrder(events: chunk.sink.events, plans: chunk.sink.plans, groups: groups, sessions: keys)
        pending.recycle(chunk.lines)
    }

    /// The chunk's session keys as the whole log names them: a stderr pid's `#n` counts the
    /// disconnections in the chunks before too.
    private func sessionKeys(_ chunk: PostgresChunk) -> [String] {
        var keys = chunk.interpreter.keys
        guard !disconnections.isEmpty else { return keys }
        for (number, (pid, generation)) in chunk.pids.enumerated() where pid >= 0 {
            guard let before = disconnections[pid], before > 0 else { continue }
            let local = generation == 0 ? String(pid) : "\(pid)#\(generation)"
            let suffix = keys[number].dropFirst(local.count)
            keys[number] = "\(pid)#\(before + generation)" + suffix
        }
        return keys
    }

    /// Puts the chunk's plans and statements and those paired while merging it in log order, and
    /// passes them on.
    private mutating func putInOrder(
        events: [PostgresChunk.Event], plans: [PostgresChunk.PlanAttempt], groups: [Int], sessions: [String]
    ) {
        var i = 0
        var j = 0
        while i < plans.count || j < mergedPlans.count {
            if j == mergedPlans.count || (i < plans.count && plans[i].position < mergedPlans[j].position) {
                let plan = plans[i]
                i += 1
                if plan.group >= 0, let result = plan.result {
                    builder.attachPlan(durationMs: plan.durationMs, toGroup: groups[plan.group], line: plan.line) {
                        () throws(PlanParseError) in try result.get()
                    }
                } else if let json = plan.json {
                    builder.attachPlan(json: json, durationMs: plan.durationMs, to: plan.fingerprintID, line: plan.line)
                }
            } else {
                let plan = mergedPlans[j]
                j += 1
                builder.attachPlan(
                    json: plan.json, durationMs: plan.durationMs, to: plan.fingerprintID, line: plan.line)
            }
        }
        mergedPlans.removeAll(keepingCapacity: true)
        guard followsSessions else { return }
        // N+1 detection knows sessions by number: the chunk's are looked up once, not per statement.
        let numbers = builder.detectsLoops ? sessions.map { builder.sessionNumber($0) } : []
        i = 0
        j = 0
        while i < events.count || j < mergedEvents.count {
            if j == mergedEvents.count || (i < events.count && events[i].position < mergedEvents[j].position) {
                let event = events[i]
                i += 1
                let session = Int(event.session)
                if numbers.isEmpty {
                    builder.follow(
                        group: groups[Int(event.group)], session: sessions[session], time: event.time,
                        durationMs: event.durationMs, rows: nil)
                } else {
                    builder.follow(
                        group: groups[Int(event.group)], sessionNumber: numbers[session], name: { sessions[session] },
                        time: event.time, durationMs: event.durationMs, rows: nil)
                }
            } else {
                let event = mergedEvents[j]
                j += 1
                builder.follow(
                    group: event.group, session: event.session, time: event.time, durationMs: event.durationMs,
                    rows: nil)
            }
        }
        mergedEvents.removeAll(keepingCapacity: true)
    }
}

/// The events paired while merging are recorded in the whole log's workload at once, their
/// statements and plans kept until they are put in order with the chunk's.
extension PostgresLogParser: PostgresExecutionSink {
    mutating func record(
        _ fingerprint: FingerprintCache.Entry, text: String, parameters: String?, durationMs: Double?, time: Double?,
        session: Int, key: String, database: String?, line: Int, position: Int64
    ) {
        let index = builder.recordExecution(
            fingerprint, text: text, parameters: parameters, durationMs: durationMs, database: database, line: line,
            position: position)
        if followsSessions { mergedEvents.append((position, index, key, time, durationMs ?? 0)) }
    }

    mutating func attachPlan(json: String, durationMs: Double, to fingerprintID: String, line: Int, position: Int64) {
        mergedPlans.append((position, fingerprintID, json, durationMs, line))
    }
}
