#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte stream into blocks of whole lines without holding more than a chunk (or the
/// longest line) in memory.
///
/// Blocks are handed out as borrowed byte buffers, valid only during the callback: no per-line
/// call or allocation, and nothing decodes text unless the parser needs it. A parser that wants
/// lines splits a block with `LineBlock.forEachLine`. A plain file is mapped (`MappedFile`) rather
/// than read: its blocks are ranges of the mapping, which a parser may keep (`LineBlock.mapping`).
struct LineReader {
    /// Input is read in chunks of this size (1 MiB): few system calls, bounded memory.
    static let chunkSize = 1 << 20
    /// Longer lines are cut here and their remainder skipped, so one runaway line cannot exhaust memory.
    static let maxLineBytes = 256 << 20

    private var source: any ByteSource
    private(set) var truncatedLines = 0
    /// Size of the input when it is a plain file (not stdin, not gzip), for progress reports.
    private(set) var inputSize: Int?
    /// The plain file mapped, when it could be.
    private var mapping: MappedFile?

    /// Lines longer than this are cut (`maxLineBytes`; tests make it small).
    private let lineLimit: Int

    /// Reads `path` (`-` = stdin), transparently gunzipping when the content starts with the gzip
    /// magic; a plain file is mapped unless `maps` is false (tests compare the two ways).
    init(path: String, maps: Bool = true, lineLimit: Int = maxLineBytes) throws(LogReadError) {
        self.lineLimit = lineLimit
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
            if maps { mapping = file.mapped() }
        }
    }

    /// A problem found at the end of the input (truncated or corrupt gzip), after `forEachBlock`.
    var trailingProblem: String? { source.trailingProblem }

    /// Whether the mapped file lost pages while it was read, so its last lines are zeros (it was
    /// truncated, as logrotate's `copytruncate` does): known once the chunks are read too.
    var changedWhileRead: Bool { mapping?.changedWhileRead ?? false }

    /// Calls `body` with every line in order, in blocks of whole lines; `body` returns how many
    /// lines the block held (`LineBlock.lineCount`, which the parsers find as they read it), which
    /// numbers the next block's lines.
    mutating func forEachBlock(_ body: (LineBlock) -> Int) throws(LogReadError) {
        defer { source.close() }
        if let mapping {
            forEachBlock(in: mapping, body)
            return
        }
        // Bytes [0, filled) are read; the rest is room the source reads into directly (no zeroing,
        // no second copy).
        var buffer = Self.room(Self.chunkSize * 2)
        var filled = 0
        var start = 0
        var scanFrom = 0
        var lineNumber = 1  // number of the line at `start`
        var streamOffset = 0  // stream offset of buffer[0]
        var ended = false
        var skippingRest = false
        while true {
            let lastNewline: Int? = buffer.withUnsafeBufferPointer { raw -> Int? in
                guard scanFrom < filled, let base = raw.baseAddress else { return nil }
                return LineBlock.lastNewline(base, from: scanFrom, to: filled)
            }
            if let lastNewline {
                if skippingRest {
                    // The rest of a cut line ends at the first newline; the lines after it are whole.
                    let first = buffer.withUnsafeBufferPointer { raw in
                        raw.baseAddress!.distance(
                            to: memchr(raw.baseAddress! + scanFrom, 0x0A, filled - scanFrom)!.assumingMemoryBound(
                                to: UInt8.self))
                    }
                    skippingRest = false
                    start = first + 1
                }
                if start <= lastNewline {
                    emit(buffer, start, lastNewline + 1, &lineNumber, streamOffset + start, body)
                }
                start = lastNewline + 1
                scanFrom = start
            }
            if ended {
                if start < filled && !skippingRest {
                    emit(buffer, start, filled, &lineNumber, streamOffset + start, body)
                }
                return
            }
            if filled - start > lineLimit && !skippingRest {
                truncatedLines += 1
                // Handed out without its newline: a block always ends where a line ends.
                emit(buffer, start, start + lineLimit, &lineNumber, streamOffset + start, body)
                skippingRest = true
            }
            if skippingRest { start = filled }
            // Drop what was consumed before reading more, so the buffer holds at most one line plus a chunk.
            if start > 0 {
                let kept = filled - start
                buffer.withUnsafeMutableBufferPointer { raw in
                    raw.baseAddress!.update(from: raw.baseAddress! + start, count: kept)
                }
                streamOffset += start
                filled = kept
                start = 0
            }
            if buffer.count - filled < Self.chunkSize {
                let kept = filled
                buffer = buffer.withUnsafeBufferPointer { old in
                    var grown = Self.room(2 * old.count)
                    grown.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: old.baseAddress!, count: kept) }
                    return grown
                }
            }
            scanFrom = filled
            let got = try buffer.withUnsafeMutableBufferPointer { raw throws(LogReadError) in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: raw[filled..<(filled + Self.chunkSize)]))
            }
            if got == 0 { ended = true }
            filled += got
        }
    }

    /// `forEachBlock` over the mapped file: blocks of about `chunkSize` of its whole lines, where
    /// they are; it stops before a block with a page that went away (the file was truncated
    /// meanwhile: the page reads as zeros).
    private mutating func forEachBlock(in mapping: MappedFile, _ body: (LineBlock) -> Int) {
        let base = mapping.base
        let size = mapping.count
        var start = 0
        var lineNumber = 1
        while start < size {
            var end = min(start + Self.chunkSize, size)
            if end < size {
                if let newline = LineBlock.lastNewline(base, from: start, to: end) {
                    end = newline + 1
                } else {
                    // One line longer than a block: to its end, or cut at `maxLineBytes` and the
                    // rest skipped.
                    let limit = min(start + lineLimit, size)
                    if limit > end, let hit = memchr(base + end, 0x0A, limit - end) {
                        end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                    } else if limit < size {
                        guard !mapping.changedWhileRead else { return }
                        truncatedLines += 1
                        emit(mapping, start, limit, &lineNumber, body)
                        let rest = memchr(base + limit, 0x0A, size - limit)
                        start = rest.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? size
                        continue
                    } else {
                        end = size
                    }
                }
            }
            guard !mapping.changedWhileRead else { return }
            emit(mapping, start, end, &lineNumber, body)
            start = end
        }
    }

    private func emit(
        _ mapping: MappedFile, _ from: Int, _ to: Int, _ number: inout Int, _ body: (LineBlock) -> Int
    ) {
        let block = LineBlock(
            bytes: UnsafeBufferPointer(start: mapping.base + from, count: to - from), firstNumber: number,
            offset: from, mapping: mapping)
        number += body(block)
    }

    /// An array of `size` bytes whose contents are not initialized first (bytes are only ever read
    /// after the source wrote them).
    private static func room(_ size: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    }

    private func emit(
        _ buffer: [UInt8], _ from: Int, _ to: Int, _ number: inout Int, _ offset: Int, _ body: (LineBlock) -> Int
    ) {
        buffer.withUnsafeBufferPointer { raw in
            let block = LineBlock(
                bytes: UnsafeBufferPointer(rebasing: raw[from..<to]), firstNumber: number, offset: offset)
            number += body(block)
        }
    }
}

