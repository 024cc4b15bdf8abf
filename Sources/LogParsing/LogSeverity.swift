/// The severity word after a stderr prefix (`LOG:`, `DETAIL:`, …); only LOG and DETAIL carry workload.
enum LogSeverity: Equatable, Sendable {
    case log
    case detail
    /// ERROR, STATEMENT, CONTEXT, HINT, WARNING, …: never a workload event.
    case other

    /// Reads `WORD:` at `index`, returning the severity and where the message starts (spaces skipped).
    static func parse(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> (LogSeverity, messageStart: Int)? {
        var i = index
        while i < b.count, b[i] == 0x20 { i += 1 }
        let wordStart = i
        while i < b.count, b[i] &- 0x41 < 26 || (i > wordStart && b[i] &- 0x30 < 10) { i += 1 }
        guard i > wordStart, i - wordStart <= 9, i < b.count, b[i] == 0x3A else { return nil }
        let severity = classify(b, wordStart, i)
        i += 1
        while i < b.count, b[i] == 0x20 { i += 1 }
        return (severity, i)
    }

    /// Whether `WORD` (bytes `from..<to`) is one of PostgreSQL's severities; the generic prefix needs this.
    static func isKnown(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        known.contains(where: { word in
            word.count == to - from && word.indices.allSatisfy { b[from + $0] == word[$0] }
        })
    }

    private static let known: [[UInt8]] = [
        "LOG", "ERROR", "WARNING", "FATAL", "PANIC", "DETAIL", "HINT", "STATEMENT", "CONTEXT", "NOTICE", "INFO",
        "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5", "QUERY", "LOCATION",
    ].map { Array($0.utf8) }

    private static func classify(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> LogSeverity {
        switch to - from {
        case 3 where b[from] == 0x4C && b[from + 1] == 0x4F && b[from + 2] == 0x47: return .log
        case 6 where b[from] == 0x44 && b[from + 1] == 0x45 && b[from + 2] == 0x54 && b[from + 3] == 0x41:
            return .detail
        default: return .other
        }
    }

    /// The same classification for a csv/json `error_severity` value.
    init(text: String) {
        switch text {
        case "LOG": self = .log
        case "DETAIL": self = .detail
        default: self = .other
        }
    }
}
