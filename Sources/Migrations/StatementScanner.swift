/// Finds the statement-ending semicolons of PostgreSQL SQL text, skipping comments, string
/// literals, quoted identifiers and dollar quotes (the lexical rules of "SQL Syntax: Lexical Structure").
///
/// Used to prove that a rendered statement is exactly one statement whatever its predicate holds.
enum StatementScanner {
    /// Offsets (in Unicode scalars) of the top-level `;`s, or `nil` when a quote or comment is left open.
    static func semicolons(in text: String) -> [Int]? {
        let s = Array(text.unicodeScalars)
        var found: [Int] = []
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k >= 0 && k < s.count ? s[k] : nil }
        func isIdentifierPart(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "$" || c.value >= 0x80
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "-" where at(i + 1) == "-":
                while i < s.count, s[i] != "\n" { i += 1 }
            case "/" where at(i + 1) == "*":
                // Block comments nest in PostgreSQL.
                var depth = 0
                repeat {
                    if at(i) == "/", at(i + 1) == "*" {
                        depth += 1
                        i += 2
                    } else if at(i) == "*", at(i + 1) == "/" {
                        depth -= 1
                        i += 2
                    } else if i >= s.count {
                        return nil
                    } else {
                        i += 1
                    }
                } while depth > 0
                continue
            case "'":
                // E'…' strings take backslash escapes; standard strings only double the quote.
                let escapes = i > 0 && (s[i - 1] == "E" || s[i - 1] == "e") && !isIdentifierPart(at(i - 2))
                i += 1
                while true {
                    guard let d = at(i) else { return nil }
                    if escapes, d == "\\" {
                        i += 2
                    } else if d == "'" {
                        if at(i + 1) == "'" { i += 2 } else { break }
                    } else {
                        i += 1
                    }
                }
            case "\"":
                i += 1
                while true {
                    guard let d = at(i) else { return nil }
                    if d == "\"" {
                        if at(i + 1) == "\"" { i += 2 } else { break }
                    } else {
                        i += 1
                    }
                }
            case "$" where !isIdentifierPart(at(i - 1)):
                // $tag$…$tag$ with an optional tag; `$1` is a parameter, not a quote.
                var j = i + 1
                while let d = at(j), d.properties.isAlphabetic || d == "_" || (j > i + 1 && ("0"..."9").contains(d)) {
                    j += 1
                }
                guard at(j) == "$" else { break }
                let tag = Array(s[i...j])
                var k = j + 1
                while true {
                    guard k + tag.count <= s.count else { return nil }
                    if Array(s[k..<(k + tag.count)]) == tag { break }
                    k += 1
                }
                i = k + tag.count - 1
            case ";":
                found.append(i)
            case "\\":
                // Never SQL outside quotes, and psql would run it as a meta-command (`\!` runs a shell).
                return nil
            default:
                break
            }
            i += 1
        }
        return found
    }

    /// True when `text` is one statement: a single top-level `;`, with only whitespace after it.
    static func isSingleStatement(_ text: String) -> Bool {
        guard let semicolons = semicolons(in: text), semicolons.count == 1 else { return false }
        let rest = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(semicolons[0] + 1)))
        return rest.allSatisfy(\.isWhitespace)
    }
}
