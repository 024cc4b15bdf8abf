import Foundation
import Migrations

/// Evidence lines shared by the migration checks.
enum MigrationEvidence {
    /// `V3__orders_status.sql:4: CREATE INDEX orders_status_idx ON orders (status)` (first line, cut at 160).
    static func statement(_ statement: MigrationStatement, in script: MigrationScript) -> String {
        let firstLines = statement.statement.text.split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
        let text = firstLines.count > 160 ? String(firstLines.prefix(157)) + "..." : firstLines
        return "\(script.path):\(statement.line): \(text)"
    }
}
