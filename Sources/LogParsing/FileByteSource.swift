#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes of a file descriptor, read with `read(2)` so the file is never held in memory whole.
struct FileByteSource: ByteSource {
    private var descriptor: Int32
    private let path: String
    private let ownsDescriptor: Bool

    /// Opens `path`, or stdin for `-`.
    init(path: String) throws(LogReadError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .missing(path) }
            throw .unreadable(path, Self.errorText())
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw LogReadError(path: path, message: "is a directory; pass a log file (or - for stdin)")
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path, Self.errorText()) }
        ownsDescriptor = true
    }

    var trailingProblem: String? { nil }

    /// The size of a regular file (nil for stdin, pipes and devices).
    var regularFileSize: Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The file mapped into memory, when it is a plain file that can be (`MappedFile.map`).
    func mapped() -> MappedFile? {
        guard let size = regularFileSize else { return nil }
        return MappedFile.map(descriptor: descriptor, size: size)
    }

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws(LogReadError) -> Int {
        var got = 0
        var failure: Int32 = 0
        // Read into scratch memory, then one bulk append: growing the array by `maxCount` zeros first
        // costs a per-element loop in debug builds (0.5 s per MiB), which every test run paid.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxCount) { scratch in
            while true {
                let n = systemRead(descriptor, scratch.baseAddress!, maxCount)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno } else { got = n }
                break
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<got]))
        }
        if failure != 0 { throw .unreadable(path, String(cString: strerror(failure))) }
        return got
    }

    /// Reads straight into `room`: the log's bytes are copied once on this thread, from the kernel.
    mutating func read(into room: UnsafeMutableBufferPointer<UInt8>) throws(LogReadError) -> Int {
        guard let base = room.baseAddress, !room.isEmpty else { return 0 }
        while true {
            let n = systemRead(descriptor, base, room.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .unreadable(path, String(cString: strerror(errno))) }
            return n
        }
    }

    mutating func close() {
        if ownsDescriptor && descriptor >= 0 { _ = systemClose(descriptor) }
        descriptor = -1
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

// The struct's own `read`/`close` shadow the C functions; these reach them unambiguously.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
