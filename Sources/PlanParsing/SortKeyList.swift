import Foundation

/// Splits MariaDB's single `sort_key` string (`orders.total desc, orders.id`) into keys.
enum SortKeyList {
    /// Splits on commas outside parentheses and quotes, so `concat(a, b) desc` stays one key.
    static func split(_ text: String) -> [String] {
        var keys: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" || character == "`" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth = max(0, depth - 1)
            } else if character == ",", depth == 0 {
                keys.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        keys.append(current)
        return keys.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
