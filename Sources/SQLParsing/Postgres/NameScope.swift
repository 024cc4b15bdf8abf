import AdvisorCore

/// The relations one query level can see, for resolving column qualifiers to base tables.
///
/// Scopes chain outwards, so a correlated subquery resolves `o.id` through its enclosing query.
final class NameScope {
    /// One FROM item: a base table, or a derived relation (subquery, CTE, function) with `table == nil`.
    struct Relation {
        /// The name columns are qualified with: the alias, else the table name.
        let exposedName: String
        let table: String?
        /// Distinguishes equal names at different query levels (`orders` in a query and its subquery).
        let key: String
    }

    private let parent: NameScope?
    private let depth: Int
    private(set) var relations: [Relation] = []
    private var cteNames: Set<String> = []
    /// Qualifiers that name a table without being a FROM item, like `excluded` in ON CONFLICT.
    private var pseudoRelations: [String: String] = [:]

    init(parent: NameScope?) {
        self.parent = parent
        self.depth = (parent?.depth ?? -1) + 1
    }

    func addRelation(exposedName: String, table: String?) {
        relations.append(Relation(exposedName: exposedName, table: table, key: "\(depth):\(exposedName)"))
    }

    func addCTE(named name: String?) {
        if let name { cteNames.insert(name) }
    }

    func addPseudoRelation(named name: String, table: String) { pseudoRelations[name] = table }

    /// Whether an unqualified relation name refers to a CTE rather than a table.
    func isCTE(_ name: String) -> Bool {
        cteNames.contains(name) || (parent?.isCTE(name) ?? false)
    }

    /// Resolves a ColumnRef's name parts (`[column]`, `[qualifier, column]` or `[schema, table, column]`).
    ///
    /// An unqualified column belongs to the innermost level that has FROM items; it is attributed
    /// to a table only when that level has exactly one (we have no catalog to decide otherwise).
    func resolve(_ parts: [String]) -> ResolvedColumn? {
        guard let column = parts.last else { return nil }
        guard parts.count > 1 else { return resolveUnqualified(column) }
        let qualifier = parts[parts.count - 2]
        if let relation = lookUp(qualifier) {
            return ResolvedColumn(
                ColumnReference(table: relation.table, column: column), relationKey: relation.key,
                isDerived: relation.table == nil)
        }
        if let table = lookUpPseudo(qualifier) {
            return ResolvedColumn(ColumnReference(table: table, column: column), relationKey: "pseudo:\(qualifier)")
        }
        // An unknown qualifier (invalid SQL, or a fully qualified name): trust it as a table name.
        return ResolvedColumn(ColumnReference(table: qualifier, column: column), relationKey: "?:\(qualifier)")
    }

    private func resolveUnqualified(_ column: String) -> ResolvedColumn {
        guard !relations.isEmpty else {
            return parent?.resolveUnqualified(column)
                ?? ResolvedColumn(ColumnReference(table: nil, column: column), relationKey: nil)
        }
        guard relations.count == 1, let only = relations.first else {
            return ResolvedColumn(ColumnReference(table: nil, column: column), relationKey: nil)
        }
        return ResolvedColumn(
            ColumnReference(table: only.table, column: column), relationKey: only.key, isDerived: only.table == nil)
    }

    private func lookUp(_ name: String) -> Relation? {
        relations.last { $0.exposedName == name } ?? parent?.lookUp(name)
    }

    private func lookUpPseudo(_ name: String) -> String? {
        pseudoRelations[name] ?? parent?.lookUpPseudo(name)
    }
}

/// A column as resolved through a ``NameScope``, remembering which FROM item it came from.
struct ResolvedColumn: Hashable {
    let reference: ColumnReference
    /// The FROM item's identity, `nil` when an unqualified column was ambiguous.
    let relationKey: String?
    /// Whether the column is an output of a subquery, CTE or function rather than of a table.
    let isDerived: Bool

    init(_ reference: ColumnReference, relationKey: String?, isDerived: Bool = false) {
        self.reference = reference
        self.relationKey = relationKey
        self.isDerived = isDerived
    }

    /// Whether two columns certainly come from the same FROM item.
    func isSameRelation(as other: ResolvedColumn) -> Bool {
        guard let relationKey, let otherKey = other.relationKey else { return false }
        return relationKey == otherKey
    }
}
