import AdvisorCore
import Foundation

/// The SELECT that reads the rows a write or a locking read would touch, for planning it with a
/// role that may only read.
///
/// PostgreSQL and MySQL/MariaDB check a statement's own privileges even for a plain EXPLAIN, so a
/// read-only role cannot plan `UPDATE`, `DELETE` or `SELECT … FOR UPDATE`. The rows such a
/// statement finds are found by the same access path as the SELECT with its FROM and WHERE, which
/// is what pt-index-usage plans too. The rewrite works on the dialect's tokens (never on raw text,
/// so strings and comments cannot confuse it) and is validated by the caller's parser.
struct ReadOnlyRewrite {
    enum Dialect { case postgres, mysql }

    let sql: String
    let dialect: Dialect
    private let utf8: [UInt8]
    private let tokens: [SQLToken]
    /// Parenthesis depth before each token.
    private let depth: [Int]

    init(sql: String, tokens: [SQLToken], dialect: Dialect) {
        self.sql = sql
        self.dialect = dialect
        utf8 = Array(sql.utf8)
        var significant = tokens.filter { $0.kind != .comment }
        if significant.last?.text == ";" { significant.removeLast() }
        self.tokens = significant
        var level = 0
        var depth: [Int] = []
        for token in significant {
            if token.text == ")" { level = max(0, level - 1) }
            depth.append(level)
            if token.text == "(" { level += 1 }
        }
        self.depth = depth
    }

