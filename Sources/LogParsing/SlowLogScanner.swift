import AdvisorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one stretch of a slow log (a chunk of whole lines, on a worker thread) into a partial
/// workload: its groups added up, and what only the whole log in order can settle (sessions across
/// server restarts, times and databases inherited from entries before the stretch) left as
/// per-entry events and first-seen values for `SlowLogParser` to merge in log order.
///
/// An entry is its `#` header lines, optional `use db;` / `SET timestamp=N;` lines, and the
/// statement, which the server ends with `;`. A `#` line after a statement's closing `;` starts
/// the next entry (pt-query-digest splits on the same `;\n#`); inside an unfinished statement only
/// `# Time:`, `# User@Host:` and `# Query_time:` do, so statements with `#` lines stay whole.
/// Entries without `# Time:` or `use` inherit the time and database of the entry before them, as
/// the servers write those lines only when they change (pt-query-digest's `--inherit-attributes`).
struct SlowLogScanner {
    /// What follows a stretch: it decides whether the stretch's last entry ends with it.
    enum Next: Equatable {
        /// The end of the log.
        case end
        /// A `#` line of this kind.
        case comment(SlowLogHeader.Kind)
        /// Any other line.
        case text
    }

    /// One recorded execution, as much of it as N+1 detection needs once merged in log order.
    struct Event {
        /// Index of its group in `part`.
        var group: Int32
        /// A server banner came between the previous recorded entry of the stretch (or its start)
        /// and this one: thread ids may have started again.
        var bannerBefore: Bool
        /// `Id:` / `Thread_id:`; -1 when the entry had none.
        var threadID: Int64
        /// `# Time:` or `SET timestamp`; nil: the time of the entry before it.
        var time: Double?
        var durationMs: Double
        var rows: Int64?
    }

    private enum State {
        /// Before the first entry, or after a server banner.
        case idle
        /// In an entry's `#` / `use` / `SET timestamp` lines.
        case header
        /// In an entry's statement.
        case statement
    }

    /// Whether events are wanted (N+1 detection or traces): without them, times and thread ids
    /// are not even parsed.
    let followsSessions: Bool
    /// The groups of the stretch's executions.
    private(set) var part: WorkloadBuilder
    private(set) var events: [Event] = []
    /// Lines outside any entry.
    private(set) var unparsed = UnparsedLines()
    /// Entries finished (with or without a statement).
    private(set) var entries = 0
    /// Flavour evidence of `#` lines while fewer than 100 entries were finished here: (entries
    /// finished before it, flavour), only when stronger than the evidence before it.
    private(set) var earlyFlavour: [(entries: Int, flavour: SlowLogFlavour)] = []
    /// Flavour evidence of server banners.
    private(set) var bannerFlavour = SlowLogFlavour.mysql
    private(set) var incomplete = 0
    private(set) var firstIncomplete: Int?
    private(set) var cutStatements = 0
    private(set) var firstCut: Int?
    /// Whether an entry of the stretch named its database (`use`, `Schema:`); from then on
    /// `lastDatabase` is the one in effect.
    private(set) var knowsDatabase = false
    private(set) var lastDatabase: String?
    /// The stretch ended where its last entry ends (`end(before:)`); otherwise the entry is still
    /// open and the next stretch's lines must be read by this scanner.
    private(set) var ended = false

    private var state = State.idle
    private var open = false
    private var entry = SlowLogEntry(line: 0)
    /// A banner came after the stretch's last recorded entry (or, with none, anywhere in it).
    private(set) var bannerSinceRecorded = false
    private var names = NameCache()
    private var databases = NameCache()
    private var minute = LogTimestamp.Minute()
    /// The bytes `scan` is reading, which sampled statements point into until it ends.
    private var scanned: UnsafeBufferPointer<UInt8>?

    init(part: WorkloadBuilder, followsSessions: Bool) {
        self.part = part
        self.followsSessions = followsSessions
    }

