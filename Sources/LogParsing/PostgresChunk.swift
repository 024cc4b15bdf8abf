import AdvisorCore
import PlanParsing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One stretch of a PostgreSQL log, cut at an entry boundary (`PostgresEntryBoundary`), read on its
/// own (on a worker thread) into a partial workload: its entries split, classified, fingerprinted,
/// paired per connection and added up.
///
/// What only the log read in order can settle is left for `PostgresLogParser` to merge: each
/// connection's events before its state is known (`PostgresEntryInterpreter`'s leading events),
/// its state at the end, the statements in order for session traces and N+1 detection (`events`),
/// the logged plans a one-pass read would try (`plans`), and stderr connection numbers after a
/// backend pid disconnected and came back (`pids`, `disconnections`).
struct PostgresChunk: @unchecked Sendable {
    // Unchecked: a chunk (its builder's closures included) is touched by one thread at a time,
    // handed over through the pipeline's lock.

    /// One recorded execution, as much as sessions need once merged in log order.
    struct Event {
        var position: Int64
        /// Index of its group in `part`.
        var group: Int32
        /// The interpreter's session number.
        var session: Int32
        var time: Double?
        var durationMs: Double
    }

    /// A logged plan as a one-pass read would try it: parsed here when it beat the plans before it
    /// in the chunk (`result`), or left to the merge with its text when its group is not in `part`.
    struct PlanAttempt {
        var position: Int64
        /// Index of its group in `part`, -1 when the group is only known to the merge.
        var group: Int
        var fingerprintID: String
        var json: String?
        var durationMs: Double
        var line: Int
        var result: Result<Plan, PlanParseError>?
    }

    /// Whole lines, each ending with `\n` (their memory is used again for a later chunk once this
    /// one is merged).
    let lines: ChunkLines
    var firstLine: Int
    /// The chunk's place in the log (0 first).
    let index: Int

    /// What the chunk's executions added up to.
    private(set) var sink = Sink(part: .part(source: ""), followsSessions: false)
    private(set) var interpreter = PostgresEntryInterpreter()
    private(set) var unparsed = UnparsedLines()
    /// stderr: the backend pid and its disconnections before the session's first event here, by
    /// session number (pid -1: not a stderr pid).
    private(set) var pids: [(pid: Int, generation: Int)] = []
    /// stderr: disconnections by pid in the chunk.
    private(set) var disconnections: [Int: Int] = [:]

    init(lines: ChunkLines, firstLine: Int, index: Int) {
        self.lines = lines
        self.firstLine = firstLine
        self.index = index
    }

    /// The position of the chunk's `ordinal`-th event: chunk, then event, then 16 outputs per event.
    static func position(chunk: Int, ordinal: Int) -> Int64 {
        Int64(chunk) << 32 | Int64(ordinal) << 4
    }

    /// Past every event's position: what the end of the log flushes.
    static let endPosition: Int64 = 1 << 62

    /// Reads the chunk's lines as `format` (stderr split by `matcher`) with `cache`; statements are
    /// from `source`.
    mutating func read(
        format: LogFormat, matcher: PrefixMatcher, source: String, followsSessions: Bool,
        cache: inout FingerprintCache
    ) {
        sink = Sink(part: .part(source: source), followsSessions: followsSessions)
        // The first chunk starts where the log does: nothing is open before it.
        interpreter = PostgresEntryInterpreter(startsUnknown: index > 0)
        switch format {
        case .postgresCSV:
            var reader = CSVEntryReader()
            scan(&reader, &cache)
        case .postgresJSON:
            var reader = JSONEntryReader()
            scan(&reader, &cache)
        case .postgresStderr, .mysqlSlow:
            var reader = StderrEntryReader(matcher: matcher)
            scan(&reader, &cache)
            disconnections = reader.pidGeneration
        }
    }

