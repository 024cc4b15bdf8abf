import AdvisorCore

/// The workload's candidates after consolidation: which queries each serves, and what was dropped.
///
/// Steps, in order: too-wide candidates are declined and replaced by their prefix of allowed
/// width; covering variants of one key gain a candidate with the union of their INCLUDE columns
/// (within `maxIncludedColumns`); a candidate whose keys are a leading prefix of another's (and whose INCLUDE columns the
/// other has) is merged into it, plain into plain and covering into covering, so the selection
/// still compares an index with its covering variant; candidates an existing valid index already
/// serves (`IndexCandidate.isCovered(by:)`) are declined naming that index.
public struct CandidatePool: Sendable {
    /// Kept candidates, sorted by description, with the indexes (into the query list) they came from.
    public var candidates: [IndexCandidate]
    public var sources: [IndexCandidate: Set<Int>]
    public var declined: [DeclinedCandidate]

    /// Consolidates `perQuery[i]`, the candidates of query `i`.
    public init(perQuery: [[IndexCandidate]], schema: Schema, options: IndexAdvisorOptions) {
        var sources: [IndexCandidate: Set<Int>] = [:]
        var declined: [IndexCandidate: String] = [:]
        for (query, candidates) in perQuery.enumerated() {
            for candidate in candidates {
                guard candidate.keyColumns.count > options.maxIndexWidth else {
                    sources[candidate, default: []].insert(query)
                    continue
                }
                declined[candidate] =
                    "wider than --max-index-width (\(candidate.keyColumns.count) > \(options.maxIndexWidth) key columns)"
                var narrower = candidate
                narrower.keyColumns = Array(candidate.keyColumns.prefix(options.maxIndexWidth))
                narrower.operatorClasses = candidate.operatorClasses?.filter { narrower.keyColumns.contains($0.key) }
                if narrower.operatorClasses?.isEmpty == true { narrower.operatorClasses = nil }
                narrower.includedColumns = candidate.includedColumns.filter { !narrower.keyColumns.contains($0) }
                sources[narrower, default: []].insert(query)
            }
        }
        // Covering variants of one key for different queries (lineitem (l_shipdate) INCLUDE (a, b)
        // and INCLUDE (a, c)) get a candidate carrying their union, which the next step merges
        // them into: one index serving them all rather than near-duplicates competing for budget.
        var variants: [IndexCandidate: [IndexCandidate]] = [:]
        for candidate in sources.keys where !candidate.includedColumns.isEmpty {
            var key = candidate
            key.includedColumns = []
            variants[key, default: []].append(candidate)
        }
        for (key, group) in variants where group.count > 1 {
            let union = Set(group.flatMap(\.includedColumns)).sorted()
            guard union.count <= options.maxIncludedColumns else { continue }
            var merged = key
            merged.includedColumns = union
            for variant in group { sources[merged, default: []].formUnion(sources[variant] ?? []) }
        }
        // Longest first, so a prefix is merged into the longest candidate that covers it.
        let ordered = sources.keys.sorted {
            ($0.keyColumns.count, $0.includedColumns.count, $1.description)
                > ($1.keyColumns.count, $1.includedColumns.count, $0.description)
        }
        var kept: [IndexCandidate] = []
        for candidate in ordered {
            if let wider = kept.first(where: {
                $0 != candidate && candidate.isCovered(by: $0)
                    && $0.includedColumns.isEmpty == candidate.includedColumns.isEmpty
            }) {
                sources[wider, default: []].formUnion(sources[candidate] ?? [])
                declined[candidate] = "merged into \(wider), which serves the same queries"
                continue
            }
            if let existing = Self.existingIndex(covering: candidate, in: schema) {
                declined[candidate] = "redundant with existing index \(existing)"
                continue
            }
            kept.append(candidate)
        }
        self.candidates = kept.sorted { $0.description < $1.description }
        self.sources = sources.filter { kept.contains($0.key) }
        self.declined = declined.map { DeclinedCandidate(index: $0.key, reason: $0.value) }
            .sorted { $0.index.description < $1.index.description }
    }

    /// Name of a valid, plain B-tree index of the table that serves every lookup `candidate` would.
    static func existingIndex(covering candidate: IndexCandidate, in schema: Schema) -> String? {
        guard let table = schema.table(named: candidate.table, schema: candidate.schema) else { return nil }
        let matches = table.indexes.filter { index in
            guard index.isValid, index.method.lowercased() == "btree",
                !index.keyColumns.contains(where: \.isExpression)
            else { return false }
            let existing = IndexCandidate(
                schema: candidate.schema, table: candidate.table, keyColumns: index.keyColumnNames,
                includedColumns: index.includedColumns, predicate: index.predicate)
            // The catalog prints predicates in its own normal form; only predicate-free ones compare.
            return candidate.predicate == nil && index.predicate == nil && candidate.isCovered(by: existing)
        }
        return matches.map(\.name).sorted().first
    }
}
