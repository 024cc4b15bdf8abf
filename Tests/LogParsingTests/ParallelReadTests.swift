import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// Reading on worker threads gives the workload a single-threaded read gives: events, groups,
/// totals, quantiles, sessions, plans and diagnostics, on generated logs (many chunks, tiny ones to
/// cut everywhere) and on every corpus log. `batch` is the chunk size in bytes: workers read whole
/// chunks, and tiny chunks put a cut between nearly all entries (slow logs: inside them too).
struct ParallelReadTests {
    /// The workload of `path` read with `threads` threads and chunks of `batch` bytes.
    static func read(
        _ path: String, threads: Int, batch: Int, slow: Bool, loopDetection: LoopDetection? = nil
    ) throws -> Workload {
        if slow {
            return try WorkloadReader.read(
                path: path,
                with: SlowLogParser(
                    source: "slow.log", maxTraceEvents: loopDetection == nil ? 1_000_000 : 0, fingerprinter: nil,
                    threads: threads, chunkBytes: batch, loopDetection: loopDetection))
        }
        return try WorkloadReader.read(
            path: path,
            with: PostgresLogParser(
                source: "postgresql.log", logLinePrefix: nil, maxTraceEvents: loopDetection == nil ? 1_000_000 : 0,
                threads: threads, chunkBytes: batch, loopDetection: loopDetection))
    }

