/// Choices that change the generated DDL beyond engine and layout.
public struct MigrationOptions: Equatable, Sendable {
    /// Add the index hidden from the optimizer first (MySQL 8 `INVISIBLE`, MariaDB 10.6+ `IGNORED`),
    /// so plans can be checked before it is made visible; the header says how. Not for PostgreSQL.
    public var hidden: Bool

    public init(hidden: Bool = false) {
        self.hidden = hidden
    }
}
