/// What a stderr line's prefix told about the line: who, when, where the message starts.
struct PrefixMatch {
    var time: Double?
    var pid: Int?
    /// `%c` session id bytes.
    var sessionID: Range<Int>?
    /// `%d` database name bytes.
    var database: Range<Int>?
    var severity: LogSeverity = .other
    /// Index of the message's first byte (after `LOG:  `).
    var messageStart = 0
}