    @Test func generatedSlowLogReadsTheSameOnWorkerThreads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, executions) = GeneratedLog.slowLog(entries: 5_000, seed: 11)
        let path = try dir.write("slow.log", text)
        let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: true)
        #expect(serial.calls == executions)
        #expect(serial.groups.count > 8)
        #expect(serial.groups.contains { $0.loggedPlan != nil })
        #expect(serial.groups.allSatisfy { $0.timeDistribution?.count == $0.calls })
        #expect(serial.sessions.count > 10)
        for (threads, batch) in [(1, 4_096), (2, 65_536), (2, 4_096), (3, 700), (4, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: true)
            #expect(parallel == serial, "threads \(threads), chunks of \(batch) bytes")
        }
    }

    @Test func generatedSlowLogFindsTheSameLoopsInChunks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, _) = GeneratedLog.slowLog(entries: 5_000, seed: 11)
        let path = try dir.write("slow.log", text)
        let detection = LoopDetection(minRepeats: 5, maxGapMs: 1_000)
        let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: true, loopDetection: detection)
        #expect(!serial.streamedLoops.loops.isEmpty)
        for (threads, batch) in [(2, 8_192), (3, 300), (2, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: true, loopDetection: detection)
            #expect(parallel == serial, "threads \(threads), chunks of \(batch) bytes")
        }
    }

    /// Chunks parse only plans slower than the ones merged before them; which plan is kept and how
    /// many unreadable ones are counted must not change.
    @Test func loggedPlansAndUnreadableOnesAreTheSameInChunks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, _) = GeneratedLog.slowLog(entries: 6_000, seed: 21)
        // Every third plan loses its row: those do not parse.
        var count = 0
        let broken = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard line.hasPrefix("# explain: 1\t") else { return line }
            count += 1
            return count % 3 == 0 ? "# explain: 1" : line
        }.joined(separator: "\n")
        let path = try dir.write("slow.log", broken)
        let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: true)
        #expect(serial.groups.contains { $0.loggedPlan != nil })
        #expect(serial.diagnostics.contains { $0.message.contains("logged plan not readable") })
        for (threads, batch) in [(1, 2_048), (2, 20_000), (3, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: true)
            #expect(parallel == serial, "threads \(threads), chunks of \(batch) bytes")
        }
    }

    /// MariaDB logs carry `# explain:` lines in every chunk, the first one too: all are read on
    /// the workers. (The first was read on the reading thread, before the workers started, so
    /// that later chunks would build only slower plans; plans are now built once, at the end.)
    @Test func slowLogWithPlansInEveryChunkIsReadOnTheWorkers() throws {
        // A plan in the first entry: the first chunk (a sixteenth of the others) holds one.
        let first = """
            # Time: 2024-05-10T17:45:00.000001Z
            # User@Host: app[app] @ 10.0.0.1 []  Id: 1
            # Query_time: 0.001000  Lock_time: 0.000010 Rows_sent: 1  Rows_examined: 10
            # explain: id\tselect_type\ttable\ttype\tpossible_keys\tkey\tkey_len\tref\trows\tr_rows\tfiltered\tr_filtered\tExtra
            # explain: 1\tSIMPLE\tt0\tALL\tNULL\tNULL\tNULL\tNULL\t10\t5.00\t100.00\t10.00\tUsing where
            SELECT * FROM t0 WHERE a = 1;

            """
        let text = first + GeneratedLog.slowLog(entries: 6_000, seed: 21).text
        var parser = SlowLogParser(
            source: "slow.log", maxTraceEvents: 0, fingerprinter: nil, threads: 2, chunkBytes: 65_536)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { parser.feed(block: LineBlock(bytes: $0, firstNumber: 1, offset: 0)) }
        _ = parser.finish()
        #expect(parser.chunks > 10)
        #expect(parser.chunksOnWorkers == parser.chunks)
    }

    /// The first chunks are smaller, so the workers start sooner, and near the end of an input of
    /// known size chunks shrink to a share of what is left, so the workers finish together; never
    /// below a sixteenth of the chunk size, and neither with one thread.
    @Test func chunksGrowAtTheStartAndShrinkTowardsTheEndOfAnInputOfKnownSize() {
        var pending = PendingChunk(chunkBytes: 1_000)
        #expect(pending.targetBytes(unreadFrom: 0) == 1_000)
        pending.inputBytes = 100_000
        #expect(pending.targetBytes(unreadFrom: 0) == 1_000)
        pending.threads = 2
        var firstChunks: [Int] = []
        for _ in 0..<6 {
            firstChunks.append(pending.targetBytes(unreadFrom: 0))
            pending.appendNewline()
            _ = pending.takeLines()
        }
        #expect(firstChunks == [62, 125, 250, 500, 1_000, 1_000])
        pending.inputBytes = nil
        #expect(pending.targetBytes(unreadFrom: 99_900) == 1_000)
        pending.inputBytes = 100_000
        #expect(pending.targetBytes(unreadFrom: 98_000) == 500)
        #expect(pending.targetBytes(unreadFrom: 99_900) == 62)
        #expect(pending.targetBytes(unreadFrom: 200_000) == 62)
        pending.threads = 1
        #expect(pending.targetBytes(unreadFrom: 99_900) == 1_000)
    }

    @Test func aSlowLogOfKnownSizeEndsInSmallerChunksAndReadsTheSame() throws {
        let (text, _) = GeneratedLog.slowLog(entries: 6_000, seed: 11)
        let bytes = Array(text.utf8)
        func read(knowingSize: Bool) -> (Workload, chunks: Int) {
            var parser = SlowLogParser(
                source: "slow.log", maxTraceEvents: 0, fingerprinter: nil, threads: 2, chunkBytes: 65_536,
                loopDetection: LoopDetection(minRepeats: 5, maxGapMs: 1_000))
            if knowingSize { parser.expectInput(bytes: bytes.count) }
            _ = bytes.withUnsafeBufferPointer { parser.feed(block: LineBlock(bytes: $0, firstNumber: 1, offset: 0)) }
            return (parser.finish(), parser.chunks)
        }
        let (unknown, evenChunks) = read(knowingSize: false)
        let (known, chunks) = read(knowingSize: true)
        let serial = try WorkloadReader.read(
            path: try TemporaryDirectory().write("slow.log", text),
            with: SlowLogParser(
                source: "slow.log", maxTraceEvents: 0, fingerprinter: nil, threads: 1, chunkBytes: 1 << 30,
                loopDetection: LoopDetection(minRepeats: 5, maxGapMs: 1_000)))
        #expect(known == unknown)
        #expect(unknown.groups == serial.groups && unknown.streamedLoops == serial.streamedLoops)
        #expect(chunks > evenChunks + 3)
    }

    @Test func crlfLinesAndAnUnterminatedLastLineReadTheSameInChunks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, executions) = GeneratedLog.slowLog(entries: 1_500, seed: 4)
        let plain = try Self.read(try dir.write("plain.log", text), threads: 1, batch: 1 << 30, slow: true)
        #expect(plain.calls == executions)
        let crlf = try dir.write("crlf.log", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let unterminated = try dir.write("cut.log", String(text.dropLast()))
        for (threads, batch) in [(1, 1 << 30), (2, 512), (3, 1)] {
            var read = try Self.read(crlf, threads: threads, batch: batch, slow: true)
            read.sources = plain.sources
            #expect(read == plain, "CRLF, threads \(threads), chunks of \(batch) bytes")
            read = try Self.read(unterminated, threads: threads, batch: batch, slow: true)
            read.sources = plain.sources
            #expect(read == plain, "no final newline, threads \(threads), chunks of \(batch) bytes")
        }
    }

    @Test func generatedPostgresLogReadsTheSameOnWorkerThreads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, executions) = GeneratedLog.postgresLog(entries: 4_000, seed: 5)
        let path = try dir.write("postgresql.log", text)
        let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: false)
        #expect(serial.calls == executions)
        #expect(serial.groups.count > 20)
        for (threads, batch) in [(2, 16_384), (3, 700), (2, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: false)
            #expect(parallel == serial, "threads \(threads), chunks of \(batch) bytes")
        }
    }

    /// Every pairing across lines (log_statement and its duration, execute and its parameters,
    /// plans before and after their statement line), disconnections with reused pids and plans of
    /// equal durations, in all three formats: a cut anywhere reads as one pass does.
    @Test(arguments: [GeneratedPostgresLog.Format.stderr, .csv, .json])
    func pairingsAcrossChunkCutsReadAsOnePass(format: GeneratedPostgresLog.Format) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (events, executions) = GeneratedPostgresLog.events(entries: 3_000, seed: 9)
        let path = try dir.write("postgresql.log", GeneratedPostgresLog.render(events, as: format))
        let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: false)
        #expect(serial.calls == executions)
        #expect(serial.groups.contains { $0.loggedPlan != nil })
        #expect(serial.diagnostics.contains { $0.message.contains("logged plan not readable") })
        #expect(Set(serial.groups.compactMap(\.database)) == ["shop", "other"])
        #expect(serial.sessions.contains { $0.session.contains("#") } || format != .stderr)
        for (threads, batch) in [(1, 3_000), (2, 40_000), (3, 517), (2, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: false)
            #expect(parallel == serial, "\(format), threads \(threads), chunks of \(batch) bytes")
        }
        let detection = LoopDetection(minRepeats: 5, maxGapMs: 1_000)
        let loops = try Self.read(path, threads: 1, batch: 1 << 30, slow: false, loopDetection: detection)
        #expect(!loops.streamedLoops.loops.isEmpty)
        for (threads, batch) in [(2, 2_000), (3, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: false, loopDetection: detection)
            #expect(parallel == loops, "\(format) with loop detection, threads \(threads), chunks of \(batch) bytes")
        }
    }

    /// csvlog records are cut only outside quoted fields, with `CSVEntryReader`'s rules: a quote
    /// opens quoting at a field's start only, `""` inside quotes is a quote, a record open for
    /// `maxRecordLines` lines ends there.
    @Test func csvlogRecordsAreCutOnlyWhereTheReaderEndsThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func record(_ pid: Int, _ from: String, _ message: String) -> String {
            "2024-05-10 17:45:01.000 UTC,\"app\",\"shop\",\(pid),\(from),6630a1b2.\(pid),1,\"SELECT\","
                + "2024-05-10 17:00:00 UTC,3/0,0,LOG,00000,\"\(message)\",,,,,,,,,\"psql\"\n"
        }
        var log = ""
        for n in 0..<300 {
            let pid = 40 + n % 7
            switch n % 5 {
            // A quote inside an unquoted field is a character, not quoting.
            case 0: log += record(pid, "10.0.0.1\"x", "duration: 1.0 ms  statement: SELECT \(n) FROM a")
            // A statement over lines, with quotes doubled inside the quoted message.
            case 1:
                log += record(
                    pid, "\"\"", "duration: 2.0 ms  statement: SELECT \"\"x\"\"\n  FROM b\n  WHERE c = ',\"\"\n'")
            case 2: log += record(pid, "\"h\"", "statement: SELECT * FROM c WHERE d = '\"\"\"\"'")
            case 3: log += record(pid, "h", "duration: 3.0 ms")
            default: log += record(pid, "h", "duration: 4.0 ms  execute <unnamed>: SELECT $1 FROM d\n")
            }
        }
        let path = try dir.write("postgresql.csv", log)
        let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: false)
        #expect(serial.calls == 240)
        #expect(serial.diagnostics.isEmpty)
        for (threads, batch) in [(2, 1), (3, 97), (2, 4_000)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: false)
            #expect(parallel == serial, "threads \(threads), chunks of \(batch) bytes")
        }
    }

    @Test func everyCorpusSlowLogReadsTheSameOnWorkerThreads() throws {
        let logs = Corpus.perconaSlowLogs
        #expect(logs.count > 50)
        for log in logs {
            let path = try Corpus.percona(log)
            let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: true)
            for (threads, batch) in [(3, 1), (2, 200)] {
                let parallel = try Self.read(path, threads: threads, batch: batch, slow: true)
                #expect(parallel == serial, "\(log), chunks of \(batch) bytes")
            }
        }
    }

    @Test func everyCorpusPostgresLogReadsTheSameOnWorkerThreads() throws {
        for name in Corpus.pgbadgerFiles {
            let path = try Corpus.pgbadger(name)
            let serial = try Self.read(path, threads: 1, batch: 1 << 30, slow: false)
            for (threads, batch) in [(3, 1), (2, 300), (2, 20_000)] {
                let parallel = try Self.read(path, threads: threads, batch: batch, slow: false)
                #expect(parallel == serial, "\(name), chunks of \(batch) bytes")
            }
        }
    }
}