    /// Reads `bytes`, whole lines each ending with `\n` (one `\r` before it dropped), the first one
    /// line `firstLine` of the log;
    /// statements are fingerprinted with `cache`.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, cache: inout FingerprintCache) {
        guard let base = bytes.baseAddress else { return }
        scanned = bytes
        // Room for an entry every 256 bytes (the shortest usual entries): growing by doublings
        // copied the events of a chunk about twice over.
        if followsSessions, events.isEmpty { events.reserveCapacity(bytes.count / 256) }
        var start = 0
        var number = firstLine
        while start < bytes.count {
            let end = LineBlock.lineEnd(base, from: start, to: bytes.count)
            // A `\r` before the `\n` is not part of the line (logs copied from Windows).
            let stop = end > start && base[end - 1] == 0x0D ? end - 1 : end
            feed(UnsafeBufferPointer(start: base + start, count: stop - start), number, &cache)
            number += 1
            start = end + 1
        }
        // An entry still open points into `bytes`, which its next lines will not share.
        if open { entry.keep() }
        scanned = nil
    }

    /// Copies the sampled statements still kept as places in `bytes`, the buffer `scan` read
    /// last: before the scanner reads another. (A scanner that ended is merged instead, with the
    /// buffer, which copies only the statements that enter the log's sample.)
    mutating func materializeSamples(_ bytes: UnsafeBufferPointer<UInt8>) {
        part.materializeSamples(bytes)
    }

    /// Whether reading `next` would end the open entry before anything else (or none is open):
    /// then a fresh scanner reads on from `next` exactly as this one would.
    func endsCleanly(before next: Next) -> Bool {
        guard open else { return true }
        switch next {
        case .end: return true
        case .text: return false
        case .comment(let kind):
            if state == .statement {
                return kind == .time || kind == .userHost || kind == .queryTime
                    || (entry.header.statementEnded && kind != .comment)
            }
            switch kind {
            case .time: return entry.header.sawTime || entry.header.sawUserHost || entry.header.sawQueryTime
            case .userHost, .queryTime: return entry.header.sawQueryTime
            default: return false
            }
        }
    }

    /// Ends the stretch before `next`: the open entry is finished if `next` would finish it
    /// (`ended`), else kept open for the following lines.
    mutating func end(before next: Next, cache: inout FingerprintCache) {
        guard endsCleanly(before: next) else { return }
        finishEntry(&cache)
        ended = true
    }

    /// The scanner reads on with another fingerprint cache (another thread's).
    mutating func adoptCache() {
        part.forgetNumbering()
    }

    private mutating func feed(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ cache: inout FingerprintCache) {
        if line.first == 0x23 {
            feedComment(line, number, &cache)
            return
        }
        switch state {
        case .statement:
            if entry.header.statementEnded, SlowLogHeader.isServerBanner(line) {
                finishEntry(&cache)
                banner(line)
            } else {
                entry.appendStatement(line)
            }
        case .header:
            // `use`/`SET` first: they come before nearly every statement, and no banner line
            // starts so.
            if isBlank(line) || readPreamble(line) { return }
            if SlowLogHeader.isServerBanner(line) {
                finishEntry(&cache)
                banner(line)
            } else {
                entry.appendStatement(line)
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

    private mutating func feedComment(
        _ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ cache: inout FingerprintCache
    ) {
        let kind = SlowLogHeader.kind(line)
        if state == .statement {
            let startsEntry =
                kind == .time || kind == .userHost || kind == .queryTime
                || (entry.header.statementEnded && kind != .comment)
            guard startsEntry else {
                entry.appendStatement(line)
                return
            }
            finishEntry(&cache)
        }
        if entries < 100 && earlyFlavour.last?.flavour != .mariadb, let seen = SlowLogFlavour.evidence(in: line),
            seen > (earlyFlavour.last?.flavour ?? .mysql)
        {
            earlyFlavour.append((entries, seen))
        }
        switch kind {
        case .time:
            if open, entry.header.sawTime || entry.header.sawUserHost || entry.header.sawQueryTime {
                finishEntry(&cache)
            }
            begin(number)
            entry.header.sawTime = true
            // Times and ids only serve sessions; parsing dates is a good part of a header's cost.
            guard followsSessions else { return }
            let (seconds, end) = SlowLogHeader.time(line, reusing: &minute)
            entry.header.time = seconds
            if let at = SlowLogHeader.userHostOnTimeLine(line, after: end) {
                entry.header.sawUserHost = true
                entry.header.threadID = SlowLogHeader.connectionID(line, from: at)
            }
        case .userHost:
            // A repeated User@Host before any Query_time is the same entry (pt-query-digest keeps the first).
            if open, entry.header.sawQueryTime { finishEntry(&cache) }
            begin(number)
            if entry.header.sawUserHost { return }
            entry.header.sawUserHost = true
            if followsSessions {
                entry.header.threadID = SlowLogHeader.connectionID(line, from: 1) ?? entry.header.threadID
            }
        case .queryTime:
            if open, entry.header.sawQueryTime { finishEntry(&cache) }
            begin(number)
            entry.readAttributes(line, names: &names)
        case .attributes:
            begin(number)
            entry.readAttributes(line, names: &names)
        case .administratorCommand:
            begin(number)
            // `# administrator command: Quit;` stands where the statement goes; pt-query-digest
            // keeps it (without `# `) as the event's text.
            let start = SlowLogHeader.textStart(line)
            entry.appendStatement(UnsafeBufferPointer(rebasing: line[start...]))
            entry.header.isAdministratorCommand = true
            state = .statement
        case .explain:
            guard open else { return }
            var start = SlowLogHeader.textStart(line) + SlowLogHeader.explain.utf8CodeUnitCount
            if start < line.count, line[start] == 0x20 { start += 1 }
            entry.appendExplain(UnsafeBufferPointer(rebasing: line[start...]))
        case .comment:
            // `# No InnoDB statistics available for this query`, a bare `#`: nothing to read.
            break
        }
    }

    /// Starts an entry at `number` unless one is open.
    private mutating func begin(_ number: Int) {
        guard !open else { return }
        open = true
        entry.reset(line: number)
        state = .header
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
            entry.useDatabase = databases.name(UnsafeBufferPointer(rebasing: b[start..<end]))
            return true
        }
        guard SlowLogHeader.hasPrefix(b, 0, Self.set) else { return false }
        if SlowLogHeader.hasPrefix(b, 4, Self.timestamp) {
            let from = 4 + Self.timestamp.utf8CodeUnitCount
            // Only a fallback for the entry's time: not read when `# Time:` gave it.
            if followsSessions, entry.header.time == nil {
                entry.header.timestamp = SlowLogHeader.decimal(b, from..<b.count)
            }
            return true
        }
        return SlowLogHeader.hasPrefix(b, 4, Self.insertID) || SlowLogHeader.hasPrefix(b, 4, Self.lastInsertID)
    }

    private mutating func banner(_ line: UnsafeBufferPointer<UInt8>) {
        if let seen = SlowLogFlavour.evidence(in: line) { bannerFlavour = max(bannerFlavour, seen) }
        bannerSinceRecorded = true
        state = .idle
    }

    private mutating func finishEntry(_ cache: inout FingerprintCache) {
        guard open else { return }
        open = false
        state = .idle
        entries += 1
        if entry.header.statementCut {
            cutStatements += 1
            if firstCut == nil { firstCut = entry.line }
        }
        // Read in one mutating call: the entry's computed properties read one by one from here
        // made Swift copy the whole entry for each.
        let (length, durationMs, rows, counters) = entry.figures()
        guard length > 0 else {
            incomplete += 1
            if firstIncomplete == nil { firstIncomplete = entry.line }
            return
        }
        // The database in effect: the entry's own, else the last one named in this stretch, else
        // (before any) the one of the stretch before, which only the merge knows.
        let own = entry.useDatabase ?? entry.schema
        if let own {
            knowsDatabase = true
            lastDatabase = own
        }
        let line = entry.line
        // The statement's bytes from locals, not through `entry`: a closure over `entry` that also
        // changes `part` made Swift copy the whole entry for every statement.
        let owned = entry.statement
        let borrowed = entry.borrowedStatement
        func group(_ all: UnsafeBufferPointer<UInt8>) -> Int {
            let bytes = UnsafeBufferPointer(rebasing: all[..<length])
            // A local function, not a closure value: passed on, that one was boxed on the heap.
            func text() -> String { String(decoding: bytes, as: UTF8.self) }
            let hit = cache.lookup(bytes, text: text)
            let index = part.group(of: hit, in: cache, text: text, line: line)
            part.offerSample(group: index, hash: LiteralSample.hash(bytes)) {
                // A statement in the chunk is kept as its place there until the scan ends.
                guard let scanned, let base = bytes.baseAddress, let start = scanned.baseAddress,
                    base >= start, base + length <= start + scanned.count
                else { return .string(text()) }
                return .bytes(offset: start.distance(to: base), count: length)
            }
            return index
        }
        let index = borrowed.map(group) ?? owned.withUnsafeBufferPointer(group)
        part.add(
            to: index, durationMs: durationMs, database: lastDatabase, inheritsDatabase: !knowsDatabase, rows: rows,
            counters: counters)
        if entry.header.explainLines > 0 {
            part.attachExplain(entry.explain, durationMs: durationMs ?? 0, toGroup: index, line: line)
        }
        guard followsSessions else { return }
        events.append(
            Event(
                group: Int32(index), bannerBefore: bannerSinceRecorded, threadID: entry.header.threadID ?? -1,
                time: entry.header.time ?? entry.header.timestamp, durationMs: durationMs ?? 0, rows: rows))
        bannerSinceRecorded = false
    }

    private func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c != 0x20 && c != 0x09 { return false }
        return true
    }

    private static let use: StaticString = "use "
    private static let set: StaticString = "SET "
    private static let timestamp: StaticString = "timestamp="
    private static let insertID: StaticString = "insert_id="
    private static let lastInsertID: StaticString = "last_insert_id="
}
