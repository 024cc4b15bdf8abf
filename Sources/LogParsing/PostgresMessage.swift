/// What a LOG message says about the workload, read from its first bytes.
enum PostgresMessage: Equatable {
    /// `duration: … ms  statement: …`, `duration: … ms  execute <name>: …`, or the same without
    /// duration (`log_statement`); `sqlStart` indexes the statement text.
    case execution(sqlStart: Int, durationMs: Double?, isExecute: Bool)
    /// `duration: … ms` alone: the time of a statement `log_statement` already logged.
    case bareDuration(Double)
    /// `duration: … ms  plan:` + auto_explain output starting at `bodyStart`.
    case plan(durationMs: Double, bodyStart: Int)
    /// `parse <name>:`, `bind <name>:`: protocol steps of an execution logged separately.
    case protocolStep
    /// Anything else: checkpoints, connections, autovacuum, lock waits, …
    case other

    /// Whether a message starting with these bytes may be workload (so its text is worth keeping).
    static func mayBeWorkload(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard start < b.count else { return false }
        switch b[start] {
        case UInt8(ascii: "d"): return hasPrefix(b, start, duration)
        case UInt8(ascii: "s"): return hasPrefix(b, start, statement)
        case UInt8(ascii: "e"): return hasPrefix(b, start, execute)
        default: return false
        }
    }

    /// Classifies a LOG message.
    static func classify(_ b: UnsafeBufferPointer<UInt8>) -> PostgresMessage {
        if hasPrefix(b, 0, statement) {
            return .execution(sqlStart: statement.count, durationMs: nil, isExecute: false)
        }
        if hasPrefix(b, 0, execute), let sql = afterName(b, execute.count) {
            return .execution(sqlStart: sql, durationMs: nil, isExecute: true)
        }
        guard hasPrefix(b, 0, duration) else { return .other }
        var i = duration.count
        guard let ms = number(b, &i) else { return .other }
        // ` ms`, then two spaces before the statement (one in some vendors' logs).
        while i < b.count, b[i] == 0x20 { i += 1 }
        guard hasPrefix(b, i, milliseconds) else { return .other }
        i += milliseconds.count
        while i < b.count, b[i] == 0x20 { i += 1 }
        if i >= b.count { return .bareDuration(ms) }
        if hasPrefix(b, i, statement) {
            return .execution(sqlStart: i + statement.count, durationMs: ms, isExecute: false)
        }
        if hasPrefix(b, i, execute) {
            guard let sql = afterName(b, i + execute.count) else { return .other }
            return .execution(sqlStart: sql, durationMs: ms, isExecute: true)
        }
        if hasPrefix(b, i, plan) {
            var body = i + plan.count
            while body < b.count, b[body] == 0x20 || b[body] == 0x0A || b[body] == 0x09 { body += 1 }
            return .plan(durationMs: ms, bodyStart: body)
        }
        if hasPrefix(b, i, parse) || hasPrefix(b, i, bind) { return .protocolStep }
        return .other
    }

    /// `parameters: $1 = …` of a DETAIL event.
    static func parametersStart(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        hasPrefix(b, 0, parameters) ? parameters.count : nil
    }

    private static let duration = Array("duration: ".utf8)
    private static let milliseconds = Array("ms".utf8)
    private static let statement = Array("statement: ".utf8)
    private static let execute = Array("execute ".utf8)
    private static let parse = Array("parse ".utf8)
    private static let bind = Array("bind ".utf8)
    private static let plan = Array("plan:".utf8)
    private static let parameters = Array("parameters: ".utf8)

    private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: [UInt8]) -> Bool {
        guard at + p.count <= b.count else { return false }
        for k in 0..<p.count where b[at + k] != p[k] { return false }
        return true
    }

    /// After `execute <name>`: the index following `: `.
    private static func afterName(_ b: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int? {
        var i = from
        while i + 1 < b.count {
            if b[i] == 0x3A && b[i + 1] == 0x20 { return i + 2 }
            if b[i] == 0x0A { return nil }
            i += 1
        }
        return nil
    }

    /// A decimal as mantissa / 10^k, so `688786.283` reads exactly as the text says (no summed fractions).
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Double? {
        var mantissa = 0
        var scale = 1.0
        let start = i
        while i < b.count, b[i] &- 0x30 < 10, i - start < 18 {
            mantissa = mantissa * 10 + Int(b[i] &- 0x30)
            i += 1
        }
        guard i > start else { return nil }
        if i < b.count, b[i] == 0x2E {
            i += 1
            while i < b.count, b[i] &- 0x30 < 10 {
                if scale < 1e15 {
                    mantissa = mantissa * 10 + Int(b[i] &- 0x30)
                    scale *= 10
                }
                i += 1
            }
        }
        return Double(mantissa) / scale
    }
}
