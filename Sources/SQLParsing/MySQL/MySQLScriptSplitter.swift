/// Splits a MySQL script into statements the way the `mysql` client does: at the current
/// delimiter (`;` unless a `DELIMITER` line changed it) outside strings, backtick names and
/// comments. `DELIMITER` lines themselves are client commands, not statements.
struct MySQLScriptSplitter {
    private let bytes: [UInt8]
    private let script: String
    private var delimiter: [UInt8] = Array(";".utf8)
    private var statements: [String] = []
    private var statementStart = 0
    /// Whether the current piece holds anything but whitespace and comments.
    private var hasContent = false

    init(_ script: String) {
        self.script = script
        self.bytes = Array(script.utf8)
    }

    mutating func split() throws(SQLParseError) -> [String] {
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart, let (newDelimiter, lineEnd) = delimiterCommand(at: index) {
                finishStatement(at: index)
                delimiter = newDelimiter
                index = lineEnd
                statementStart = index
                continue
            }
            atLineStart = byte == UInt8(ascii: "\n") || (atLineStart && (byte == 0x20 || byte == 0x09 || byte == 0x0d))
            if matchesDelimiter(at: index) {
                finishStatement(at: index)
                index += delimiter.count
                statementStart = index
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                hasContent = true
                index = try skipQuoted(from: index)
            case UInt8(ascii: "#"):
                index = lineEnd(from: index)
            case UInt8(ascii: "-") where isDashComment(at: index):
                index = lineEnd(from: index)
            case UInt8(ascii: "/") where index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                // An executable comment (`/*!50003 … */`) is SQL: it counts as content.
                if bytes[index + 2] == UInt8(ascii: "!") || bytes[index + 2] == UInt8(ascii: "M") { hasContent = true }
                index = try skipBlockComment(from: index)
            default:
                if byte > 0x20 { hasContent = true }
                index += 1
            }
        }
        finishStatement(at: bytes.count)
        return statements
    }

    private mutating func finishStatement(at end: Int) {
        defer { hasContent = false }
        guard hasContent, statementStart < end else { return }
        let text = String(decoding: bytes[statementStart..<end], as: UTF8.self)
        statements.append(Self.trimmed(text))
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// `DELIMITER //` at a line start (after blanks): the new delimiter and the end of the line.
    private func delimiterCommand(at start: Int) -> ([UInt8], Int)? {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let word = Array("delimiter".utf8)
        guard index + word.count < bytes.count,
            zip(bytes[index..<(index + word.count)], word).allSatisfy({ $0 | 0x20 == $1 }),
            bytes[index + word.count] == 0x20 || bytes[index + word.count] == 0x09
        else { return nil }
        index += word.count
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        var end = index
        while end < bytes.count, bytes[end] > 0x20 { end += 1 }
        guard end > index else { return nil }
        return (Array(bytes[index..<end]), lineEnd(from: end))
    }

    private func matchesDelimiter(at index: Int) -> Bool {
        guard index + delimiter.count <= bytes.count else { return false }
        for offset in 0..<delimiter.count where bytes[index + offset] != delimiter[offset] { return false }
        return true
    }

    private func isDashComment(at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-")
            && (index + 2 == bytes.count || bytes[index + 2] <= 0x20)
    }

    private func lineEnd(from index: Int) -> Int {
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return end
    }

    private func skipQuoted(from start: Int) throws(SQLParseError) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), quote != UInt8(ascii: "`") {
                index += 2
                continue
            }
            if bytes[index] == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        let what = quote == UInt8(ascii: "`") ? "quoted identifier" : "string"
        throw SQLParseError(
            message: "unterminated \(what)", position: MySQLTokenizer.characterPosition(ofByte: start, in: bytes),
            in: script)
    }

    private func skipBlockComment(from start: Int) throws(SQLParseError) -> Int {
        var index = start + 2
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        throw SQLParseError(
            message: "unterminated /* comment", position: MySQLTokenizer.characterPosition(ofByte: start, in: bytes),
            in: script)
    }
}
