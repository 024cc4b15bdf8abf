/// Positions in a script: statements are found by byte offset, reported by line and column.
enum ScriptText {
    /// 1-based line and column (in Unicode scalars) of byte `offset` of `bytes`.
    static func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }

    /// The byte offset of the first character at or after `offset` that is neither whitespace nor
    /// inside a `--`/`#` line comment or `/* */` block comment: where a statement really starts,
    /// since parsers count the trivia after the previous delimiter as part of the next statement.
    static func skipTrivia(from offset: Int, in bytes: [UInt8], hashComments: Bool) -> Int {
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if hashComments, byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*"),
                !(index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "!"))
            {
                index += 2
                while index + 1 < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index += 2
            } else {
                break
            }
        }
        return min(index, bytes.count)
    }

    /// The statement text in `bytes[start..<end]`, trailing whitespace trimmed.
    static func text(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var last = min(end, bytes.count)
        while last > start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[last - 1]) { last -= 1 }
        return String(decoding: bytes[start..<max(start, last)], as: UTF8.self)
    }
}
