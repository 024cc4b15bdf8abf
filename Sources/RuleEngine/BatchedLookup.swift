import AdvisorCore
import Foundation

/// The batched form of a lookup an N+1 loop repeats: the same statement for every parent row's key
/// at once (`key = ANY($1)` on PostgreSQL, `key IN (…)` on MySQL/MariaDB).
///
/// A per-key `ORDER BY … LIMIT n` becomes `DISTINCT ON` (PostgreSQL, n = 1) or a `row_number()`
/// window (both engines: MySQL 8, MariaDB 10.2+); an aggregate gains the key in its `GROUP BY`;
/// the key joins the select list so the application can tell the rows apart. Only single-table
/// statements without subqueries are rewritten: anything else gets `nil` and the finding says the
/// fix in words.
enum BatchedLookup {
    /// Compiled patterns by their text, and rewritten lookups by their sample and key: compiling a
    /// pattern costs more than the rest of a rewrite, and a busy log repeats one lookup after many
    /// parents (a 100 MB log: 509 loops of 20 lookups), whose findings are written on several
    /// threads (which share one cache).
    final class Cache: @unchecked Sendable {
        // Unchecked: `compiled` and `rewritten` are only touched under `lock`; a compiled
        // expression matches on any thread (CoreFoundation hands each match ICU's matcher, or a
        // clone while another holds it).
        private let lock = NSLock()
        private var compiled: [String: NSRegularExpression?] = [:]
        private var rewritten: [Lookup: String?] = [:]

        private struct Lookup: Hashable {
            var sample: String
            var key: String
            var engine: Engine
        }

        init() {}

        /// `BatchedLookup.sql(for:shape:key:engine:cache:)`, made once per sample and key.
        func sql(for sample: String, shape: QueryShape, key: String, engine: Engine) -> String? {
            let lookup = Lookup(sample: sample, key: key, engine: engine)
            if let known = lock.withLock({ rewritten[lookup] }) { return known }
            // Rewritten outside the lock (`regex` takes it): two threads may both rewrite a lookup
            // first seen at once, and get the same statement.
            let sql = BatchedLookup.sql(for: sample, shape: shape, key: key, engine: engine, cache: self)
            lock.withLock { rewritten[lookup] = .some(sql) }
            return sql
        }

        /// The compiled `pattern` (nil if it does not compile).
        func regex(_ pattern: String) -> NSRegularExpression? {
            lock.lock()
            defer { lock.unlock() }
            if let known = compiled[pattern] { return known }
            let regex = try? NSRegularExpression(pattern: pattern)
            compiled[pattern] = regex
            return regex
        }

