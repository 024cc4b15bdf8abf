/// One-line statement text for evidence lines.
enum StatementLine {
    static func oneLine(_ sql: String, limit: Int = 160) -> String {
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
