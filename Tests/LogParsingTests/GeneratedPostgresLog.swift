import Foundation

/// Deterministic PostgreSQL logs of one event stream in stderr, csvlog or jsonlog, with every
/// pairing the reader does across lines: `log_statement` lines timed by a later `duration:` line,
/// `execute` with its parameters (stderr: a `DETAIL` line), parse/bind steps, auto_explain plans
/// before and after their statement line or alone (some unreadable, some with equal durations),
/// errors, disconnections with reused pids, two databases, multi-line statements and N+1 bursts.
enum GeneratedPostgresLog {
    enum Format { case stderr, csv, json }

    /// One log event of a backend.
    struct Event {
        var millisecond: Int
        var pid: Int
        var database: String
        var severity: String
        var message: String
        /// csvlog/jsonlog: the event's detail; stderr writes it as a `DETAIL` line of its own.
        var detail: String?
    }

    /// The events of a log with `entries` statements, and how many executions it records.
    static func events(entries: Int, seed: UInt64) -> (events: [Event], executions: Int) {
        var r = GeneratedLog.Random(state: seed)
        var out: [Event] = []
        var executions = 0
        var millisecond = 0
        var plans = 0
        /// Per pid: the database its connection uses, and a `log_statement` line still waiting for its duration.
        var waiting: [Int: String] = [:]
        var burst = (pid: 0, shape: 0, left: 0)
        for _ in 0..<entries {
            millisecond += r.next(4)
            var pid = 30_000 + r.next(12)
            var shape = r.next(40)
            if burst.left > 0 {
                (pid, shape) = (burst.pid, burst.shape)
                burst.left -= 1
            } else if r.next(30) == 0 {
                burst = (pid, shape, 5 + r.next(10))
            }
            let database = pid % 3 == 0 ? "other" : "shop"
            func event(_ severity: String, _ message: String, detail: String? = nil) {
                out.append(
                    Event(
                        millisecond: millisecond, pid: pid, database: database, severity: severity, message: message,
                        detail: detail))
            }
            // Durations from a small set now and then, so plans of one group tie.
            let ms =
                r.next(4) == 0
                ? String(format: "%.3f", Double(1 + r.next(3))) : String(format: "%.3f", Double(r.next(900_000)) / 1000)
            func planText(_ sql: String) -> String {
                plans += 1
                // Every seventh plan is not one PlanParser reads.
                if plans % 7 == 0 { return "duration: \(ms) ms  plan:\n{\"Query Text\": \(quoted(sql)), \"Plan\": 7}" }
                return
                    "duration: \(ms) ms  plan:\n{\n  \"Query Text\": \(quoted(sql)),\n  \"Plan\": {\"Node Type\": "
                    + "\"Seq Scan\", \"Relation Name\": \"t\(shape % 13)\", \"Total Cost\": \(r.next(900)).5, "
                    + "\"Plan Rows\": \(r.next(99))}\n}"
            }
            if let sql = waiting.removeValue(forKey: pid) {
                // The duration of the statement this connection's log_statement line announced.
                if r.next(3) == 0 { event("LOG", planText(sql)) }
                event("LOG", "duration: \(ms) ms")
                executions += 1
                continue
            }
            var parameters: [String]? = r.next(3) == 0 ? [] : nil
            var none: [String]? = nil
            let sql = GeneratedLog.statement(shape, &r, parameters: &parameters)
            switch r.next(60) {
            case 0:
                event("LOG", "disconnection: session time: 0:00:01.000 user=app database=\(database) host=::1")
            case 1:
                event("ERROR", "syntax error at or near \"FORM\" at character 10")
                event("STATEMENT", "SELECT 1 FORM t")
            case 2:
                event("LOG", "duration: \(ms) ms  statement: SELEKT \(r.next(9)) FROM nowhere")
                executions += 1
            case 3...8:
                // log_statement: the duration comes with the connection's next event.
                let text = GeneratedLog.statement(shape, &r, parameters: &none)
                event("LOG", "statement: \(text)")
                waiting[pid] = text
            case 9...11:
                // auto_explain alone, or before the statement line that times it; of statements
                // only these make (the extended protocol's plan after an `execute` would go with it).
                let text = "SELECT * FROM planned\(shape % 5) WHERE id = \(r.next(1_000))"
                event("LOG", planText(text))
                if r.next(2) == 0 { event("LOG", "duration: \(ms) ms  statement: \(text)") }
                executions += 1
            default:
                if let parameters {
                    let list = parameters.enumerated().map { "$\($0.offset + 1) = \($0.element)" }
                    let detail = list.isEmpty ? nil : "parameters: \(list.joined(separator: ", "))"
                    if r.next(4) == 0 {
                        event("LOG", "duration: 0.010 ms  parse <unnamed>: \(sql)")
                        event("LOG", "duration: 0.010 ms  bind <unnamed>: \(sql)", detail: detail)
                    }
                    event("LOG", "duration: \(ms) ms  execute <unnamed>: \(sql)", detail: detail)
                    // Extended protocol: the executor ends (and auto_explain logs) after the execute line.
                    if r.next(5) == 0 { event("LOG", planText(sql)) }
                } else {
                    event("LOG", "duration: \(ms) ms  statement: \(sql)")
                }
                executions += 1
            }
        }
        return (out, executions + waiting.count)
    }

    /// The events written as `format`.
    static func render(_ events: [Event], as format: Format) -> String {
        var out = ""
        var sessions: [Int: Int] = [:]
        for e in events {
            let stamp = String(
                format: "2024-05-10 17:%02d:%02d.%03d UTC", e.millisecond / 60_000 % 60, e.millisecond / 1000 % 60,
                e.millisecond % 1000)
            let session = "6630a1b2.\(String(e.pid, radix: 16))\(sessions[e.pid] ?? 0)"
            switch format {
            case .stderr:
                let prefix = "\(stamp) [\(e.pid)] app@\(e.database) "
                out += prefix + "\(e.severity):  " + e.message.replacingOccurrences(of: "\n", with: "\n\t") + "\n"
                if let detail = e.detail { out += prefix + "DETAIL:  \(detail)\n" }
            case .csv:
                func field(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                out +=
                    "\(stamp),\"app\",\"\(e.database)\",\(e.pid),\"10.0.0.1:5432\",\(session),1,\"SELECT\","
                    + "2024-05-10 17:00:00 UTC,3/0,0,\(e.severity),00000,\(field(e.message)),"
                    + "\(e.detail.map(field) ?? ""),,,,,,,,\"psql\"\n"
            case .json:
                out +=
                    "{\"timestamp\":\"\(stamp)\",\"pid\":\(e.pid),\"session_id\":\"\(session)\",\"dbname\":"
                    + "\"\(e.database)\",\"error_severity\":\"\(e.severity)\",\"message\":\(quoted(e.message))"
                    + (e.detail.map { ",\"detail\":\(quoted($0))" } ?? "") + "}\n"
            }
            if e.message.hasPrefix("disconnection:") { sessions[e.pid, default: 0] += 1 }
        }
        return out
    }

    /// `text` as a JSON string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
