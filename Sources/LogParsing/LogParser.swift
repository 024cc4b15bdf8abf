import AdvisorCore

/// A streaming reader of one log format: fed blocks of lines (or line by line), then finished
/// into a `Workload`.
protocol LogParser {
    /// Reads one line of the log.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int)
    /// Reads a block of whole lines (by default, line by line).
    mutating func feed(block: LineBlock)
    /// Adds a diagnostic from the line source (truncated gzip, overlong lines).
    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic)
    /// The input holds `bytes` bytes (a plain file; not called for stdin or gzip), before any is fed.
    mutating func expectInput(bytes: Int)
    /// The workload read so far, with everything pending flushed.
    mutating func finish() -> Workload
    /// What the log was read as, for `Workload.sources`.
    var formatDescription: String { get }
    /// The format recognised so far; `nil` until a line told it (an empty log never does).
    var format: LogFormat? { get }
    /// The shapes worked out while reading (each N+1-followed group's sample), by statement text.
    var shapes: [String: QueryShape] { get }
}

extension LogParser {
    mutating func expectInput(bytes: Int) {}

    mutating func feed(block: LineBlock) {
        block.forEachLine { line, number in
            feed(line, number: number)
            return true
        }
    }
}