        /// Whether `pattern` matches somewhere in `text`.
        func matches(_ pattern: String, in text: String) -> Bool {
            regex(pattern)?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// The rewritten statement, or `nil` when the text does not have the simple form expected;
    /// `cache` keeps the patterns compiled so far.
    static func sql(
        for sample: String, shape: QueryShape, key: String, engine: Engine, cache: Cache
    ) -> String? {
        guard shape.tables.count == 1, shape.subqueryCount == 0, shape.kind == .select else { return nil }
        var text = sample.onOneLine
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard let keyed = batchedPredicate(in: text, key: key, engine: engine, cache: cache) else { return nil }
        text = keyed
        guard text.lowercased().hasPrefix("select "),
            let from = topLevel("from", in: text, after: text.startIndex)
        else { return nil }
        var list = text[text.index(text.startIndex, offsetBy: 7)..<from.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !list.lowercased().hasPrefix("distinct") else { return nil }
        var rest = String(text[from.lowerBound...])
        let table = shape.tables[0]
        let qualifier = table.alias ?? table.name
        let keyColumn = "\(qualifier).\(key)"
        if list == "*" { list = "\(qualifier).*" }

        if shape.hasLimit {
            guard topLevel("offset", in: rest, after: rest.startIndex) == nil,
                let limit = topLevel("limit", in: rest, after: rest.startIndex)
            else { return nil }
            let count = rest[limit.upperBound...].trimmingCharacters(in: .whitespaces)
            rest = String(rest[..<limit.lowerBound]).trimmingCharacters(in: .whitespaces)
            var order: String?
            if let orderBy = topLevel("order by", in: rest, after: rest.startIndex) {
                order = rest[orderBy.upperBound...].trimmingCharacters(in: .whitespaces)
                rest = String(rest[..<orderBy.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            if engine == .postgres && count == "1" {
                let ordering = [keyColumn] + (order.map { [$0] } ?? [])
                return "SELECT DISTINCT ON (\(keyColumn)) \(list) \(rest) ORDER BY \(ordering.joined(separator: ", "))"
            }
            let window = "PARTITION BY \(keyColumn)" + (order.map { " ORDER BY \($0)" } ?? "")
            return
                "SELECT * FROM (SELECT \(list), row_number() OVER (\(window)) AS rn \(rest)) ranked WHERE rn <= \(count)"
        }
        if let groupBy = topLevel("group by", in: rest, after: rest.startIndex) {
            rest.replaceSubrange(groupBy, with: "GROUP BY \(keyColumn),")
            return "SELECT \(keyColumn), \(list) \(rest)"
        }
        if cache.matches(#"(?i)\b(count|sum|avg|min|max)\s*\("#, in: list) {
            guard topLevel("order by", in: rest, after: rest.startIndex) == nil else { return nil }
            return "SELECT \(keyColumn), \(list) \(rest) GROUP BY \(keyColumn)"
        }
        let listed = cache.matches("(?i)(^|[^\\w$])\(NSRegularExpression.escapedPattern(for: key))\\b", in: list)
        let shown = list.hasSuffix("*") || listed
        return "SELECT \(shown ? "" : keyColumn + ", ")\(list) \(rest)"
    }

    /// `text` with the key's equality predicate replaced by its batched form.
    private static func batchedPredicate(
        in text: String, key: String, engine: Engine, cache: Cache
    ) -> String? {
        let column = #"((?:[A-Za-z_][\w$]*\.)?(?:"KEY"|`KEY`|\bKEY\b))"#
            .replacingOccurrences(of: "KEY", with: NSRegularExpression.escapedPattern(for: key))
        let value = #"('(?:[^']|'')*'|\$\d+|\?|[-+]?[\w.]+)"#
        guard let regex = cache.regex("(?i)" + column + #"\s*=\s*"# + value),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let whole = Range(match.range, in: text), let columnRange = Range(match.range(at: 1), in: text),
            let valueRange = Range(match.range(at: 2), in: text)
        else { return nil }
        let written = text[columnRange]
        let replacement: String
        if engine == .postgres {
            let literal = text[valueRange]
            let parameter: String
            if literal.hasPrefix("$") {
                parameter = String(literal)
            } else {
                let numbers = text.matches(of: /\$(\d+)/).compactMap { Int($0.output.1) }
                parameter = "$\((numbers.max() ?? 0) + 1)"
            }
            replacement = "\(written) = ANY(\(parameter))"
        } else {
            replacement = "\(written) IN (…)"
        }
        var out = text
        out.replaceSubrange(whole, with: replacement)
        return out
    }

    /// The range of `keyword` (a word or two, case-insensitive) outside parentheses and quotes.
    static func topLevel(_ keyword: String, in text: String, after start: String.Index) -> Range<String.Index>? {
        let words = keyword.split(separator: " ").map { $0.lowercased() }
        var depth = 0
        var quote: Character?
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" || character == "`" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if depth == 0, character.isLetter,
                index == text.startIndex || !isWordCharacter(text[text.index(before: index)])
            {
                if let end = match(words, in: text, at: index) { return index..<end }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The end of `words` (separated by spaces) at `index`, when they are whole words there.
    private static func match(_ words: [String], in text: String, at index: String.Index) -> String.Index? {
        var position = index
        for (number, word) in words.enumerated() {
            if number > 0 {
                guard position < text.endIndex, text[position] == " " else { return nil }
                position = text.index(after: position)
            }
            guard let end = text.index(position, offsetBy: word.count, limitedBy: text.endIndex),
                text[position..<end].lowercased() == word
            else { return nil }
            position = end
        }
        if position < text.endIndex && isWordCharacter(text[position]) { return nil }
        return position
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }
}
