import AdvisorCore
import Foundation

/// An index whose key columns are a leading prefix of another index on the same table (same method,
/// same predicate), or an exact duplicate: the longer index serves its lookups, and every write pays
/// for both. Unique and primary-key indexes enforce a constraint and are never reported.
public struct RedundantIndexCheck: Check {
    public static let name = "RedundantIndexCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        var out: [Finding] = []
        for table in context.schema.tables {
            let indexes = table.indexes.filter(\.isValid)
            for index in indexes where !index.isUnique && !index.isPrimary {
                // The widest index that makes this one redundant; ties by name for determinism.
                let covering = indexes.filter { other in
                    other.name != index.name && makesRedundant(other, index)
                        && (other.keyColumns.count > index.keyColumns.count || other.isUnique
                            || other.name < index.name)
                }.sorted { ($0.keyColumns.count, $1.name) > ($1.keyColumns.count, $0.name) }
                guard let other = covering.first else { continue }
                let duplicate = other.keyColumns.count == index.keyColumns.count
                let dropStatement =
                    IndexDrop.statement(index, on: table, engine: context.engine) ?? "drop index \(index.name)"
                out.append(
                    Finding(
                        ruleID: spec.id, severity: spec.severity,
                        message:
                            "\(index.name) \(columns(index)) is \(duplicate ? "a duplicate of" : "a prefix of") \(other.name) \(columns(other))",
                        table: table.name,
                        evidence: [describe(index), describe(other)],
                        help:
                            "\(other.name) serves every lookup \(index.name) serves; drop it to save space and write work: \(dropStatement)"
                    ))
            }
        }
        return out
    }

    /// Whether `wide` serves everything `narrow` does.
    private func makesRedundant(_ wide: Index, _ narrow: Index) -> Bool {
        guard wide.method.lowercased() == narrow.method.lowercased(), wide.predicate == narrow.predicate,
            wide.keyColumns.count >= narrow.keyColumns.count,
            Array(wide.keyColumns.prefix(narrow.keyColumns.count)).map(normalized) == narrow.keyColumns.map(normalized)
        else { return false }
        // Only B-trees answer lookups on a key prefix; other methods must match exactly.
        if wide.method.lowercased() != "btree", wide.keyColumns.count != narrow.keyColumns.count { return false }
        let wideColumns = Set((wide.keyColumnNames + wide.includedColumns).map { $0.lowercased() })
        return narrow.includedColumns.allSatisfy { wideColumns.contains($0.lowercased()) }
    }

    private func normalized(_ key: IndexKey) -> String {
        "\(key.name.lowercased())|\(key.isExpression)|\(key.descending)|\(key.prefixLength ?? 0)"
    }

    private func columns(_ index: Index) -> String {
        "(\(index.keyColumns.map { $0.name + ($0.descending ? " DESC" : "") }.joined(separator: ", ")))"
    }

    private func describe(_ index: Index) -> String {
        var parts: [String] = []
        if let size = index.sizeBytes { parts.append(Figures.bytes(size)) }
        if let scans = index.scans { parts.append("\(Figures.count(scans)) scans") }
        if index.isUnique { parts.append("unique") }
        let figures = parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
        return "\(index.definition ?? "\(index.name) \(columns(index))")\(figures)"
    }
}
