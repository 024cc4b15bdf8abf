import AdvisorCore
import PlanParsing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a MySQL, Percona Server or MariaDB slow log into a `Workload`.
///
/// The reading thread only cuts the log into chunks of whole lines, each starting at an entry's
/// `# Time:` / `# User@Host:` / `# Query_time:` line; worker threads read the chunks' entries and
/// add up their groups (`SlowLogScanner`), and the partial workloads are merged back in log order.
/// A chunk whose last entry might go on past its end (a header-only entry cut short, a chunk cut
/// without a header line because none came for long) is read on into the next chunk instead, so
/// the result equals reading the log in one piece, whatever the chunk size or number of threads.
public struct SlowLogParser: LogParser {
    /// Chunk bytes by default: large enough that handing one over and merging it cost little.
    static var defaultChunkBytes: Int { 4 << 20 }

    /// Chunks in flight between the reading thread and the workers.
    private struct Chunk: @unchecked Sendable {
        // Unchecked: a chunk (its builder's closures included) is touched by one thread at a time,
        // handed over through the pipeline's lock.
        var lines: ChunkLines
        var firstLine: Int
        var next: SlowLogScanner.Next
        /// Plans of the chunks merged so far (all before this one): slower ones only are parsed.
        var planFloors: [String: Double]
        var scanner: SlowLogScanner?
    }

    private let source: String
    private let chunkBytes: Int
    private let threads: Int
    private var builder: WorkloadBuilder
    private let followsSessions: Bool
    /// The lines of the next chunk.
    private var pending: PendingChunk
    private var pipeline: OrderedBatchPipeline<Chunk, FingerprintCache>?
    /// Fingerprints on this thread: all of them with one thread, else those of chunks read on.
    private var localCache: FingerprintCache
    /// A chunk whose last entry goes on into the next chunk.
    private var held: SlowLogScanner?
    // The state a log carries from one entry to the next, settled in log order while merging.
    private var unparsed = UnparsedLines()
    private var lastTime: Double?
    private var lastDatabase: String?
    /// Server restarts seen: thread ids start again after one, so they key sessions apart.
    private var restarts = 0
    private var recordedAny = false
    /// A banner came after the last recorded entry of the chunks merged so far.
    private var bannerPending = false
    private var entries = 0
    private var flavour = SlowLogFlavour.mysql
    private var incomplete = 0
    private var firstIncomplete: Int?
    private var cutStatements = 0
    private var firstCut: Int?
    /// Session names of small thread ids since the last restart, made once rather than per statement.
    private var sessionNames: [String?] = []
    private var sessionNamesRestarts = 0
    /// Chunks cut so far, and how many of them went to the worker threads.
    private(set) var chunks = 0
    private(set) var chunksOnWorkers = 0

    /// A parser for `source` (the name origins use); statements are grouped by `fingerprinter`,
    /// pt-query-digest's fingerprint when nil.
    /// `threads` > 1 reads chunks on that many worker threads (same result).
    /// With `loopDetection`, N+1 loops are found as the log streams by and no trace is kept.
    public init(
        source: String, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        fingerprinter: ((String) throws(SQLParseErrorBox) -> Fingerprint)? = nil,
        threads: Int = Parallel.defaultThreads, loopDetection: LoopDetection? = nil
    ) {
        self.init(
            source: source, maxTraceEvents: maxTraceEvents, fingerprinter: fingerprinter, threads: threads,
            chunkBytes: Self.defaultChunkBytes, loopDetection: loopDetection)
    }

    /// The parser with chunks of about `chunkBytes` (tests make them tiny to cut everywhere).
    init(
        source: String, maxTraceEvents: Int, fingerprinter: ((String) throws(SQLParseErrorBox) -> Fingerprint)?,
        threads: Int, chunkBytes: Int, loopDetection: LoopDetection? = nil
    ) {
        self.source = source
        self.threads = max(1, threads)
        self.chunkBytes = max(1, chunkBytes)
        pending = PendingChunk(chunkBytes: self.chunkBytes)
        pending.threads = self.threads
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
        followsSessions = builder.followsSessions
        localCache = builder.makeCache()
    }

    /// What the log was read as, for `Workload.sources`.
    /// Always the slow log.
    public var format: LogFormat? { .mysqlSlow }

    var shapes: [String: QueryShape] { builder.shapes }

    public var formatDescription: String {
        entries == 0 ? "\(LogFormat.mysqlSlow), no entries" : "\(LogFormat.mysqlSlow), \(flavour)"
    }