    /// The read-only equivalent, or `nil` when the statement already reads only, has no query
    /// part (`INSERT … VALUES`), or has no such equivalent (`WHERE CURRENT OF`).
    func rewrite() -> String? {
        guard let verb = mainVerb() else { return nil }
        let prefix = text(bytes: 0..<tokens[verb].range.lowerBound)
        var end = tokens.count
        if dialect == .postgres, let returning = find(["RETURNING"], from: verb + 1) { end = returning }
        let body: String?
        switch tokens[verb].word {
        case "SELECT": body = withoutLockingClauses(from: verb, to: end)
        case "UPDATE": body = update(verb, end)
        case "DELETE": body = delete(verb, end)
        case "INSERT", "REPLACE": body = insertQuery(verb, end)
        default: body = nil
        }
        guard let body else { return nil }
        // An INSERT … SELECT's own WITH belongs to its query part, which starts the body.
        return (prefix + body).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `equivalent` (the rewrite's shape) reads the way `original` does: a SELECT over
    /// tables of the original, keeping every predicate on them (the SET list's subqueries may go).
    static func isFaithful(_ equivalent: QueryShape, to original: QueryShape) -> Bool {
        let tables = Set(original.tables.map { $0.name.lowercased() })
        return equivalent.kind == .select && !equivalent.tables.isEmpty
            && equivalent.tables.allSatisfy { tables.contains($0.name.lowercased()) }
            && original.predicates.filter { p in equivalent.tables.contains { $0.name == p.column.table } }
                .allSatisfy(equivalent.predicates.contains)
    }

    /// The statement's verb: the first top-level SELECT/UPDATE/DELETE/INSERT/REPLACE, after a WITH clause.
    private func mainVerb() -> Int? {
        let verbs: Set<String> = ["SELECT", "UPDATE", "DELETE", "INSERT", "REPLACE"]
        return tokens.indices.first { depth[$0] == 0 && tokens[$0].word.map(verbs.contains) == true }
    }

    private func update(_ verb: Int, _ end: Int) -> String? {
        guard let set = find(["SET"], from: verb + 1, to: end) else { return nil }
        var targetStart = verb + 1
        while targetStart < set, ["ONLY", "LOW_PRIORITY", "IGNORE"].contains(tokens[targetStart].word ?? "") {
            targetStart += 1
        }
        guard targetStart < set else { return nil }
        let target = text(targetStart, set)
        var sources = target
        var tail: String?
        if let next = find(["FROM", "WHERE", "ORDER", "LIMIT"], from: set + 1, to: end) {
            if tokens[next].word == "FROM" {
                let condition = find(["WHERE"], from: next + 1, to: end)
                sources += ", " + text(next + 1, condition ?? end)
                tail = condition.map { text($0, end) }
            } else {
                tail = text(next, end)
            }
        }
        return select(from: sources, tail: tail)
    }

    private func delete(_ verb: Int, _ end: Int) -> String? {
        guard let from = find(["FROM"], from: verb + 1, to: end) else { return nil }
        let using = find(["USING"], from: from + 1, to: end)
        let condition = find(["WHERE", "ORDER", "LIMIT"], from: (using ?? from) + 1, to: end)
        var start = from + 1
        while start < end, ["ONLY", "LOW_PRIORITY", "QUICK", "IGNORE"].contains(tokens[start].word ?? "") { start += 1 }
        let sources: String
        switch (dialect, using) {
        case (.mysql, let using?):
            // DELETE FROM t1, t2 USING t1 JOIN t2 …: FROM names the targets, USING the tables read.
            sources = text(using + 1, condition ?? end)
        case (.postgres, let using?):
            sources = text(start, using) + ", " + text(using + 1, condition ?? end)
        case (_, nil):
            sources = text(start, condition ?? end)
        }
        guard !sources.isEmpty else { return nil }
        return select(from: sources, tail: condition.map { text($0, end) })
    }

    /// `INSERT … SELECT`: its query part, without ON DUPLICATE KEY / ON CONFLICT.
    private func insertQuery(_ verb: Int, _ end: Int) -> String? {
        guard let query = find(["SELECT", "WITH"], from: verb + 1, to: end) else { return nil }
        var stop = end
        for index in query..<end where depth[index] == 0 && tokens[index].word == "ON" && index + 1 < end {
            if ["DUPLICATE", "CONFLICT"].contains(tokens[index + 1].word ?? "") {
                stop = index
                break
            }
        }
        return (withoutLockingClauses(from: query, to: stop) ?? text(query, stop))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The SELECT without FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE [OF …]
    /// [NOWAIT | SKIP LOCKED | WAIT n] and MySQL's LOCK IN SHARE MODE; `nil` when it has none.
    private func withoutLockingClauses(from start: Int, to end: Int) -> String? {
        var cuts: [Range<Int>] = []
        var index = start
        while index < end {
            guard depth[index] == 0, let word = tokens[index].word else {
                index += 1
                continue
            }
            var next = index + 1
            if word == "FOR" {
                let strengths = [["UPDATE"], ["SHARE"], ["NO", "KEY", "UPDATE"], ["KEY", "SHARE"]]
                guard let strength = strengths.first(where: { matches($0, at: next, end) }) else {
                    index += 1
                    continue
                }
                next += strength.count
                if matches(["OF"], at: next, end) {
                    next += 1
                    while next < end,
                        tokens[next].kind == .identifier || tokens[next].kind == .keyword
                            || [",", "."].contains(tokens[next].text),
                        !["NOWAIT", "SKIP", "WAIT", "FOR", "LIMIT", "OFFSET"].contains(tokens[next].word ?? "")
                    {
                        next += 1
                    }
                }
            } else if word == "LOCK", matches(["IN", "SHARE", "MODE"], at: next, end) {
                next += 3
            } else {
                index += 1
                continue
            }
            if matches(["NOWAIT"], at: next, end) {
                next += 1
            } else if matches(["SKIP", "LOCKED"], at: next, end) {
                next += 2
            } else if matches(["WAIT"], at: next, end) {
                next += next + 1 < end ? 2 : 1
            }
            cuts.append(index..<next)
            index = next
        }
        guard !cuts.isEmpty else { return nil }
        var pieces: [String] = []
        var from = start
        for cut in cuts {
            pieces.append(text(from, cut.lowerBound))
            from = cut.upperBound
        }
        pieces.append(text(from, end))
        return pieces.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func select(from sources: String, tail: String?) -> String {
        "SELECT 1 FROM " + sources + (tail.map { " " + $0 } ?? "")
    }

    private func matches(_ words: [String], at index: Int, _ end: Int) -> Bool {
        guard index + words.count <= end else { return false }
        return words.indices.allSatisfy { tokens[index + $0].word == words[$0] }
    }

    /// The first top-level token in `from..<to` that is one of `words`.
    private func find(_ words: Set<String>, from: Int, to: Int? = nil) -> Int? {
        let end = to ?? tokens.count
        guard from < end else { return nil }
        return (from..<end).first { depth[$0] == 0 && tokens[$0].word.map(words.contains) == true }
    }

    /// The source text from token `start` up to (not including) token `end`, trimmed.
    private func text(_ start: Int, _ end: Int) -> String {
        guard start < end, start < tokens.count else { return "" }
        return text(bytes: tokens[start].range.lowerBound..<tokens[min(end, tokens.count) - 1].range.upperBound)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func text(bytes: Range<Int>) -> String {
        String(decoding: utf8[max(0, bytes.lowerBound)..<min(utf8.count, bytes.upperBound)], as: UTF8.self)
    }
}
