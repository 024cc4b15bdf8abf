import Reports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reports on stdout, through the buffered stream `print` writes to.
enum StandardOutput {
    /// `value`'s JSON report and a newline, as `print(try report.json())` writes them, without
    /// making a `String` of megabytes first (checking its UTF-8 cost ~10 instructions a byte).
    static func printJSON<T: Encodable>(_ value: T) throws {
        var text = try ReportJSON.bytes(value)
        // `puts` writes to the stream `print` does, then the newline; JSON text holds no NUL byte.
        text.append(0)
        text.withUnsafeBufferPointer { _ = puts(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
    }
}
