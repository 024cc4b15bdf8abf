import Foundation

/// The up block of a dbmate migration: the lines after `-- migrate:up [options]` up to
/// `-- migrate:down`, and whether the block opted out of dbmate's transaction.
struct DbmateSource {
    var up: SQLSection
    /// `transaction:false` on the `-- migrate:up` line (dbmate 1.5+; default true where the database supports it).
    var transactionDisabled: Bool

    /// `nil` when the text has no `-- migrate:up` line (it is then not a dbmate file).
    static func read(_ text: String, path: String) throws(MigrationReadError) -> DbmateSource? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let upAt = lines.firstIndex(where: { isMarker($0, "up") }) else {
            if let downAt = lines.firstIndex(where: { isMarker($0, "down") }) {
                throw MigrationReadError(
                    path: path, line: downAt + 1,
                    message: "dbmate file has `-- migrate:down` but no `-- migrate:up` block")
            }
            return nil
        }
        let downAt = lines[(upAt + 1)...].firstIndex(where: { isMarker($0, "down") }) ?? lines.count
        let options = lines[upAt].split(separator: " ").dropFirst(2).map { $0.lowercased() }
        let body = lines[(upAt + 1)..<downAt].joined(separator: "\n")
        return DbmateSource(
            up: SQLSection(text: body, startLine: upAt + 2), transactionDisabled: options.contains("transaction:false"))
    }

    private static func isMarker(_ line: String, _ direction: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed == "-- migrate:\(direction)" || trimmed.hasPrefix("-- migrate:\(direction) ")
    }
}
