/// A stream of raw bytes read in large chunks (a file, stdin, or a gzip stream over one of them).
protocol ByteSource {
    /// Appends up to `maxCount` bytes to `buffer`; returns how many, 0 at the end of the input.
    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws(LogReadError) -> Int
    /// Writes up to `room.count` bytes to `room`; returns how many, 0 at the end of the input.
    mutating func read(into room: UnsafeMutableBufferPointer<UInt8>) throws(LogReadError) -> Int
    /// A problem found at the end of the input that did not stop reading (a truncated gzip stream).
    var trailingProblem: String? { get }
    /// Releases the descriptor and any decompressor state.
    mutating func close()
}

extension ByteSource {
    mutating func read(into room: UnsafeMutableBufferPointer<UInt8>) throws(LogReadError) -> Int {
        var bytes: [UInt8] = []
        let got = try read(into: &bytes, maxCount: room.count)
        bytes.withUnsafeBufferPointer {
            if let from = $0.baseAddress { room.baseAddress!.update(from: from, count: got) }
        }
        return got
    }
}
