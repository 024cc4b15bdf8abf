/// A `log_line_prefix` turned into a byte matcher for stderr log lines.
///
/// Escapes that print a timestamp or a number get exact matchers; the others (user, database,
/// application, host, …) run up to the literal text that follows them in the prefix. `%q` marks
/// where non-session processes (checkpointer, autovacuum launcher) stop printing the prefix.
public struct LogLinePrefix: Sendable, Equatable, CustomStringConvertible {
    enum Token: Sendable, Equatable {
        case literal([UInt8])
        /// `%m`, `%t`, `%s`: a formatted timestamp (`%s`, the session start, is not the event time).
        case timestamp(isEventTime: Bool)
        /// `%n`: epoch seconds with milliseconds.
        case epoch
        case pid
        /// `%l`, `%v` parts and other numbers.
        case number
        case sessionID
        case database
        /// `%u %a %h %r %x %v %e %i %Q %b`…: any text up to the next literal.
        case text
        /// `%q`: the rest is printed only by session processes.
        case sessionOnly
    }

    /// The `log_line_prefix` setting this matcher was built from.
    public let setting: String
    let tokens: [Token]

    /// Translates a `log_line_prefix` value (as in postgresql.conf, without quotes).
    public init(_ setting: String) {
        self.setting = setting
        var tokens: [Token] = []
        var literal: [UInt8] = []
        let bytes = Array(setting.utf8)
        var i = 0
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = []
        }
        while i < bytes.count {
            guard bytes[i] == 0x25, i + 1 < bytes.count else {  // '%'
                literal.append(bytes[i])
                i += 1
                continue
            }
            i += 1
            // Padding such as `%-10u` or `%5p`.
            while i < bytes.count - 1, bytes[i] == 0x2D || bytes[i] &- 0x30 < 10 { i += 1 }
            let escape = bytes[i]
            i += 1
            if escape == 0x25 {
                literal.append(0x25)
                continue
            }
            flush()
            switch escape {
            case UInt8(ascii: "m"), UInt8(ascii: "t"): tokens.append(.timestamp(isEventTime: true))
            case UInt8(ascii: "s"): tokens.append(.timestamp(isEventTime: false))
            case UInt8(ascii: "n"): tokens.append(.epoch)
            case UInt8(ascii: "p"): tokens.append(.pid)
            case UInt8(ascii: "l"): tokens.append(.number)
            case UInt8(ascii: "c"): tokens.append(.sessionID)
            case UInt8(ascii: "d"): tokens.append(.database)
            case UInt8(ascii: "q"): tokens.append(.sessionOnly)
            default: tokens.append(.text)
            }
        }
        flush()
        self.tokens = tokens
    }

    public var description: String { setting }

    /// Prefixes tried, most specific first, when the caller does not give one.
    public static let common: [LogLinePrefix] = [
        "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
        "%t [%p]: [%l-1] user=%u,db=%d,host=%h,app=%a ",
        "%t [%p]: [%l-1] db=%d,user=%u,app=%a,client=%h ",
        "%t [%p]: db=%d,user=%u,app=%a,client=%h ",
        "%t [%p]: [%l-1] user=%u,db=%d ",
        "%t [%p]: [%l-1] db=%d,user=%u ",
        "%t [%p]: db=%d,user=%u ",
        "%t [%p]: user=%u,db=%d ",
        "%m [%p] [queryid=%Q] %q%u@%d ",
        "%m [%p] %q%u@%d ",
        "%t [%p] %q%u@%d ",
        "%m [%p] user=%u,db=%d ",
        "%m [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
        "%m [%p]: [%l-1] ",
        "%t [%p]: [%l-1] ",
        "%t:%r:%u@%d:[%p]:",
        "%t:%h:%u@%d:[%p]:",
        "%m [%p] ",
        "%t [%p] ",
        "[%p]: [%l-1] db=%d,user=%u ",
        "%m ",
        "%t ",
    ].map(LogLinePrefix.init)

    /// Matches the prefix at the start of `line` and the severity word after it.
    func match(_ line: UnsafeBufferPointer<UInt8>) -> PrefixMatch? {
        var result = PrefixMatch()
        if let end = match(line, tokenIndex: 0, at: 0, into: &result, stopAtSessionOnly: false),
            let (severity, start) = LogSeverity.parse(line, at: end)
        {
            result.severity = severity
            result.messageStart = start
            return result
        }
        // Background processes print the prefix only up to `%q`.
        guard tokens.contains(.sessionOnly) else { return nil }
        result = PrefixMatch()
        guard let end = match(line, tokenIndex: 0, at: 0, into: &result, stopAtSessionOnly: true),
            let (severity, start) = LogSeverity.parse(line, at: end)
        else { return nil }
        result.severity = severity
        result.messageStart = start
        return result
    }

    private func match(
        _ b: UnsafeBufferPointer<UInt8>, tokenIndex: Int, at index: Int, into result: inout PrefixMatch,
        stopAtSessionOnly: Bool
    ) -> Int? {
        var i = index
        var t = tokenIndex
        while t < tokens.count {
            switch tokens[t] {
            case .literal(let literal):
                guard i + literal.count <= b.count else { return nil }
                for k in 0..<literal.count where b[i + k] != literal[k] { return nil }
                i += literal.count
            case .timestamp(let isEventTime):
                guard let (seconds, end) = LogTimestamp.parse(b, at: i) else { return nil }
                if isEventTime { result.time = seconds }
                i = end
            case .epoch:
                guard let (seconds, end) = LogTimestamp.parseEpoch(b, at: i) else { return nil }
                result.time = seconds
                i = end
            case .pid:
                var pid = 0
                let start = i
                while i < b.count, b[i] &- 0x30 < 10, i - start < 10 {
                    pid = pid * 10 + Int(b[i] &- 0x30)
                    i += 1
                }
                guard i > start else { return nil }
                result.pid = pid
            case .number:
                let start = i
                if i < b.count, b[i] == 0x2D { i += 1 }
                while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
                guard i > start else { return nil }
            case .sessionID:
                let start = i
                while i < b.count, isHex(b[i]) || b[i] == 0x2E { i += 1 }
                guard i > start else { return nil }
                result.sessionID = start..<i
            case .database:
                let start = i
                i = textEnd(b, from: i, next: t + 1)
                result.database = start..<i
            case .text:
                i = textEnd(b, from: i, next: t + 1)
            case .sessionOnly:
                if stopAtSessionOnly { return i }
            }
            t += 1
        }
        return i
    }

    /// Where a free-text field ends: at the next literal of the prefix, or at a space when none follows.
    private func textEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int, next: Int) -> Int {
        var nextToken = next
        while nextToken < tokens.count, tokens[nextToken] == .sessionOnly { nextToken += 1 }
        guard nextToken < tokens.count, case .literal(let literal) = tokens[nextToken], let first = literal.first
        else {
            var i = from
            while i < b.count, b[i] != 0x20 { i += 1 }
            return i
        }
        var i = from
        while i + literal.count <= b.count {
            if b[i] == first {
                var same = true
                for k in 1..<literal.count where b[i + k] != literal[k] {
                    same = false
                    break
                }
                if same { return i }
            }
            i += 1
        }
        return b.count
    }

    private func isHex(_ c: UInt8) -> Bool { c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 6 }
}
