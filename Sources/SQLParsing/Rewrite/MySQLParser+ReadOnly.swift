extension MySQLParser {
    /// The SELECT that reads the rows `sql` would write or lock (`UPDATE`, `DELETE`, multi-table
    /// forms, `INSERT/REPLACE … SELECT`, `SELECT … FOR UPDATE` / `LOCK IN SHARE MODE`), for planning
    /// with a read-only role; `nil` when `sql` already only reads or has no such equivalent.
    public static func readOnlyEquivalent(of sql: String) -> String? {
        guard let tokens = try? MySQLTokenizer.tokens(of: sql),
            let rewritten = ReadOnlyRewrite(sql: sql, tokens: rewriteTokens(tokens, in: sql), dialect: .mysql)
                .rewrite(),
            let original = try? shape(of: sql), let equivalent = try? shape(of: rewritten)
        else { return nil }
        return ReadOnlyRewrite.isFaithful(equivalent, to: original) ? rewritten : nil
    }

    /// The tokenizer's tokens with their byte ranges; a quoted token's end is found in the text,
    /// since its `text` is unescaped.
    private static func rewriteTokens(_ tokens: [MySQLToken], in sql: String) -> [SQLToken] {
        let bytes = Array(sql.utf8)
        return tokens.map { token in
            let end: Int
            let kind: SQLToken.Kind
            switch token.kind {
            case .word:
                end = token.offset + token.text.utf8.count
                kind = .identifier
            case .quotedIdentifier:
                end = closingQuote(in: bytes, from: token.offset)
                kind = .identifier
            case .string:
                end = closingQuote(in: bytes, from: token.offset)
                kind = .literal
            case .number, .placeholder:
                end = token.offset + token.text.utf8.count
                kind = .literal
            case .symbol:
                end = token.offset + token.text.utf8.count
                kind = .punctuation
            }
            let range = token.offset..<max(token.offset + 1, min(end, bytes.count))
            // Backtick names keep their backticks in the text, so `word` treats them as quoted.
            let text = String(decoding: bytes[range], as: UTF8.self)
            return SQLToken(text: text, kind: kind, range: range)
        }
    }

    /// The offset after the quoted token starting at or after `start` (`'…'`, `"…"`, `` `…` ``,
    /// with a charset introducer or `N` before it), honouring doubled quotes and backslashes.
    private static func closingQuote(in bytes: [UInt8], from start: Int) -> Int {
        var i = start
        let quotes: Set<UInt8> = [UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`")]
        while i < bytes.count, !quotes.contains(bytes[i]) { i += 1 }
        guard i < bytes.count else { return bytes.count }
        let quote = bytes[i]
        i += 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") && quote != UInt8(ascii: "`") {
                i += 2
                continue
            }
            if bytes[i] == quote {
                if i + 1 < bytes.count, bytes[i + 1] == quote {
                    i += 2
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }
}
