import Foundation

/// Deterministic synthetic logs for tests that need many entries: dozens of statement shapes with
/// changing literals, N+1 bursts on one connection, multi-line statements, and the odd entries
/// (server restart, MariaDB `# explain:` lines, administrator commands, unparsable SQL,
/// `log_statement` lines timed by a later `duration:` line).
enum GeneratedLog {
    /// SplitMix64: the same numbers on every platform and run.
    struct Random {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let words = ["paid", "new", "it''s", "x", "shipped", "über", "a,b", "(x)", "refund"]

    /// A statement of shape `shape` with fresh literals; `$n` placeholders when `parameters` is given.
    static func statement(_ shape: Int, _ r: inout Random, parameters: inout [String]?) -> String {
        func literal(_ text: String, quoted: Bool) -> String {
            guard parameters != nil else { return quoted ? "'\(text)'" : text }
            parameters!.append("'\(text)'")
            return "$\(parameters!.count)"
        }
        func number() -> String { literal(String(r.next(10_000_000)), quoted: false) }
        func word() -> String { literal(words[r.next(words.count)] + String(r.next(100)), quoted: true) }
        let table = "t\(shape % 13)"
        switch shape % 8 {
        case 0: return "SELECT c\(shape) FROM \(table) WHERE id = \(number())"
        case 1: return "SELECT * FROM \(table) WHERE name = \(word()) AND v\(shape) > \(number())"
        case 2:
            return
                "SELECT id FROM \(table) WHERE k\(shape) IN (\((0...r.next(6)).map { _ in number() }.joined(separator: ",")))"
        case 3: return "INSERT INTO \(table) (a, b\(shape)) VALUES (\(number()), \(word())),(\(number()), \(word()))"
        case 4: return "UPDATE \(table) SET s\(shape) = \(word()) WHERE id = \(number())"
        case 5: return "SELECT a, count(*)\n  FROM \(table)\n  WHERE d\(shape) > \(number())\n  GROUP BY a"
        case 6: return "DELETE FROM \(table) WHERE id = \(number()) LIMIT \(number())"
        default:
            return "SELECT * FROM \(table) t JOIN u\(shape) o ON o.id = t.id WHERE t.x = \(word()) ORDER BY 1 LIMIT 10"
        }
    }

    /// A MySQL 8 slow log with `entries` entries and how many executions it records.
    static func slowLog(entries: Int, seed: UInt64) -> (text: String, executions: Int) {
        var r = Random(state: seed)
        var out =
            "/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:\n"
            + "Tcp port: 3306  Unix socket: /tmp/mysql.sock\nTime                 Id Command    Argument\n"
        var executions = 0
        var burst = (thread: 0, shape: 0, left: 0)
        var second = 1_715_363_109
        var none: [String]? = nil
        for n in 0..<entries {
            if n == entries / 2 {
                // A restart: thread ids start again, so sessions must not run together.
                out +=
                    "/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:\n"
                    + "Tcp port: 3306  Unix socket: /tmp/mysql.sock\nTime                 Id Command    Argument\n"
            }
            var thread = 1 + r.next(30)
            var shape = r.next(60)
            if burst.left > 0 {
                (thread, shape) = (burst.thread, burst.shape)
                burst.left -= 1
            } else if r.next(40) == 0 {
                burst = (thread, shape, 5 + r.next(20))
            }
            second += r.next(2)
            let ms = Double(1 + r.next(500_000)) / 1000 * Double(1 + shape % 5)
            if r.next(3) > 0 {
                out += "# Time: 2024-05-10T17:45:\(String(format: "%02d", second % 60)).\(r.next(999_999))Z\n"
            }
            out += "# User@Host: app[app] @ 10.0.0.\(thread) []  Id: \(thread)\n"
            out +=
                "# Query_time: \(String(format: "%.6f", ms / 1000))  Lock_time: 0.000010 Rows_sent: \(r.next(50))"
                + "  Rows_examined: \(r.next(100_000))\n"
            if shape % 8 == 0 && r.next(4) == 0 {
                out +=
                    "# explain: id\tselect_type\ttable\ttype\tpossible_keys\tkey\tkey_len\tref\trows\tr_rows"
                    + "\tfiltered\tr_filtered\tExtra\n"
                out +=
                    "# explain: 1\tSIMPLE\tt\(shape % 13)\tALL\tNULL\tNULL\tNULL\tNULL\t\(r.next(9000))"
                    + "\t5.00\t100.00\t10.00\tUsing where\n"
            }
            if r.next(50) == 0 { out += "use db\(r.next(3));\n" }
            out += "SET timestamp=\(second);\n"
            switch r.next(400) {
            case 0:
                out += "# administrator command: Quit;\n"
                executions += 1
            case 1:
                // Cut short: the next entry follows its header directly.
                break
            default:
                out += statement(shape, &r, parameters: &none) + ";\n"
                executions += 1
            }
        }
        return (out, executions)
    }

    /// A PostgreSQL stderr log (`%m [%p] %q%u@%d `) with `entries` events and how many executions.
    static func postgresLog(entries: Int, seed: UInt64) -> (text: String, executions: Int) {
        var r = Random(state: seed)
        var out = ""
        var executions = 0
        var millisecond = 0
        for _ in 0..<entries {
            millisecond += r.next(5)
            let pid = 20_000 + r.next(25)
            let prefix =
                "2024-05-10 17:45:\(String(format: "%02d.%03d", millisecond / 1000 % 60, millisecond % 1000)) UTC [\(pid)] app@shop "
            let shape = r.next(50)
            let ms = String(format: "%.3f", Double(r.next(900_000)) / 1000)
            var parameters: [String]? = r.next(2) == 0 ? [] : nil
            let sql = statement(shape, &r, parameters: &parameters).replacingOccurrences(of: "\n", with: "\n\t")
            switch r.next(200) {
            case 0:
                out += prefix + "LOG:  disconnection: session time: 0:00:01.000 user=app database=shop host=::1\n"
            case 1:
                out += prefix + "LOG:  duration: \(ms) ms  statement: SELECT FROM WHERE \(r.next(9)) \(r.next(9))\n"
                executions += 1
            case 2, 3:
                // log_statement logs the text; its duration comes on a line of its own.
                var none: [String]? = nil
                out += prefix + "LOG:  statement: \(statement(shape, &r, parameters: &none))\n"
                out += prefix + "LOG:  duration: \(ms) ms\n"
                executions += 1
            default:
                if let parameters {
                    out += prefix + "LOG:  duration: \(ms) ms  execute <unnamed>: \(sql)\n"
                    if !parameters.isEmpty {
                        let list = parameters.enumerated().map { "$\($0.offset + 1) = \($0.element)" }
                        out += prefix + "DETAIL:  parameters: \(list.joined(separator: ", "))\n"
                    }
                } else {
                    out += prefix + "LOG:  duration: \(ms) ms  statement: \(sql)\n"
                }
                executions += 1
            }
        }
        return (out, executions)
    }
}
