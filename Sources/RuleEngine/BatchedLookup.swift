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
        if ASCIIScan.applies(list) ? ASCIIScan.hasAggregateCall(list) : cache.matches(aggregateCall, in: list) {
            guard topLevel("order by", in: rest, after: rest.startIndex) == nil else { return nil }
            return "SELECT \(keyColumn), \(list) \(rest) GROUP BY \(keyColumn)"
        }
        let listed =
            ASCIIScan.applies(list, key)
            ? ASCIIScan.lists(key, in: list) : cache.matches(listedKey(key), in: list)
        let shown = list.hasSuffix("*") || listed
        return "SELECT \(shown ? "" : keyColumn + ", ")\(list) \(rest)"
    }

    /// A call of an aggregate function in a select list.
    static let aggregateCall = #"(?i)\b(count|sum|avg|min|max)\s*\("#

    /// `key` named in a select list.
    static func listedKey(_ key: String) -> String {
        "(?i)(^|[^\\w$])\(NSRegularExpression.escapedPattern(for: key))\\b"
    }

    /// An equality on `key`: group 1 the column as written (qualified or quoted), group 2 the value.
    static func keyEquality(_ key: String) -> String {
        let column = #"((?:[A-Za-z_][\w$]*\.)?(?:"KEY"|`KEY`|\bKEY\b))"#
            .replacingOccurrences(of: "KEY", with: NSRegularExpression.escapedPattern(for: key))
        let value = #"('(?:[^']|'')*'|\$\d+|\?|[-+]?[\w.]+)"#
        return "(?i)" + column + #"\s*=\s*"# + value
    }

    /// The first equality on `key` in `text`: the whole predicate, the column, the value.
    static func equality(
        on key: String, in text: String, cache: Cache
    ) -> (whole: Range<String.Index>, column: Range<String.Index>, value: Range<String.Index>)? {
        if ASCIIScan.applies(text, key) { return ASCIIScan.equality(on: key, in: text) }
        guard let regex = cache.regex(keyEquality(key)),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let whole = Range(match.range, in: text), let column = Range(match.range(at: 1), in: text),
            let value = Range(match.range(at: 2), in: text)
        else { return nil }
        return (whole, column, value)
    }

    /// `text` with the key's equality predicate replaced by its batched form.
    private static func batchedPredicate(
        in text: String, key: String, engine: Engine, cache: Cache
    ) -> String? {
        guard let (whole, columnRange, valueRange) = equality(on: key, in: text, cache: cache) else { return nil }
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

extension BatchedLookup {
    /// The three patterns above as scans of ASCII text and keys, which every sample seen so far is:
    /// compiling each key's pattern with ICU (under the cache's lock) and matching through
    /// CoreFoundation cost more than the rest of a rewrite. Each gives what `NSRegularExpression` gives
    /// for its pattern (tested side by side); ICU's Unicode rules for `\w`, `\b` and case are not
    /// written again here, so any other text goes to the patterns.
    enum ASCIIScan {
        /// Whether every text is ASCII, so the scans apply.
        static func applies(_ texts: String...) -> Bool {
            texts.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        }

        /// `aggregateCall`: `count`, `sum`, `avg`, `min` or `max` after a word boundary, then `(`.
        static func hasAggregateCall(_ list: String) -> Bool {
            let b = Array(list.utf8)
            for start in b.indices where boundary(b, start) {
                for name in ["count", "sum", "avg", "min", "max"] {
                    guard let end = word(name, in: b, at: start) else { continue }
                    var i = end
                    while i < b.count, isSpace(b[i]) { i += 1 }
                    if i < b.count, b[i] == UInt8(ascii: "(") { return true }
                }
            }
            return false
        }

        /// `listedKey(key)`: the key at the start or after a byte neither `\w` nor `$`, then a word
        /// boundary.
        static func lists(_ key: String, in list: String) -> Bool {
            let b = Array(list.utf8)
            for start in b.indices where start == 0 || !(isWord(b[start - 1]) || b[start - 1] == UInt8(ascii: "$")) {
                if let end = word(key, in: b, at: start), boundary(b, end) { return true }
            }
            return false
        }

        /// `keyEquality(key)`'s leftmost match: at each start the qualified column before the bare
        /// one, and the value's forms in the pattern's order.
        static func equality(
            on key: String, in text: String
        ) -> (whole: Range<String.Index>, column: Range<String.Index>, value: Range<String.Index>)? {
            let b = Array(text.utf8)
            func index(_ offset: Int) -> String.Index { text.utf8.index(text.startIndex, offsetBy: offset) }
            for start in 0...b.count {
                let qualified = qualifierEnd(b, from: start).map { columnEnds(key, in: b, at: $0) } ?? []
                for afterColumn in qualified + columnEnds(key, in: b, at: start) {
                    var i = afterColumn
                    while i < b.count, isSpace(b[i]) { i += 1 }
                    guard i < b.count, b[i] == UInt8(ascii: "=") else { continue }
                    i += 1
                    while i < b.count, isSpace(b[i]) { i += 1 }
                    guard let valueEnd = value(b, at: i) else { continue }
                    return (
                        index(start)..<index(valueEnd), index(start)..<index(afterColumn), index(i)..<index(valueEnd)
                    )
                }
            }
            return nil
        }

        /// Where `[A-Za-z_][\w$]*\.` starting at `i` ends.
        private static func qualifierEnd(_ b: [UInt8], from i: Int) -> Int? {
            guard i < b.count, isLetter(b[i]) || b[i] == UInt8(ascii: "_") else { return nil }
            var k = i + 1
            while k < b.count, isWord(b[k]) || b[k] == UInt8(ascii: "$") { k += 1 }
            return k < b.count && b[k] == UInt8(ascii: ".") ? k + 1 : nil
        }

        /// Where `"KEY"`, `` `KEY` `` and `\bKEY\b` at `i` end, those that are there, in that order.
        private static func columnEnds(_ key: String, in b: [UInt8], at i: Int) -> [Int] {
            var ends: [Int] = []
            for quote in [UInt8(ascii: "\""), UInt8(ascii: "`")] where i < b.count && b[i] == quote {
                if let end = word(key, in: b, at: i + 1), end < b.count, b[end] == quote { ends.append(end + 1) }
            }
            if boundary(b, i), let end = word(key, in: b, at: i), boundary(b, end) { ends.append(end) }
            return ends
        }

        /// Where `'(?:[^']|'')*'`, `\$\d+`, `\?` or `[-+]?[\w.]+` at `i` ends, tried in that order.
        private static func value(_ b: [UInt8], at i: Int) -> Int? {
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "'") {
                // Doubled quotes are taken whole while they last; with no lone quote to close the
                // string, the pattern backs off to the first quote of the last pair.
                var k = i + 1
                var lastPair: Int?
                while k < b.count {
                    if b[k] != UInt8(ascii: "'") {
                        k += 1
                    } else if k + 1 < b.count && b[k + 1] == UInt8(ascii: "'") {
                        lastPair = k
                        k += 2
                    } else {
                        return k + 1
                    }
                }
                if let lastPair { return lastPair + 1 }
            }
            if b[i] == UInt8(ascii: "$") {
                var k = i + 1
                while k < b.count, isDigit(b[k]) { k += 1 }
                if k > i + 1 { return k }
            }
            if b[i] == UInt8(ascii: "?") { return i + 1 }
            var k = i
            if b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+") { k += 1 }
            let digitsStart = k
            while k < b.count, isWord(b[k]) || b[k] == UInt8(ascii: ".") { k += 1 }
            return k > digitsStart ? k : nil
        }

        /// Where `word` (any case) at `i` ends, if it is there.
        private static func word(_ word: String, in b: [UInt8], at i: Int) -> Int? {
            var k = i
            for c in word.utf8 {
                guard k < b.count, lower(b[k]) == lower(c) else { return nil }
                k += 1
            }
            return k
        }

        /// `\b` at `i`: a `\w` byte on one side only (nothing counts as none).
        private static func boundary(_ b: [UInt8], _ i: Int) -> Bool {
            let before = i > 0 && isWord(b[i - 1])
            let after = i < b.count && isWord(b[i])
            return before != after
        }

        private static func lower(_ c: UInt8) -> UInt8 { isLetter(c) ? c | 0x20 : c }
        private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
        private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
        private static func isWord(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == UInt8(ascii: "_") }
        /// ICU's `\s` (White_Space) in ASCII: tab, line feed, vertical tab, form feed, carriage
        /// return and space.
        private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
    }
}
