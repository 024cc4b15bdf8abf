/// Turns the lines of one PostgreSQL log format into log events.
protocol PostgresEntryReader {
    /// Reads one line; completed events are appended to `events`, lines that fit nothing to `unparsed`.
    mutating func feed(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, unparsed: inout UnparsedLines,
        events: inout [PostgresLogEntry])
    /// Emits the event still being assembled at the end of the input.
    mutating func finish(unparsed: inout UnparsedLines, events: inout [PostgresLogEntry])
}
