import AdvisorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// pt-query-digest's `QueryRewriter::fingerprint` (percona-toolkit 3.x, default options), rebuilt
/// as linear passes over UTF-8 bytes instead of Perl regexes.
///
/// The point is byte-for-byte equal output, so that our query ids equal pt-query-digest's and users
/// can compare reports: every pass reproduces its regex's behaviour, quirks included (the number
/// pass turns `users_2009` into `users_?` and `0xFF` into `?FF`, a `/*M! */` comment is stripped
/// while `/*! */` stays, `ASC` is cut after ORDER BY even at the start of `ascii_col`). Each pass
/// names the regex it replaces. Perl works on bytes here, so `\s`, `\w` and `lc` are ASCII-only.
enum PerconaFingerprint {
    /// The fingerprint text of `query`.
    static func fingerprint(_ query: [UInt8]) -> [UInt8] {
        // m#\ASELECT /\*!40001 SQL_NO_CACHE \*/ \* FROM `#: mysqldump's table dumps.
        if query.starts(with: mysqldumpPrefix) { return Array("mysqldump".utf8) }
        // m#/\*\w+\.\w+:[0-9]/[0-9]\*/#: pt-table-checksum and friends tag their statements.
        if containsToolkitTag(query) { return Array("percona-toolkit".utf8) }
        // m/\Aadministrator command: /: kept as is.
        if query.starts(with: administratorPrefix) { return query }
        if let call = storedProcedureCall(query) { return call }

        let cut = query.withUnsafeBufferPointer { firstTupleEnd(ofMultiRowInsert: $0) }
        var text = cut.map { Array(query[...$0]) } ?? query
        text = removeBlockComments(text)
        text = removeLineComments(text)
        if let use = abstractedUse(text) { return use }
        text = removeEscapedQuotes(text)
        text = replaceQuoted(text, quote: UInt8(ascii: "\""))
        text = replaceQuoted(text, quote: UInt8(ascii: "'"))
        text = replaceWords(text, ["false", "true"], caseInsensitive: true)
        text = replaceNumbers(text)
        text = cleanLeftovers(text)
        text = collapseWhitespace(text)
        for index in text.indices where isUpper(text[index]) { text[index] |= 0x20 }
        text = replaceWords(text, ["null"], caseInsensitive: false)
        text = collapseLists(text)
        if contains(text, union) { text = collapseUnions(text) }
        text = collapseLimit(text)
        text = removeAscendingInOrderBy(text)
        return text
    }

    // MARK: Special cases

    private static let mysqldumpPrefix = Array("SELECT /*!40001 SQL_NO_CACHE */ * FROM `".utf8)
    private static let administratorPrefix = Array("administrator command: ".utf8)
    private static let union = Array("union".utf8)

    /// `/*db.tbl:3/3*/`: word characters, a dot, word characters, a colon, digit, slash, digit.
    private static func containsToolkitTag(_ text: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < text.count {
            defer { index += 1 }
            guard text[index] == slash, text[index + 1] == star else { continue }
            var cursor = index + 2
            let firstWord = cursor
            while cursor < text.count, isWord(text[cursor]) { cursor += 1 }
            guard cursor > firstWord, cursor < text.count, text[cursor] == dot else { continue }
            cursor += 1
            let secondWord = cursor
            while cursor < text.count, isWord(text[cursor]) { cursor += 1 }
            guard cursor > secondWord, cursor + 5 < text.count else { continue }
            if text[cursor] == colon, isDigit(text[cursor + 1]), text[cursor + 2] == slash, isDigit(text[cursor + 3]),
                text[cursor + 4] == star, text[cursor + 5] == slash
            {
                return true
            }
        }
        return false
    }

    /// m/\A\s*(call\s+\S+)\(/i, returning lc($1): the greedy `\S+` reaches the last `(` of the name's word.
    private static func storedProcedureCall(_ text: [UInt8]) -> [UInt8]? {
        var start = 0
        while start < text.count, isSpace(text[start]) { start += 1 }
        guard hasWord(text, at: start, "call", caseInsensitive: true) else { return nil }
        var cursor = start + 4
        let spaces = cursor
        while cursor < text.count, isSpace(text[cursor]) { cursor += 1 }
        guard cursor > spaces else { return nil }
        let nameStart = cursor
        while cursor < text.count, !isSpace(text[cursor]) { cursor += 1 }
        guard cursor > nameStart, let paren = text[(nameStart + 1)..<cursor].lastIndex(of: openParen) else {
            return nil
        }
        return text[start..<paren].map(lowercased)
    }

