import AdvisorCore

/// A streaming reader of one log format: fed blocks of lines (or line by line), then finished
/// into a `Workload`.
protocol LogParser {
    /// Reads one line of the log.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int)
    /// Reads a block of whole lines (by default, line by line) and returns how many it held (its
    /// `lineCount`): the parsers go through every line anyway, so the reader need not count them
    /// again to number the next block.
    @discardableResult mutating func feed(block: LineBlock) -> Int
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

    @discardableResult mutating func feed(block: LineBlock) -> Int {
        var lines = 0
        block.forEachLine { line, number in
            feed(line, number: number)
            lines += 1
            return true
        }
        return lines
    }
}
