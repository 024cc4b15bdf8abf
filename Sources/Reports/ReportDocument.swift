/// A report as headings, paragraphs, lists, tables and code: what the Markdown and HTML forms
/// share, so each report is laid out once and rendered by either.
public struct ReportDocument: Equatable, Sendable {
    /// A piece of running text.
    public enum Span: Equatable, Sendable {
        case text(String)
        /// Inline code: identifiers, statements, file names.
        case code(String)
        case strong(String)
    }

    public enum Block: Equatable, Sendable {
        case heading(level: Int, [Span])
        case paragraph([Span])
        case list([[Span]])
        /// A code block in `language` (`sql`).
        case code(language: String, String)
        /// Header cells, then rows of cells.
        case table(header: [String], rows: [[[Span]]])
        /// A collapsed section: its summary line, then its blocks.
        case details(summary: String, [Block])
    }

    /// Title of the page (the HTML `<title>`; the first heading says it too).
    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }
}

extension ReportDocument {
    /// GitHub-flavoured Markdown: text is escaped, so a message never turns into markup.
    public var markdown: String {
        blocks.map(Self.markdown).joined(separator: "\n\n") + "\n"
    }

    private static func markdown(_ block: Block) -> String {
        switch block {
        case .heading(let level, let spans):
            return String(repeating: "#", count: level) + " " + markdown(spans)
        case .paragraph(let spans):
            return markdown(spans)
        case .list(let items):
            return items.map { "- " + markdown($0) }.joined(separator: "\n")
        case .code(let language, let text):
            // A fence longer than any run of backticks in the text.
            let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
            return fence + language + "\n" + text + "\n" + fence
        case .table(let header, let rows):
            var lines = ["| " + header.map { escaped($0) }.joined(separator: " | ") + " |"]
            lines.append("|" + String(repeating: "---|", count: header.count))
            for row in rows {
                // GitHub ends a cell at any unescaped `|`, inside code spans too.
                let cells = row.map { markdown($0, inTable: true).replacingOccurrences(of: "\n", with: "<br>") }
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n")
        case .details(let summary, let blocks):
            return "<details><summary>\(html(summary))</summary>\n\n"
                + blocks.map(markdown).joined(separator: "\n\n") + "\n\n</details>"
        }
    }

    private static func markdown(_ spans: [Span], inTable: Bool = false) -> String {
        spans.map { span in
            switch span {
            case .text(let text): escaped(text)
            case .strong(let text): "**" + escaped(text) + "**"
            case .code(let text):
                inTable ? codeSpan(text).replacingOccurrences(of: "|", with: "\\|") : codeSpan(text)
            }
        }.joined()
    }

    /// Inline code: backticks inside need a longer delimiter, and spaces so one at an edge is kept.
    private static func codeSpan(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let run = longestRun(of: "`", in: flat)
        let ticks = String(repeating: "`", count: run + 1)
        return run == 0 ? ticks + flat + ticks : ticks + " " + flat + " " + ticks
    }

    /// `text` with every character Markdown could read as markup backslash-escaped: an
    /// underscore inside a word (`created_at`) and `#` or `>` past the first character cannot be.
    static func escaped(_ text: String) -> String {
        let characters = Array(text.replacingOccurrences(of: "\n", with: " "))
        var out = ""
        for (i, character) in characters.enumerated() {
            let intraword =
                i > 0 && i + 1 < characters.count && characters[i - 1].isLetterOrDigit
                && characters[i + 1].isLetterOrDigit
            switch character {
            case "\\", "`", "*", "[", "]", "<", "|", "~": out.append("\\")
            case "_" where !intraword: out.append("\\")
            case "#", ">": if i == 0 { out.append("\\") }
            default: break
            }
            out.append(character)
        }
        return out
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for c in text {
            current = c == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

extension ReportDocument {
    /// A self-contained HTML page (no scripts, no external resources).
    public var html: String {
        var out = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>\(Self.html(title))</title>",
            "<style>",
            "body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; line-height: 1.45; }",
            "table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }",
            "pre { background: #f5f5f5; padding: 0.6em; overflow-x: auto; } code { font-size: 0.95em; }",
            "</style>",
            "</head>",
            "<body>",
        ]
        out += blocks.map(Self.html)
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    private static func html(_ block: Block) -> String {
        switch block {
        case .heading(let level, let spans):
            return "<h\(level)>\(html(spans))</h\(level)>"
        case .paragraph(let spans):
            return "<p>\(html(spans))</p>"
        case .list(let items):
            return "<ul>\n" + items.map { "<li>\(html($0))</li>" }.joined(separator: "\n") + "\n</ul>"
        case .code(let language, let text):
            return "<pre><code class=\"language-\(html(language))\">\(html(text))</code></pre>"
        case .table(let header, let rows):
            var lines = ["<table>", "<tr>" + header.map { "<th>\(html($0))</th>" }.joined() + "</tr>"]
            for row in rows {
                lines.append(
                    "<tr>" + row.map { "<td>\(html($0).replacingOccurrences(of: "\n", with: "<br>"))</td>" }.joined()
                        + "</tr>")
            }
            lines.append("</table>")
            return lines.joined(separator: "\n")
        case .details(let summary, let blocks):
            return "<details><summary>\(html(summary))</summary>\n" + blocks.map(html).joined(separator: "\n")
                + "\n</details>"
        }
    }

    private static func html(_ spans: [Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): html(text)
            case .strong(let text): "<strong>\(html(text))</strong>"
            case .code(let text): "<code>\(html(text))</code>"
            }
        }.joined()
    }

    /// `text` with the characters HTML reads as markup replaced by entities.
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Character {
    fileprivate var isLetterOrDigit: Bool { isLetter || isNumber }
}
