import AdvisorCore

/// Why a recommendation cannot be rendered as a migration.
public enum MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// MySQL and MariaDB have no partial indexes.
    case predicateUnsupported(engine: Engine, index: String)
    /// Hidden (invisible/ignored) indexes exist on MySQL and MariaDB only.
    case hiddenIndexUnsupported(engine: Engine)
    /// An index needs at least one key column.
    case noKeyColumns(table: String)
    /// An identifier the engine cannot store (empty, control characters) or may not use.
    case invalidIdentifier(String, reason: String)
    /// A name longer than the engine's identifier limit (the engine would truncate or refuse it).
    case nameTooLong(String, engine: Engine, limit: String)
    /// A predicate that does not stay inside the one statement (a `;`, an open quote or comment).
    case unsafePredicate(String)
    /// Two recommendations would create indexes with the same name in the same namespace.
    case duplicateIndexName(String)
    /// The version base must be decimal digits (`20261123170000`).
    case invalidVersion(String)

    /// A message that names the input and what to do.
    public var description: String {
        switch self {
        case .predicateUnsupported(let engine, let index):
            "\(engine) has no partial indexes, so `\(index)` cannot be created there; "
                + "drop the predicate or leave this candidate out"
        case .hiddenIndexUnsupported(let engine):
            "\(engine) has no invisible indexes; the hidden option is for MySQL (INVISIBLE) and MariaDB (IGNORED)"
        case .noKeyColumns(let table):
            "index on \(table) has no key columns"
        case .invalidIdentifier(let identifier, let reason):
            "identifier \(identifier.debugDescription) cannot be used: \(reason)"
        case .nameTooLong(let name, let engine, let limit):
            "index name \(name.debugDescription) exceeds \(engine)'s limit of \(limit); "
                + "leave Recommendation.name empty to have one generated"
        case .unsafePredicate(let predicate):
            "predicate \(predicate.debugDescription) does not stay inside one statement "
                + "(unterminated quote or comment, or a semicolon)"
        case .duplicateIndexName(let name):
            "two recommendations would create an index named \(name.debugDescription) in the same namespace"
        case .invalidVersion(let version):
            "migration version \(version.debugDescription) must be decimal digits, e.g. 20261123170000"
        }
    }
}