    private mutating func scan<Reader: PostgresEntryReader>(_ reader: inout Reader, _ cache: inout FingerprintCache) {
        var state = Scan(interpreter: interpreter, sink: sink, index: index)
        // Lines split here, not by a closure: state a closure captures is checked for exclusive
        // access at run time on every use.
        lines.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            let count = all.count
            var at = 0
            var number = firstLine
            while at < count {
                var end = count
                if let hit = memchr(base + at, 0x0A, count - at) {
                    end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                var stop = end
                if stop > at && base[stop - 1] == 0x0D { stop -= 1 }
                reader.feed(
                    UnsafeBufferPointer(start: base + at, count: stop - at), number: number, unparsed: &state.unparsed,
                    events: &state.entries)
                if !state.entries.isEmpty { state.consume(&cache) }
                number += 1
                at = end + 1
            }
        }
        reader.finish(unparsed: &state.unparsed, events: &state.entries)
        state.consume(&cache)
        unparsed = state.unparsed
        interpreter = state.interpreter
        sink = state.sink
        pids = state.pids
    }

    /// What reading a chunk's lines builds up.
    private struct Scan {
        var interpreter: PostgresEntryInterpreter
        var sink: Sink
        let index: Int
        var entries: [PostgresLogEntry] = []
        var ordinal = 0
        var unparsed = UnparsedLines()
        var pids: [(pid: Int, generation: Int)] = []

        /// Prepares and pairs the entries read so far, in order.
        mutating func consume(_ cache: inout FingerprintCache) {
            // Moved out one by one, not copied.
            entries.reverse()
            while var entry = entries.popLast() {
                entry.position = PostgresChunk.position(chunk: index, ordinal: ordinal)
                ordinal += 1
                PostgresLogEntry.prepare(&entry, &cache)
                let number = interpreter.session(entry.session)
                if number == pids.count { pids.append((entry.pid, entry.generation)) }
                interpreter.consume(entry, session: number, into: &sink)
            }
        }
    }

    /// Adds up a chunk's executions: groups in `part`, the rest in log order for the merge.
    struct Sink: PostgresExecutionSink {
        var part: WorkloadBuilder
        let followsSessions: Bool
        private(set) var events: [Event] = []
        private(set) var plans: [PlanAttempt] = []
        /// The slowest plan parsed so far by group.
        private var planFloor: [Int: Double] = [:]

        init(part: WorkloadBuilder, followsSessions: Bool) {
            self.part = part
            self.followsSessions = followsSessions
        }

        mutating func record(
            _ fingerprint: FingerprintCache.Entry, text: String, parameters: String?, durationMs: Double?,
            time: Double?,
            session: Int, key: String, database: String?, line: Int, position: Int64
        ) {
            let index = part.recordExecution(
                fingerprint, text: text, parameters: parameters, durationMs: durationMs, database: database,
                line: line, position: position)
            guard followsSessions else { return }
            events.append(
                Event(
                    position: position, group: Int32(index), session: Int32(session), time: time,
                    durationMs: durationMs ?? 0))
        }

        mutating func attachPlan(json: String, durationMs: Double, to fingerprintID: String, line: Int, position: Int64)
        {
            guard let index = part.groupIndex(of: fingerprintID) else {
                plans.append(
                    PlanAttempt(
                        position: position, group: -1, fingerprintID: fingerprintID, json: json, durationMs: durationMs,
                        line: line))
                return
            }
            // A plan no slower than one parsed before it in the chunk is never tried in one pass either.
            guard durationMs > planFloor[index, default: -1] else { return }
            let result: Result<Plan, PlanParseError>
            do {
                result = .success(try PlanParser.parse(json: json, engine: .postgres))
                planFloor[index] = durationMs
            } catch {
                result = .failure(error)
            }
            plans.append(
                PlanAttempt(
                    position: position, group: index, fingerprintID: fingerprintID, durationMs: durationMs, line: line,
                    result: result))
        }
    }
}
