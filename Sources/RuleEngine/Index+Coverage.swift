import AdvisorCore

extension Index {
    /// Whether this index serves every lookup `narrow` serves: same method and predicate, and
    /// `narrow`'s keys are a leading prefix of this one's (B-trees only; other methods must match
    /// exactly), with `narrow`'s included columns among this one's columns. The same test as
    /// `RedundantIndexCheck`, for indexes a migration creates.
    func serves(_ narrow: Index) -> Bool {
        guard method.lowercased() == narrow.method.lowercased(), predicate == narrow.predicate,
            keyColumns.count >= narrow.keyColumns.count,
            keyColumns.prefix(narrow.keyColumns.count).map(Self.keyIdentity) == narrow.keyColumns.map(Self.keyIdentity)
        else { return false }
        if method.lowercased() != "btree", keyColumns.count != narrow.keyColumns.count { return false }
        let columns = Set((keyColumnNames + includedColumns).map { $0.lowercased() })
        return narrow.includedColumns.allSatisfy { columns.contains($0.lowercased()) }
    }

    /// `(a, b DESC)` for messages.
    var keyListText: String {
        "(" + keyColumns.map { $0.name + ($0.descending ? " DESC" : "") }.joined(separator: ", ") + ")"
    }

    private static func keyIdentity(_ key: IndexKey) -> String {
        "\(key.name.lowercased())|\(key.isExpression)|\(key.descending)|\(key.prefixLength ?? 0)"
    }
}