    /// m/\A((?:INSERT|REPLACE)(?: IGNORE)?\s+INTO.+?VALUES\s*\(.*?\))\s*,\s*\(/is: a multi-row
    /// INSERT is cut after its first tuple (the first `)` that a `,` and a `(` follow); the index
    /// of that `)`, nil when the statement is not cut.
    static func firstTupleEnd(ofMultiRowInsert text: UnsafeBufferPointer<UInt8>) -> Int? {
        var cursor: Int
        if hasWord(text, at: 0, "insert", caseInsensitive: true) {
            cursor = 6
        } else if hasWord(text, at: 0, "replace", caseInsensitive: true) {
            cursor = 7
        } else {
            return nil
        }
        if hasWord(text, at: cursor, " ignore", caseInsensitive: true) { cursor += 7 }
        let spaces = cursor
        while cursor < text.count, isSpace(text[cursor]) { cursor += 1 }
        guard cursor > spaces, hasWord(text, at: cursor, "into", caseInsensitive: true) else { return nil }
        // `.+?` takes at least one character before VALUES.
        var search = nextV(in: text, from: cursor + 5)
        var tupleStart: Int?
        while search + 6 <= text.count {
            if hasWord(text, at: search, "values", caseInsensitive: true) {
                var paren = search + 6
                while paren < text.count, isSpace(text[paren]) { paren += 1 }
                if paren < text.count, text[paren] == openParen {
                    tupleStart = paren
                    break
                }
            }
            search = nextV(in: text, from: search + 1)
        }
        guard let tupleStart, let base = text.baseAddress else { return nil }
        // Only the first VALUES( matters: a later one could only find a subset of the same `)`s.
        // The `)`s by memchr: a log's INSERTs are read whole here, most of them a single row.
        var close = tupleStart + 1
        while close < text.count, let hit = memchr(base + close, Int32(closeParen), text.count - close) {
            close = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var next = close + 1
            while next < text.count, isSpace(text[next]) { next += 1 }
            if next < text.count, text[next] == comma {
                next += 1
                while next < text.count, isSpace(text[next]) { next += 1 }
                if next < text.count, text[next] == openParen { return close }
            }
            close += 1
        }
        return nil
    }

