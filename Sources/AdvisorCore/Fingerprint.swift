/// Identity of a query group: statements that differ only in literals, IN-list lengths, comments,
/// case or whitespace share a fingerprint.
public struct Fingerprint: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Stable hexadecimal id (libpg_query's fingerprint on PostgreSQL; hash of the normalized text on MySQL).
    public var id: String
    /// Normalized statement text with literals replaced (`$1`/`?`), for display.
    public var normalized: String

    public init(id: String, normalized: String) {
        self.id = id
        self.normalized = normalized
    }

    public var description: String { id }
}
