#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte stream into lines without holding more than a chunk (or the longest line) in memory.
///
/// Lines are handed out as borrowed byte buffers, valid only during the callback: no per-line
/// allocation, and nothing decodes text unless the parser needs it.
struct LineReader {
    /// One line, without its `\n` (and `\r`), with its position for diagnostics.
    struct Line {
        let bytes: UnsafeBufferPointer<UInt8>
        /// 1-based line number.
        let number: Int
        /// Byte offset of the line's first byte in the (decompressed) stream.
        let offset: Int
    }

    /// Input is read in chunks of this size (1 MiB): few system calls, bounded memory.
    static let chunkSize = 1 << 20
    /// Longer lines are cut here and their remainder skipped, so one runaway line cannot exhaust memory.
    static let maxLineBytes = 256 << 20

    private var source: any ByteSource
    private(set) var truncatedLines = 0
    /// Size of the input when it is a plain file (not stdin, not gzip), for progress reports.
    private(set) var inputSize: Int?

    /// Reads `path` (`-` = stdin), transparently gunzipping when the content starts with the gzip magic.
    init(path: String) throws(LogReadError) {
        var file = try FileByteSource(path: path)
        let size = file.regularFileSize
        var head: [UInt8] = []
        while head.count < 2 {
            if try file.read(into: &head, maxCount: Self.chunkSize) == 0 { break }
        }
        let replay = ReplayByteSource(replaying: head, then: file)
        if head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b {
            source = try GzipByteSource(wrapping: replay, path: path)
        } else {
            source = replay
            inputSize = size
        }
    }

    /// A problem found at the end of the input (truncated or corrupt gzip), after `forEachLine`.
    var trailingProblem: String? { source.trailingProblem }

    /// Calls `body` for every line in order.
    mutating func forEachLine(_ body: (Line) -> Void) throws(LogReadError) {
        defer { source.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.chunkSize * 2)
        var start = 0
        var scanFrom = 0
        var lineNumber = 0
        var streamOffset = 0  // stream offset of buffer[0]
        var ended = false
        var skippingRest = false
        while true {
            var newline: Int? = nil
            if scanFrom < buffer.count {
                newline = buffer.withUnsafeBufferPointer { raw -> Int? in
                    let base = raw.baseAddress!
                    guard let hit = memchr(base + scanFrom, 0x0A, raw.count - scanFrom) else { return nil }
                    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
            }
            if let newline {
                if skippingRest {
                    skippingRest = false
                } else {
                    lineNumber += 1
                    emit(buffer, start, newline, lineNumber, streamOffset + start, body)
                }
                start = newline + 1
                scanFrom = start
                continue
            }
            if ended {
                if start < buffer.count && !skippingRest {
                    lineNumber += 1
                    emit(buffer, start, buffer.count, lineNumber, streamOffset + start, body)
                }
                return
            }
            if buffer.count - start > Self.maxLineBytes && !skippingRest {
                lineNumber += 1
                truncatedLines += 1
                emit(buffer, start, start + Self.maxLineBytes, lineNumber, streamOffset + start, body)
                skippingRest = true
            }
            if skippingRest { start = buffer.count }
            // Drop what was consumed before reading more, so the buffer holds at most one line plus a chunk.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                streamOffset += start
                start = 0
            }
            scanFrom = buffer.count
            if try source.read(into: &buffer, maxCount: Self.chunkSize) == 0 { ended = true }
        }
    }

    private func emit(
        _ buffer: [UInt8], _ from: Int, _ to: Int, _ number: Int, _ offset: Int, _ body: (Line) -> Void
    ) {
        var end = to
        if end > from && buffer[end - 1] == 0x0D { end -= 1 }
        buffer.withUnsafeBufferPointer { raw in
            body(Line(bytes: UnsafeBufferPointer(rebasing: raw[from..<end]), number: number, offset: offset))
        }
    }
}
