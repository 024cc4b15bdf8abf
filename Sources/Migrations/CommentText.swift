import Foundation

/// Free text made safe to sit on one comment line of any layout.
enum CommentText {
    /// `text` on one line: every run of whitespace or control characters becomes one space, so no
    /// newline can end a `--` or `#` comment early and put text where SQL or Ruby is read; `*/` and
    /// `${` are broken up (`* /`, `$ {`) so the text cannot close a block comment or become a Flyway
    /// placeholder (Flyway replaces `${…}` anywhere in a script, comments included). Longer than
    /// `limit` characters, it is cut and ends with `...`.
    static func oneLine(_ text: String, limit: Int? = nil) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        result = result.replacingOccurrences(of: "*/", with: "* /").replacingOccurrences(of: "${", with: "$ {")
        if let limit, result.count > limit {
            result = String(result.prefix(limit)).trimmingTrailingSpaces() + "..."
        }
        return result
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
