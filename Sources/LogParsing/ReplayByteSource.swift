/// Gives back bytes already read (to sniff the gzip magic) before the rest of the underlying source.
struct ReplayByteSource: ByteSource {
    private var pending: [UInt8]
    private var rest: any ByteSource

    init(replaying pending: [UInt8], then rest: any ByteSource) {
        self.pending = pending
        self.rest = rest
    }

    var trailingProblem: String? { rest.trailingProblem }

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws(LogReadError) -> Int {
        guard pending.isEmpty else {
            let count = min(maxCount, pending.count)
            buffer.append(contentsOf: pending[..<count])
            pending.removeFirst(count)
            return count
        }
        return try rest.read(into: &buffer, maxCount: maxCount)
    }

    mutating func read(into room: UnsafeMutableBufferPointer<UInt8>) throws(LogReadError) -> Int {
        guard pending.isEmpty else {
            let count = min(room.count, pending.count)
            pending.withUnsafeBufferPointer { room.baseAddress!.update(from: $0.baseAddress!, count: count) }
            pending.removeFirst(count)
            return count
        }
        return try rest.read(into: room)
    }

    mutating func close() { rest.close() }
}