/// The parsers say how many lines each block held, which numbers the next block's lines: the
/// reader no longer counts them itself.
struct BlockLineCountTests {
    /// `text` fed in blocks cut after every `every`-th line, each block's returned count checked.
    private func feedsCount(_ text: String, every: Int, into parser: inout some LogParser) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var number = 1
        var start = 0
        while start < lines.count {
            let end = min(start + every, lines.count)
            var block = lines[start..<end].joined(separator: "\n")
            if end < lines.count { block += "\n" }
            if block.isEmpty { break }
            let bytes = Array(block.utf8)
            bytes.withUnsafeBufferPointer { b in
                let block = LineBlock(bytes: b, firstNumber: number, offset: 0)
                let counted = parser.feed(block: block)
                #expect(counted == block.lineCount, "lines \(start)..<\(end) of \(lines.count)")
                number += counted
            }
            start = end
        }
        _ = parser.finish()
    }

    @Test(arguments: [1, 7, 1_000, 100_000])
    func everyParserReturnsTheLinesOfTheBlockItRead(every: Int) {
        let (slow, _) = GeneratedLog.slowLog(entries: 1_500, seed: 5)
        let (events, _) = GeneratedPostgresLog.events(entries: 1_500, seed: 5)
        let stderr = GeneratedPostgresLog.render(events, as: .stderr)
        // A last line without its newline, CRLF line ends and blank lines as well.
        for text in [slow, slow + "SELECT 1;", slow.replacingOccurrences(of: "\n", with: "\r\n") + "\n\n", stderr] {
            var parser = SlowLogParser(
                source: "slow.log", maxTraceEvents: 0, fingerprinter: nil, threads: 2, chunkBytes: 4_096)
            if text != stderr { feedsCount(text, every: every, into: &parser) }
            var postgres = PostgresLogParser(
                source: "postgresql.log", logLinePrefix: nil, maxTraceEvents: 0, threads: 2, chunkBytes: 4_096)
            if text == stderr { feedsCount(text, every: every, into: &postgres) }
            var detected = DetectedLogParser(
                source: "some.log", logLinePrefix: nil, maxTraceEvents: 0, threads: 2, loopDetection: nil)
            feedsCount(text, every: every, into: &detected)
        }
    }
}
