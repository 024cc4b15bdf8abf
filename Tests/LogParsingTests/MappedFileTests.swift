import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

#if canImport(Glibc)
    import Glibc
#endif

/// Plain files are mapped instead of read (`MappedFile`): the same lines, the same workloads, and
/// a file truncated while mapped stops the read with a diagnostic instead of a SIGBUS crash.
struct MappedFileTests {
    /// Every line of `path` with its number, as `LineReader` hands them out (mapped or read).
    private func lines(_ path: String, maps: Bool, lineLimit: Int) throws -> (lines: [(Int, [UInt8])], cut: Int) {
        var reader = try LineReader(path: path, maps: maps, lineLimit: lineLimit)
        var lines: [(Int, [UInt8])] = []
        var mapped = true
        try reader.forEachBlock { block in
            mapped = mapped && block.mapping != nil
            block.forEachLine { line, number in
                lines.append((number, Array(line)))
                return true
            }
            return block.lineCount
        }
        #expect(mapped == maps)
        return (lines, reader.truncatedLines)
    }

    @Test func mappedFileGivesTheLinesReadingGives() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var text = ""
        for n in 0..<40_000 { text += n % 7 == 0 ? "line \(n)\r\n" : "line \(n) of the log\n" }
        // Longer than a block (1 MiB), then longer than the limit (cut, the rest skipped; reading
        // cuts a line once it read past the limit without its end, up to a block later), and a last
        // line without its newline.
        text += String(repeating: "a", count: 1_500_000) + "\n"
        text += String(repeating: "b", count: 3_500_000) + "\n"
        text += "after the long lines\nlast line"
        let path = try dir.write("slow.log", text)
        let limit = 2 << 20
        let mapped = try lines(path, maps: true, lineLimit: limit)
        let read = try lines(path, maps: false, lineLimit: limit)
        #expect(mapped.cut == 1 && read.cut == 1)
        #expect(mapped.lines.count == 40_004)
        #expect(mapped.lines.count == read.lines.count)
        #expect(zip(mapped.lines, read.lines).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
        #expect(mapped.lines.last.map { String(decoding: $0.1, as: UTF8.self) } == "last line")
        #expect(mapped.lines[40_001].1.count == limit)
    }

    /// The chunks of a mapped log are ranges of the mapping; the last line, without its newline,
    /// makes the last chunk a copy. Both read as the gzip stream of the same log, which is read.
    @Test func mappedSlowLogReadsTheSameAsItsGzipStream() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var (text, executions) = GeneratedLog.slowLog(entries: 3_000, seed: 5)
        while text.hasSuffix("\n") { text.removeLast() }
        let path = try dir.write("slow.log", text)
        let zipped = try dir.write("slow.log.gz", try gzip(path))
        for threads in [1, 3] {
            func read(_ path: String) throws -> Workload {
                try WorkloadReader.read(
                    path: path,
                    with: SlowLogParser(
                        source: "slow.log", maxTraceEvents: 1_000_000, fingerprinter: nil, threads: threads,
                        chunkBytes: 20_000))
            }
            let mapped = try read(path)
            let unzipped = try read(zipped)
            #expect(mapped.calls == executions)
            #expect(mapped.groups == unzipped.groups)
            #expect(mapped.sessions == unzipped.sessions)
            #expect(mapped.diagnostics == unzipped.diagnostics)
        }
    }

    @Test func fileTruncatedWhileMappedEndsTheReadWithADiagnostic() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, executions) = GeneratedLog.slowLog(entries: 30_000, seed: 9)
        let path = try dir.write("slow.log", text)
        #expect(text.utf8.count > 4 << 20)
        let parser = SlowLogParser(
            source: "slow.log", maxTraceEvents: 1_000_000, fingerprinter: nil, threads: 2, chunkBytes: 300_000)
        // After the first block: chunks of it are on the workers, pages after it not read yet.
        let workload = try WorkloadReader.read(
            path: path, with: TruncatingParser(inner: parser, path: path, size: 200_000))
        #expect(workload.calls > 0 && workload.calls < executions)
        #expect(workload.diagnostics.contains { $0.message.contains("the file shrank while it was read") })
    }
}

/// A parser that truncates its file to `size` bytes once it got the first block, as logrotate's
/// `copytruncate` might while a log is digested.
private struct TruncatingParser<Inner: LogParser>: LogParser {
    var inner: Inner
    let path: String
    let size: Int
    private var truncated = false

    init(inner: Inner, path: String, size: Int) {
        self.inner = inner
        self.path = path
        self.size = size
    }

    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) { inner.feed(line, number: number) }

    mutating func feed(block: LineBlock) -> Int {
        let lines = inner.feed(block: block)
        if !truncated {
            truncated = true
            #expect(truncate(path, off_t(size)) == 0)
        }
        return lines
    }

    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) { inner.addDiagnostic(diagnostic) }
    mutating func expectInput(bytes: Int) { inner.expectInput(bytes: bytes) }
    mutating func finish() -> Workload { inner.finish() }
    var formatDescription: String { inner.formatDescription }
    var format: LogFormat? { inner.format }
    var shapes: [String: QueryShape] { inner.shapes }
}
