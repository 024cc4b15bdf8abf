/// What a statement can be in an N+1 loop, from its shape.
public enum StatementRole: Sendable, Equatable {
    /// A SELECT on a table with an equality or `IN` predicate: can be the repeated lookup, and a parent.
    case lookup
    /// Another SELECT on a table: can be a parent (its rows are what a loop iterates).
    case read
    /// INSERT, UPDATE, DELETE, MERGE: breaks a loop (repeated writes are not lazy loading).
    case write
    /// Session and transaction statements (`SET`, `BEGIN`, `COMMIT`), `SELECT 1`: transparent.
    case utility

    /// The role of a statement of this shape; `nil` (unknown: breaks a loop) without a shape.
    public init?(_ shape: QueryShape?) {
        guard let shape else { return nil }
        switch shape.kind {
        case .other: self = .utility
        case .insert, .update, .delete, .merge: self = .write
        case .select:
            if shape.tables.isEmpty {
                self = .utility
            } else if shape.predicates.contains(where: { $0.kind == .equality || $0.kind == .inList }) {
                self = .lookup
            } else {
                self = .read
            }
        }
    }

    /// Whether its rows can feed a loop.
    public var canBeParent: Bool { self == .lookup || self == .read }
}