/// Whole lines of a log as read, the last one perhaps without its `\n` (the end of the input or a
/// line cut at `LineReader.maxLineBytes`); a line's `\r` before its `\n` is still there.
struct LineBlock {
    let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based number of the block's first line.
    let firstNumber: Int
    /// Byte offset of the block's first byte in the (decompressed) stream.
    let offset: Int
    /// The mapped file the bytes lie in, valid as long as it is kept (nil: valid only during the
    /// callback that got the block).
    var mapping: MappedFile? = nil

    /// Calls `body` with a block holding just `line` (given without its `\n`), for readers that
    /// take lines one at a time and blocks too. The block's reader removes one `\r` again, so a
    /// kept one is doubled.
    static func ofOneLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, _ body: (LineBlock) -> Void) {
        let crs = line.last == 0x0D ? 1 : 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: line.count + crs + 1) { room in
            if let from = line.baseAddress { room.baseAddress!.update(from: from, count: line.count) }
            if crs == 1 { room[line.count] = 0x0D }
            room[line.count + crs] = 0x0A
            body(LineBlock(bytes: UnsafeBufferPointer(room), firstNumber: number, offset: 0))
        }
    }

    /// How many lines the block holds.
    var lineCount: Int { Self.lineCount(of: bytes) }

    /// How many lines `bytes` holds: its `\n`s, and one more for a last line without its own.
    static func lineCount(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let count = newlines(base, count: bytes.count)
        return bytes.last == 0x0A ? count : count + 1
    }

    /// How many `\n` bytes `base[..<count]` holds, sixteen bytes at a time: the reading thread
    /// counts every line of a log, and `memchr` per line of 30 to 100 bytes was mostly call overhead.
    static func newlines(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        var total = 0
        var i = 0
        while i &+ 16 <= count {
            // A lane's count stays below 256 within a run of 255 vectors.
            var lanes = SIMD16<UInt8>()
            let runEnd = min(count, i &+ 16 &* 255)
            while i &+ 16 <= runEnd {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                // A true lane of the mask is all ones, so subtracting it adds one.
                lanes &-= unsafeBitCast(v .== newline, to: SIMD16<UInt8>.self)
                i &+= 16
            }
            total &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < count {
            if base[i] == 0x0A { total &+= 1 }
            i &+= 1
        }
        return total
    }

    /// Calls `body` with each line, without its `\n` and `\r`, and its number; `body` returns
    /// false to stop, and `forEachLine` then returns where the next line starts.
    @discardableResult
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var at = 0
        var number = firstNumber
        while at < bytes.count {
            var end = bytes.count
            if let hit = memchr(base + at, 0x0A, bytes.count - at) {
                end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var stop = end
            if stop > at && base[stop - 1] == 0x0D { stop -= 1 }
            let next = end + 1
            if !body(UnsafeBufferPointer(start: base + at, count: stop - at), number) { return min(next, bytes.count) }
            number += 1
            at = next
        }
        return bytes.count
    }

    /// Index of the first `\n` in `base[from..<to]`, or `to` when there is none: sixteen bytes
    /// at a time, inline. Slow-log lines are 30 to 100 bytes, where a `memchr` call per line cost
    /// more in calling and setting up than in searching (PostgreSQL's csvlog lines are longer,
    /// and `memchr` is the faster there).
    @inline(__always)
    static func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        var i = from
        while i &+ 16 <= to {
            let block = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            // A true lane is 0xFF: the lowest set byte of the two words is the first newline.
            let words = unsafeBitCast(block .== newline, to: SIMD2<UInt64>.self)
            if words[0] != 0 { return i &+ words[0].trailingZeroBitCount &>> 3 }
            if words[1] != 0 { return i &+ 8 &+ words[1].trailingZeroBitCount &>> 3 }
            i &+= 16
        }
        while i < to, base[i] != 0x0A { i &+= 1 }
        return i
    }

    /// Index of the last `\n` in `base[from..<to]` (lines are short: searched from the end).
    static func lastNewline(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var k = to - 1
        while k >= from {
            if base[k] == 0x0A { return k }
            k -= 1
        }
        return nil
    }

    /// The block from byte `index` (a line start) on.
    func suffix(from index: Int, firstNumber: Int) -> LineBlock {
        LineBlock(
            bytes: UnsafeBufferPointer(rebasing: bytes[index...]), firstNumber: firstNumber, offset: offset + index,
            mapping: mapping)
    }
}
