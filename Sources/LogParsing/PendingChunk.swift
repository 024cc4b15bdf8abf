/// The whole lines a log parser's reading thread gathers for its next chunk (both log parsers cut
/// their input so): from a mapped file, a range of the mapping, taken without copying; else
/// appended with `memcpy` into room for a whole chunk, handed over whole, and the buffer of a chunk
/// already merged reused for the next one.
///
/// Reusing matters: a fresh buffer of megabytes per chunk is zero-filled by the kernel page by page
/// as it is first written (a tenth of the reading thread's time on a 100 MB slow log), and buffers
/// allocated on this thread and freed on workers let the C allocator's heaps grow.
///
/// The first chunks are smaller (`targetBytes(unreadFrom:)`), so the workers start sooner, and
/// towards the end of an input of known size they get smaller again, so the workers finish together
/// instead of one reading the last big chunk while the others wait.
struct PendingChunk {
    /// About how many bytes a chunk holds; room is made for a bit more, so the line that fills it fits.
    let chunkBytes: Int
    /// The input's size, when known (a plain file), and the threads reading chunks: the last
    /// chunks are made smaller.
    var inputBytes: Int?
    var threads = 1
    /// The gathered lines, each ending with `\n`: the first `count` bytes of `bytes`, or of the
    /// mapping at `mapped` while every line came from there, one after the other.
    private var bytes: [UInt8] = []
    private var mapped: (file: MappedFile, start: UnsafePointer<UInt8>)?
    private(set) var count = 0
    /// 1-based number of the first gathered line.
    var firstLine = 1
    /// A merged chunk's buffer, for the next chunk.
    private var spare: [UInt8] = []
    /// Chunks handed over so far.
    private(set) var handedOver = 0

    init(chunkBytes: Int) {
        self.chunkBytes = chunkBytes
    }

    var isEmpty: Bool { count == 0 }

    /// How many bytes the chunk being gathered should hold, the input's bytes from stream offset
    /// `offset` on not yet appended: `chunkBytes`, with several threads less for the first four
    /// chunks (a sixteenth, an eighth, a quarter, a half: the workers start on the first while the
    /// reading thread is still cutting, where a whole first chunk kept them waiting), and near the
    /// end of an input of known size a share of what is left (guided scheduling: each chunk a
    /// `2 × threads`-th of the rest), so the last chunks are small. Never below a sixteenth of
    /// `chunkBytes`: handing a chunk over and merging it costs about as much as reading a few
    /// kilobytes.
    func targetBytes(unreadFrom offset: Int) -> Int {
        guard threads > 1 else { return chunkBytes }
        let smallest = max(chunkBytes / 16, 1)
        var target = max(chunkBytes >> max(0, 4 - handedOver), smallest)
        if let inputBytes {
            let left = count + max(0, inputBytes - offset)
            target = min(target, max(left / (2 * threads), smallest))
        }
        return target
    }

    /// Appends whole lines of `block` (`lines` lies in its bytes): a mapped block's lines after
    /// lines just before them in the mapping by counting them only, others with `memcpy` (the
    /// generic `append(contentsOf:)` cost more than the rest of the reading thread's work).
    mutating func append(_ lines: UnsafeBufferPointer<UInt8>, of block: LineBlock) {
        guard let from = lines.baseAddress, !lines.isEmpty else { return }
        if let file = block.mapping {
            if count == 0 {
                mapped = (file, from)
                count = lines.count
                return
            }
            if let mapped, mapped.start + count == from {
                count += lines.count
                return
            }
        }
        append(lines)
    }

    /// Appends `lines` by copying them.
    private mutating func append(_ lines: UnsafeBufferPointer<UInt8>) {
        guard let from = lines.baseAddress, !lines.isEmpty else { return }
        if let (_, start) = mapped {
            // Not the mapping's next bytes (the newline the input's last line lacked): the lines
            // so far are copied first.
            mapped = nil
            let kept = count
            count = 0
            append(UnsafeBufferPointer(start: start, count: kept))
        }
        let needed = count + lines.count
        if needed > bytes.count { grow(to: needed) }
        bytes.withUnsafeMutableBufferPointer { room in
            (room.baseAddress! + count).update(from: from, count: lines.count)
        }
        count = needed
    }

    /// Ends the last gathered line (a block that ended without its newline: the end of the input,
    /// a cut line).
    mutating func appendNewline() {
        withUnsafePointer(to: UInt8(0x0A)) { append(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// The gathered lines, handed over; gathering starts again, empty, in the spare buffer if there
    /// is one.
    mutating func takeLines() -> ChunkLines {
        handedOver += 1
        defer { count = 0 }
        if let (file, start) = mapped {
            mapped = nil
            return ChunkLines(buffer: [], mapping: file, start: start, count: count)
        }
        let taken = ChunkLines(buffer: bytes, mapping: nil, start: nil, count: count)
        bytes = spare
        spare = []
        return taken
    }

    /// Takes back a handed-over chunk's memory once it is merged: its buffer for a later chunk, or
    /// the mapped pages before its end.
    mutating func recycle(_ lines: ChunkLines) {
        if let file = lines.mapping, let start = lines.start {
            file.release(upTo: file.base.distance(to: start) + lines.count)
        } else if lines.buffer.count > spare.count {
            spare = lines.buffer
        }
    }

    /// The first byte of the last gathered line (0 when there is none).
    var lastLineFirstByte: UInt8 {
        guard count > 0 else { return 0 }
        func first(_ p: UnsafePointer<UInt8>) -> UInt8 {
            var k = count - 1
            while k > 0 && p[k - 1] != 0x0A { k -= 1 }
            return p[k]
        }
        if let (_, start) = mapped { return first(start) }
        return bytes.withUnsafeBufferPointer { first($0.baseAddress!) }
    }

    /// Makes room for `needed` bytes: room for a whole chunk at once, and nothing is zeroed first.
    private mutating func grow(to needed: Int) {
        let size = max(needed, 2 * bytes.count, min(chunkBytes + chunkBytes / 4, 64 << 20) + 4_096)
        let kept = count
        bytes = bytes.withUnsafeBufferPointer { old in
            [UInt8](unsafeUninitializedCapacity: size) { room, initialized in
                if let from = old.baseAddress { room.baseAddress!.update(from: from, count: kept) }
                // Bytes past `count` are never read; UInt8 needs no initialization to be overwritten.
                initialized = size
            }
        }
    }
}

/// A chunk's lines, each ending with `\n`: the first `count` bytes of a buffer of the reading
/// thread's, or a range of a mapped file (kept mapped while a chunk holds it).
struct ChunkLines: @unchecked Sendable {
    // Unchecked: a chunk's lines are read by one thread at a time, handed over through a lock.
    fileprivate let buffer: [UInt8]
    fileprivate let mapping: MappedFile?
    fileprivate let start: UnsafePointer<UInt8>?
    let count: Int

    /// Calls `body` with the lines.
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let start { return try body(UnsafeBufferPointer(start: start, count: count)) }
        return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }
}