    /// The first index from `start` on of a `v` or `V` in `text` (`text.count` when none), eight
    /// bytes at a time where they all lie in `text`.
    private static func nextV(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = text.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            while i + 8 <= text.count {
                // `| 0x20` makes `V` a `v` and no other byte one; a zero byte of `lowered ^ v…` is
                // a `v`, and the lowest marked byte is exactly the first.
                let lowered = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) | ones &* 0x20
                let vs = WordBytes.lanes(of: 0x76, in: UInt64(littleEndian: lowered))
                if vs != 0 { return i + vs.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < text.count, text[i] | 0x20 != 0x76 { i += 1 }
        return i
    }

    // MARK: Comments

    /// s#/\*[^!].*?\*/##sg: any `/*` not followed by `!` (so `/*+ hints */` and MariaDB's `/*M! */`
    /// go, `/*!50100 … */` stays), up to the first `*/` after the character following `/*`.
    private static func removeBlockComments(_ text: [UInt8]) -> [UInt8] {
        guard contains(text, [slash, star]) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index + 2 < text.count, text[index] == slash, text[index + 1] == star, text[index + 2] != bang,
                let end = firstCommentEnd(in: text, from: index + 3)
            {
                index = end + 2
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    private static func firstCommentEnd(in text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < text.count {
            if text[index] == star, text[index + 1] == slash { return index }
            index += 1
        }
        return nil
    }

    /// s/(?:--|#)[^'"\r\n]*(?=[\r\n]|\Z)//g: `--` (no space needed) or `#` up to the line end, unless
    /// a quote comes first on that line.
    private static func removeLineComments(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(hash) || contains(text, [dash, dash]) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        // The first quote or line break at or after a position: shared by every marker before it,
        // which keeps a line of many `#` and a late quote linear.
        var stop = -1
        var index = 0
        while index < text.count {
            let markerLength =
                text[index] == hash
                ? 1 : (index + 1 < text.count && text[index] == dash && text[index + 1] == dash ? 2 : 0)
            if markerLength > 0 {
                let bodyStart = index + markerLength
                if stop < bodyStart {
                    stop = bodyStart
                    while stop < text.count, !isQuoteOrLineBreak(text[stop]) { stop += 1 }
                }
                if stop == text.count || text[stop] == cr || text[stop] == lf {
                    index = stop
                    continue
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// s/\Ause \S+\Z/use ?/i: returns the whole fingerprint for `USE db`.
    private static func abstractedUse(_ text: [UInt8]) -> [UInt8]? {
        guard hasWord(text, at: 0, "use ", caseInsensitive: true) else { return nil }
        var end = 4
        while end < text.count, !isSpace(text[end]) { end += 1 }
        guard end > 4 else { return nil }
        // `\Z` also matches before a final newline, which then stays.
        guard end == text.count || (end == text.count - 1 && text[end] == lf) else { return nil }
        return Array("use ?".utf8) + text[end...]
    }

    // MARK: Literals

    /// s/\\["']//g
    private static func removeEscapedQuotes(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(backslash) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == backslash, index + 1 < text.count,
                text[index + 1] == doubleQuote || text[index + 1] == singleQuote
            {
                index += 2
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// s/".*?"/?/sg and s/'.*?'/?/sg: each pair of quote characters, an unpaired one stays.
    private static func replaceQuoted(_ text: [UInt8], quote: UInt8) -> [UInt8] {
        guard text.contains(quote) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == quote, let close = text[(index + 1)...].firstIndex(of: quote) {
                output.append(question)
                index = close + 1
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// s/\bfalse\b|\btrue\b/?/isg and s/\bnull\b/?/g.
    private static func replaceWords(_ text: [UInt8], _ words: [StaticString], caseInsensitive: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index == 0 || !isWord(text[index - 1]),
                let word = words.first(where: { hasWord(text, at: index, $0, caseInsensitive: caseInsensitive) }),
                index + word.utf8CodeUnitCount == text.count || !isWord(text[index + word.utf8CodeUnitCount])
            {
                output.append(question)
                index += word.utf8CodeUnitCount
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// s/[0-9+-][0-9a-f.xb+-]*/?/g: anything vaguely like a number, inside identifiers too.
    private static func replaceNumbers(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if isDigit(byte) || byte == plus || byte == dash {
                index += 1
                while index < text.count, isNumberContinuation(text[index]) { index += 1 }
                output.append(question)
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// s/[xb.+-]\?/?/g
    private static func cleanLeftovers(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if index + 1 < text.count, text[index + 1] == question,
                byte == UInt8(ascii: "x") || byte == UInt8(ascii: "b") || byte == dot || byte == plus || byte == dash
            {
                output.append(question)
                index += 2
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    // MARK: Whitespace and lists

    /// s/\A\s+//; chomp; tr[ \n\t\r\f][ ]s. `chomp` drops one trailing newline only, so other
    /// trailing whitespace becomes one space; `\v` is whitespace to `\s` but not to `tr`.
    private static func collapseWhitespace(_ text: [UInt8]) -> [UInt8] {
        var start = 0
        while start < text.count, isSpace(text[start]) { start += 1 }
        var end = text.count
        if end > start, text[end - 1] == lf { end -= 1 }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = text[index]
            if byte == space || byte == lf || byte == tab || byte == cr || byte == formFeed {
                // `s` squeezes a run of translated characters into one space.
                if index == start || !isTranslatedSpace(text[index - 1]) { output.append(space) }
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func isTranslatedSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == lf || byte == tab || byte == cr || byte == formFeed
    }

    /// s/\b(in|values?)(?:[\s,]*\([\s?,]*\))+/$1(?+)/g: lists of placeholders only.
    private static func collapseLists(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(openParen) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index == 0 || !isWord(text[index - 1]), let (keyword, end) = placeholderList(in: text, at: index) {
                output.append(contentsOf: text[index..<(index + keyword)])
                output.append(contentsOf: Array("(?+)".utf8))
                index = end
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// The keyword length and the end of the `(?, ?)` groups after `in`, `values` or `value`.
    private static func placeholderList(in text: [UInt8], at index: Int) -> (Int, Int)? {
        let keywords: [Int]
        if hasWord(text, at: index, "in", caseInsensitive: false) {
            keywords = [2]
        } else if hasWord(text, at: index, "values", caseInsensitive: false) {
            keywords = [6, 5]  // `values?` is greedy, then gives the `s` back
        } else if hasWord(text, at: index, "value", caseInsensitive: false) {
            keywords = [5]
        } else {
            return nil
        }
        for keyword in keywords {
            var end: Int?
            var cursor = index + keyword
            while let groupEnd = placeholderGroup(in: text, at: cursor) {
                end = groupEnd
                cursor = groupEnd
            }
            if let end { return (keyword, end) }
        }
        return nil
    }

    /// `[\s,]*\([\s?,]*\)` at `index`: returns the end of the group.
    private static func placeholderGroup(in text: [UInt8], at index: Int) -> Int? {
        var cursor = index
        while cursor < text.count, isSpace(text[cursor]) || text[cursor] == comma { cursor += 1 }
        guard cursor < text.count, text[cursor] == openParen else { return nil }
        cursor += 1
        while cursor < text.count, isSpace(text[cursor]) || text[cursor] == question || text[cursor] == comma {
            cursor += 1
        }
        guard cursor < text.count, text[cursor] == closeParen else { return nil }
        return cursor + 1
    }

    /// s/\b(select\s.*?)(?:(\sunion(?:\sall)?)\s\1)+/$1 \/*repeat$2*\//g: a SELECT repeated by
    /// UNION [ALL] with identical text (after literals became `?`) is kept once.
    private static func collapseUnions(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index == 0 || !isWord(text[index - 1]), hasWord(text, at: index, "select", caseInsensitive: false),
                index + 6 < text.count, isSpace(text[index + 6]),
                let (selectEnd, unionRange, end) = repeatedSelect(in: text, at: index)
            {
                output.append(contentsOf: text[index..<selectEnd])
                output.append(contentsOf: Array(" /*repeat".utf8))
                output.append(contentsOf: text[unionRange])
                output.append(contentsOf: Array("*/".utf8))
                index = end
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// The shortest `select …` at `index` that a UNION of itself follows, the last `\sunion(\sall)?`
    /// and the end of the repetitions.
    private static func repeatedSelect(in text: [UInt8], at index: Int) -> (Int, Range<Int>, Int)? {
        // `.` does not match a newline; none is left after whitespace collapsing, except in
        // a pathological `\v`-only text, so stop there to stay exact.
        var selectEnd = index + 7
        while selectEnd < text.count {
            if let (unionRange, end) = unionRepetition(in: text, at: selectEnd, of: index..<selectEnd) {
                var lastUnion = unionRange
                var cursor = end
                while let (nextUnion, nextEnd) = unionRepetition(in: text, at: cursor, of: index..<selectEnd) {
                    lastUnion = nextUnion
                    cursor = nextEnd
                }
                return (selectEnd, lastUnion, cursor)
            }
            if text[selectEnd] == lf { return nil }
            selectEnd += 1
        }
        return nil
    }

    /// `(\sunion(?:\sall)?)\s\1` at `index`.
    private static func unionRepetition(in text: [UInt8], at index: Int, of select: Range<Int>) -> (Range<Int>, Int)? {
        guard index < text.count, isSpace(text[index]), hasWord(text, at: index + 1, "union", caseInsensitive: false)
        else { return nil }
        let afterUnion = index + 6
        var candidates: [Int] = []
        if afterUnion < text.count, isSpace(text[afterUnion]),
            hasWord(text, at: afterUnion + 1, "all", caseInsensitive: false)
        {
            candidates.append(afterUnion + 4)
        }
        candidates.append(afterUnion)
        for unionEnd in candidates {
            let selectStart = unionEnd + 1
            guard unionEnd < text.count, isSpace(text[unionEnd]), selectStart + select.count <= text.count else {
                continue
            }
            if text[selectStart..<(selectStart + select.count)].elementsEqual(text[select]) {
                return (index..<unionEnd, selectStart + select.count)
            }
        }
        return nil
    }

    /// s/\blimit \?(?:, ?\?| offset \?)?/limit ?/: the first match only (no /g in the original).
    private static func collapseLimit(_ text: [UInt8]) -> [UInt8] {
        var index = 0
        while index + 7 <= text.count {
            if index == 0 || !isWord(text[index - 1]), hasWord(text, at: index, "limit ?", caseInsensitive: false) {
                var end = index + 7
                if hasWord(text, at: end, ", ?", caseInsensitive: false) {
                    end += 3
                } else if hasWord(text, at: end, ",?", caseInsensitive: false) {
                    end += 2
                } else if hasWord(text, at: end, " offset ?", caseInsensitive: false) {
                    end += 9
                }
                return Array(text[..<index]) + Array("limit ?".utf8) + text[end...]
            }
            index += 1
        }
        return text
    }

    /// After the first `order by `: `1 while s/\G(.+?)\s+ASC/$1/gi && pos`, which runs once and
    /// removes every whitespace-then-`asc` in a chain of adjacent matches (no word boundary after ASC).
    private static func removeAscendingInOrderBy(_ text: [UInt8]) -> [UInt8] {
        guard let orderBy = firstOrderBy(in: text) else { return text }
        var output = Array(text[..<orderBy])
        var position = orderBy
        while let (whitespace, end) = nextAscending(in: text, after: position) {
            output.append(contentsOf: text[position..<whitespace])
            position = end
        }
        output.append(contentsOf: text[position...])
        return output
    }

    /// The end of the first `\bORDER BY ` (case-insensitive).
    private static func firstOrderBy(in text: [UInt8]) -> Int? {
        var index = 0
        while index + 9 <= text.count {
            if index == 0 || !isWord(text[index - 1]), hasWord(text, at: index, "order by ", caseInsensitive: true) {
                return index + 9
            }
            index += 1
        }
        return nil
    }

    /// `(.+?)\s+ASC` anchored at `position`: the start of the whitespace and the end of `asc`.
    private static func nextAscending(in text: [UInt8], after position: Int) -> (Int, Int)? {
        var candidate = position + 1
        guard position < text.count, text[position] != lf else { return nil }
        while candidate < text.count {
            if isSpace(text[candidate]) {
                var word = candidate
                while word < text.count, isSpace(text[word]) { word += 1 }
                if hasWord(text, at: word, "asc", caseInsensitive: true) { return (candidate, word + 3) }
            }
            // `.` stops at a newline.
            if text[candidate] == lf { return nil }
            candidate += 1
        }
        return nil
    }

    // MARK: Bytes

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let formFeed: UInt8 = 0x0c
    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let bang = UInt8(ascii: "!")
    private static let dot = UInt8(ascii: ".")
    private static let colon = UInt8(ascii: ":")
    private static let comma = UInt8(ascii: ",")
    private static let hash = UInt8(ascii: "#")
    private static let dash = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")
    private static let question = UInt8(ascii: "?")
    private static let backslash = UInt8(ascii: "\\")
    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")

    /// Perl's `\s` on a byte string: space, \t, \n, \v, \f, \r.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == space || (byte >= 0x09 && byte <= 0x0d) }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5a }
    private static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    /// Perl's `\w` on a byte string: ASCII letters, digits and `_`.
    private static func isWord(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == 0x5f || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a)
    }

    /// `[0-9a-f.xb+-]`: lower-case hex letters only, which is why `0xFF` keeps its `FF`.
    private static func isNumberContinuation(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || byte == UInt8(ascii: "x") || byte == dot || byte == plus
            || byte == dash
    }

    private static func isQuoteOrLineBreak(_ byte: UInt8) -> Bool {
        byte == singleQuote || byte == doubleQuote || byte == cr || byte == lf
    }

    /// Whether `literal` (ASCII) occurs at `index`, optionally ignoring ASCII case.
    // StaticString, not String: passes test a word at nearly every byte, and iterating a String's
    // UTF-8 view cost more than the comparison.
    private static func hasWord<Text: RandomAccessCollection<UInt8>>(
        _ text: Text, at index: Int, _ literal: StaticString, caseInsensitive: Bool
    ) -> Bool where Text.Index == Int {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= text.count else { return false }
        let expected = literal.utf8Start
        for k in 0..<count {
            let actual = caseInsensitive ? lowercased(text[index + k]) : text[index + k]
            guard actual == expected[k] else { return false }
        }
        return true
    }

    private static func contains(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, text.count >= needle.count else { return false }
        var index = 0
        while index + needle.count <= text.count {
            if text[index] == first, text[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