    /// Reads one line of the log (without its `\n`; one `\r` before it already removed).
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        LineBlock.ofOneLine(line, number: number) { feed(block: $0) }
    }

    /// Reads a block of whole lines: copied into the pending chunk, cut where a chunk is full.
    @discardableResult mutating func feed(block: LineBlock) -> Int {
        let bytes = block.bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var at = 0
        var number = block.firstNumber
        while at < bytes.count {
            if pending.isEmpty { pending.firstLine = number }
            // Where the pending chunk is full, the next line start from there on that can begin a
            // chunk: an entry's first header line (or, past 8 chunks' worth, any line).
            let full = max(at, at + pending.targetBytes(unreadFrom: block.offset + at) - pending.count)
            guard full < bytes.count, let (cut, next) = cutPoint(base, from: at, full: full, count: bytes.count) else {
                let rest = UnsafeBufferPointer(rebasing: bytes[at...])
                pending.append(rest, of: block)
                number += LineBlock.lineCount(of: rest)
                break
            }
            let lines = UnsafeBufferPointer(rebasing: bytes[at..<cut])
            pending.append(lines, of: block)
            number += LineBlock.lineCount(of: lines)
            dispatch(next: next)
            at = cut
        }
        // A block ends where a line ends, with or without its newline (the end of the input, a cut line).
        if bytes.last != 0x0A { pending.appendNewline() }
        return number - block.firstNumber
    }

    /// The first line start at or after `full` (past `from`) where a chunk can begin, and what the
    /// chunk before it is followed by; nil when none is in `base[..<count]`.
    private func cutPoint(
        _ base: UnsafePointer<UInt8>, from: Int, full: Int, count: Int
    ) -> (Int, SlowLogScanner.Next)? {
        // The line start at or after `full`: lines before `from` are already pending.
        var start = full
        if start > from, base[start - 1] != 0x0A {
            guard let hit = memchr(base + start, 0x0A, count - start) else { return nil }
            start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        var previousIsComment = lineBefore(base, start, from: from) == 0x23
        let forced = pending.count + (start - from) >= chunkBytes * 8
        while start < count {
            var end = count
            if let hit = memchr(base + start, 0x0A, count - start) {
                end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var stop = end
            if stop > start && base[stop - 1] == 0x0D { stop -= 1 }
            let line = UnsafeBufferPointer(start: base + start, count: stop - start)
            let comment = line.first == 0x23
            if comment {
                let kind = SlowLogHeader.kind(line)
                if forced || (!previousIsComment && (kind == .time || kind == .userHost || kind == .queryTime)) {
                    return (start, .comment(kind))
                }
            } else if forced {
                return (start, .text)
            }
            // An unterminated last line is the block's end, not a line start to cut at.
            guard end < count else { return nil }
            previousIsComment = comment
            start = end + 1
        }
        return nil
    }

    /// The first byte of the line before the one starting at `start` (0 when there is none).
    private func lineBefore(_ base: UnsafePointer<UInt8>, _ start: Int, from: Int) -> UInt8 {
        if start > from {
            // The line before ends at start - 1; its start is after the newline before that, if in the block.
            if start - 1 > from, let newline = LineBlock.lastNewline(base, from: from, to: start - 1) {
                return base[newline + 1]
            }
            // It began with the block's first unpended byte... unless it continues a pending line,
            // which cannot be: pending always ends with a whole line.
            return base[from]
        }
        // It is the last pending line.
        return pending.lastLineFirstByte
    }

    mutating func expectInput(bytes: Int) {
        pending.inputBytes = bytes
    }

    /// Adds a diagnostic from the line source (truncated gzip, overlong lines).
    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        builder.addDiagnostic(diagnostic)
    }

    /// The workload read so far, with the last entry flushed.
    mutating func finish() -> Workload {
        if !pending.isEmpty { dispatch(next: .end) }
        while let pipeline, let chunk = pipeline.next() { take(chunk) }
        pipeline?.stop()
        pipeline = nil
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

    /// Hands the pending lines to a worker (or reads them here with one thread), then merges
    /// whatever chunks are done.
    private mutating func dispatch(next: SlowLogScanner.Next) {
        let firstLine = pending.firstLine
        var chunk = Chunk(
            lines: pending.takeLines(), firstLine: firstLine, next: next, planFloors: builder.planDurations,
            scanner: nil)
        chunks += 1
        // One thread, or a log that fits one chunk: no worker threads at all.
        if threads == 1 || (pipeline == nil && next == .end) {
            Self.read(
                &chunk, part: .part(source: source, planFloors: chunk.planFloors), followsSessions: followsSessions,
                cache: &localCache)
            take(chunk)
            return
        }
        if pipeline == nil {
            let source = self.source
            let followsSessions = self.followsSessions
            pipeline = OrderedBatchPipeline(contexts: (0..<threads).map { _ in builder.makeCache() }) {
                chunk, cache in
                Self.read(
                    &chunk, part: .part(source: source, planFloors: chunk.planFloors),
                    followsSessions: followsSessions, cache: &cache)
            }
        }
        pipeline!.submit(chunk)
        chunksOnWorkers += 1
        // Keep every worker busy with one chunk and one waiting, no more: memory stays bounded.
        while pipeline!.inFlight > threads * 2, let done = pipeline!.next() { take(done) }
    }

    /// Reads a chunk on its own, as if the log started there.
    private static func read(
        _ chunk: inout Chunk, part: WorkloadBuilder, followsSessions: Bool, cache: inout FingerprintCache
    ) {
        var scanner = SlowLogScanner(part: part, followsSessions: followsSessions)
        chunk.lines.withUnsafeBufferPointer { scanner.scan($0, firstLine: chunk.firstLine, cache: &cache) }
        scanner.end(before: chunk.next, cache: &cache)
        chunk.scanner = scanner
    }

    /// Merges a read chunk, in log order; a chunk that did not end cleanly reads on into this one.
    private mutating func take(_ chunk: Chunk) {
        // Read by now (scanners copy what they keep of it), so its memory can take the next lines.
        defer { pending.recycle(chunk.lines) }
        var scanner: SlowLogScanner
        if var before = held {
            // The chunk was read as if the log started there; it did not, so that reading is
            // dropped and the previous chunk's scanner reads on through its lines instead.
            held = nil
            before.adoptCache()
            chunk.lines.withUnsafeBufferPointer { before.scan($0, firstLine: chunk.firstLine, cache: &localCache) }
            before.end(before: chunk.next, cache: &localCache)
            scanner = before
        } else {
            scanner = chunk.scanner!
        }
        chunk.lines.withUnsafeBufferPointer { bytes in
            guard scanner.ended else {
                scanner.materializeSamples(bytes)
                held = scanner
                return
            }
            merge(scanner, bytes: bytes)
        }
    }

    /// Merges the scanner that read `bytes` last (its sampled statements may point there).
    private mutating func merge(_ scanner: SlowLogScanner, bytes: UnsafeBufferPointer<UInt8>) {
        let map = builder.merge(scanner.part, databaseBefore: lastDatabase, sampleBytes: bytes)
        if scanner.knowsDatabase { lastDatabase = scanner.lastDatabase }
        flavour = max(flavour, scanner.bannerFlavour)
        for (before, seen) in scanner.earlyFlavour where entries + before < 100 { flavour = max(flavour, seen) }
        entries += scanner.entries
        unparsed.merge(scanner.unparsed)
        incomplete += scanner.incomplete
        if firstIncomplete == nil { firstIncomplete = scanner.firstIncomplete }
        cutStatements += scanner.cutStatements
        if firstCut == nil { firstCut = scanner.firstCut }
        for event in scanner.events {
            if (event.bannerBefore || bannerPending) && recordedAny { restarts += 1 }
            bannerPending = false
            recordedAny = true
            let time = event.time ?? lastTime
            lastTime = time
            guard event.threadID >= 0 else { continue }
            let group = map[Int(event.group)]
            // A session is its thread id and the restarts before it: numbered, not named, per statement.
            if builder.detectsLoops, event.threadID < 1 << 40, restarts < 1 << 22 {
                let id = event.threadID
                let restarts = self.restarts
                builder.follow(
                    group: group, sessionNumber: restarts << 40 | Int(id),
                    name: { Self.sessionName(id, restarts: restarts) }, time: time, durationMs: event.durationMs,
                    rows: event.rows)
            } else {
                builder.follow(
                    group: group, session: session(event.threadID), time: time, durationMs: event.durationMs,
                    rows: event.rows)
            }
        }
        if scanner.bannerSinceRecorded { bannerPending = true }
    }

    /// The session name of thread `id` after `restarts` restarts (`12`, `12#1`).
    private static func sessionName(_ id: Int64, restarts: Int) -> String {
        restarts == 0 ? String(id) : "\(id)#\(restarts)"
    }

    /// The session key of thread `id`: the id, and after a restart which one (`12#1`).
    private mutating func session(_ id: Int64) -> String {
        func name() -> String { Self.sessionName(id, restarts: restarts) }
        guard id < 1 << 16 else { return name() }
        if sessionNamesRestarts != restarts {
            sessionNames.removeAll(keepingCapacity: true)
            sessionNamesRestarts = restarts
        }
        let index = Int(id)
        if index < sessionNames.count, let known = sessionNames[index] { return known }
        if index >= sessionNames.count {
            sessionNames.append(contentsOf: repeatElement(nil, count: index + 1 - sessionNames.count))
        }
        let made = name()
        sessionNames[index] = made
        return made
    }
}
