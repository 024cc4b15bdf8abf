import CZlib

/// Decompresses a gzip stream (also concatenated members) with zlib's inflate, chunk by chunk.
///
/// A class because zlib keeps a pointer back to its `z_stream` and refuses a stream that moved.
final class GzipByteSource: ByteSource {
    private var input: any ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private var compressed: [UInt8] = []
    private var compressedOffset = 0
    private var inputEnded = false
    private var finished = false
    private var memberOpen = false
    private var consumed = 0
    private(set) var trailingProblem: String?

    /// Wraps `input`; 15 + 32 lets inflate recognise gzip and zlib headers itself.
    init(wrapping input: any ByteSource, path: String) throws(LogReadError) {
        self.input = input
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw LogReadError(path: path, message: "zlib could not start decompressing (error \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func read(into buffer: inout [UInt8], maxCount: Int) throws(LogReadError) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: maxCount))
        var produced = 0
        while produced == 0 && !finished {
            if compressedOffset == compressed.count && !inputEnded {
                compressed.removeAll(keepingCapacity: true)
                compressedOffset = 0
                if try input.read(into: &compressed, maxCount: 1 << 20) == 0 { inputEnded = true }
            }
            let available = compressed.count - compressedOffset
            if available == 0 && inputEnded {
                if memberOpen {
                    trailingProblem = "gzip stream ends early after \(consumed) compressed bytes (truncated file?)"
                }
                finished = true
                break
            }
            let status: Int32 = compressed.withUnsafeMutableBufferPointer { inBuf in
                buffer.withUnsafeMutableBufferPointer { outBuf in
                    stream.pointee.next_in = inBuf.baseAddress! + compressedOffset
                    stream.pointee.avail_in = UInt32(available)
                    stream.pointee.next_out = outBuf.baseAddress! + start + produced
                    stream.pointee.avail_out = UInt32(maxCount - produced)
                    return inflate(stream, Z_NO_FLUSH)
                }
            }
            let used = available - Int(stream.pointee.avail_in)
            compressedOffset += used
            consumed += used
            produced = maxCount - Int(stream.pointee.avail_out)
            memberOpen = true
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                // Concatenated gzip members (`cat a.gz b.gz`) are one valid stream: start the next one.
                memberOpen = false
                inflateReset(stream)
            default:
                trailingProblem = "corrupt gzip data after \(consumed) compressed bytes (zlib error \(status))"
                finished = true
            }
            if status == Z_STREAM_END && compressedOffset == compressed.count && inputEnded { finished = true }
        }
        buffer.removeLast(maxCount - produced)
        return produced
    }

    func close() {
        input.close()
    }
}
