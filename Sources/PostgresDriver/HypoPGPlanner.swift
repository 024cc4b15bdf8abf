import AdvisorCore
import Foundation

/// Answers what-if questions with HypoPG hypothetical indexes and PostgreSQL's own planner costs.
///
/// Facts this design rests on (measured on PostgreSQL 15.20, HypoPG 1.3.1):
/// - `hypopg_create_index` works inside a READ ONLY transaction and its indexes survive ROLLBACK:
///   they live in the backend's memory, not in the catalog. So they are created outside
///   `explainJSON`'s rolled-back transaction and always removed with `hypopg_reset()` afterwards.
/// - Plain EXPLAIN (never ANALYZE) considers them, including for the generic plan of a
///   `$n` statement; the plan names one as `<indexrelid>btree_<table>_<columns>`, cut to 63
///   bytes, so the `<indexrelid>` prefix is what identifies it.
/// - They are per backend: another session's plans never see them.
public final class HypoPGPlanner: WhatIfPlanner {
    /// Always `.hypothetical`.
    public let basis: GainBasis = .hypothetical
    /// EXPLAINs run so far (answers from the cache are not counted).
    public private(set) var whatIfCalls = 0
    /// Questions answered from the cache.
    public private(set) var cacheHits = 0

    private let connection: PostgresConnection
    private var costs: [CacheKey: WhatIfResult] = [:]
    private var sizes: [IndexCandidate: Int64] = [:]

    private struct CacheKey: Hashable {
        var statement: String
        var indexes: [IndexCandidate]
    }

    /// Uses `connection` for every question; fails when HypoPG is not installed in its database.
    ///
    /// It never runs CREATE EXTENSION itself: that changes the user's database and needs rights
    /// the advisor's role should not have. The CLI falls back to the statistics model instead.
    public init(connection: PostgresConnection) throws(DriverError) {
        self.connection = connection
        let installed = try connection.executeOne(
            "SELECT (SELECT extversion FROM pg_extension WHERE extname = 'hypopg') AS installed, "
                + "EXISTS (SELECT FROM pg_available_extensions WHERE name = 'hypopg') AS available")
        guard let row = installed.namedRows.first, row["installed"] != nil else {
            let available = installed.namedRows.first?.bool("available") ?? false
            throw DriverError(
                kind: .queryFailed, engine: .postgres,
                message: "HypoPG is not installed in this database"
                    + (available
                        ? "; run CREATE EXTENSION hypopg; as its owner or a superuser"
                        : "; install the server package (Debian: postgresql-15-hypopg), then run CREATE EXTENSION hypopg;")
                    + " (without it gains come from dbadvisor's statistics model)",
                server: connection.serverLabel)
        }
        _ = try connection.executeOne("SELECT hypopg_reset()")  // none left over from an earlier user of the session
    }

    /// Root total cost of `statement` with `indexes` added hypothetically, and which of them the plan uses.
    public func cost(of statement: String, with indexes: [IndexCandidate]) throws(DriverError) -> WhatIfResult {
        let sorted = Array(Set(indexes)).sorted { $0.description < $1.description }
        let key = CacheKey(statement: statement, indexes: sorted)
        if let cached = costs[key] {
            cacheHits += 1
            return cached
        }
        let result = try withHypotheticalIndexes(sorted) { (oids) throws(DriverError) -> WhatIfResult in
            whatIfCalls += 1
            let plan = try connection.explainJSON(statement)
            guard let summary = PlanSummary(json: plan) else {
                throw DriverError(
                    kind: .queryFailed, engine: .postgres, message: "EXPLAIN returned a plan without a Total Cost",
                    server: connection.serverLabel)
            }
            let used = sorted.indices.filter { summary.indexOIDs.contains(oids[$0]) }.map { sorted[$0] }
            return WhatIfResult(cost: summary.totalCost, usedIndexes: used)
        }
        costs[key] = result
        return result
    }

    /// Estimated size of `index` once built, in bytes.
    ///
    /// `hypopg_relation_size` assumes no B-tree deduplication and a generous tuple layout. Against
    /// real builds of the shop sample (400k rows) it was 1.36× too big for unique keys and up to
    /// 4.6× for a six-value column (facts.md's 2.3× is the four-rows-per-value case). So its figure
    /// is divided by 1.36 and by the deduplication gain estimated from pg_stats (`DeduplicationModel`);
    /// after that the shop indexes came within 0.9–1.4× of their real size.
    public func estimatedSize(of index: IndexCandidate) throws(DriverError) -> Int64 {
        if let known = sizes[index] { return known }
        let raw = try withHypotheticalIndexes([index]) { (oids) throws(DriverError) -> Double in
            let result = try connection.executeOne("SELECT hypopg_relation_size(\(oids[0])) AS size")
            return result.namedRows.first?.double("size") ?? 0
        }
        let gain = try deduplicationGain(of: index)
        let size = Int64((raw / HypoPGPlanner.layoutOverestimate / gain).rounded())
        sizes[index] = size
        return size
    }

    /// `CREATE INDEX ON "schema"."table" ("a", "b") INCLUDE ("c") WHERE …` for `hypopg_create_index`.
    ///
    /// Identifiers are always double-quoted (quotes doubled), which keeps their exact spelling;
    /// the catalog and libpg_query both hand over names already case-folded.
    public static func createStatement(for index: IndexCandidate) -> String {
        var text = "CREATE INDEX ON "
        if let schema = index.schema { text += quoted(schema) + "." }
        text +=
            quoted(index.table) + " ("
            + index.keyColumns.map { column in quoted(column) + (index.operatorClass(of: column).map { " \($0)" } ?? "")
            }
            .joined(separator: ", ") + ")"
        if !index.includedColumns.isEmpty {
            text += " INCLUDE (" + index.includedColumns.map(quoted).joined(separator: ", ") + ")"
        }
        if let predicate = index.predicate { text += " WHERE \(predicate)" }
        return text
    }

    /// Measured factor by which `hypopg_relation_size` exceeds a fresh build of a unique key.
    static let layoutOverestimate = 1.36

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Creates `indexes` hypothetically, runs `body` with their oids (same order), and resets on every path.
    private func withHypotheticalIndexes<T>(
        _ indexes: [IndexCandidate], _ body: ([String]) throws(DriverError) -> T
    ) throws(DriverError) -> T {
        defer { _ = try? connection.executeOne("SELECT hypopg_reset()") }
        var oids: [String] = []
        for index in indexes {
            let created = try connection.executeOne(
                "SELECT indexrelid FROM hypopg_create_index($1)", parameters: [Self.createStatement(for: index)])
            guard let oid = created.rows.first?.first ?? nil else {
                throw DriverError(
                    kind: .queryFailed, engine: .postgres, message: "HypoPG did not create \(index)",
                    server: connection.serverLabel)
            }
            oids.append(oid)
        }
        return try body(oids)
    }

    /// How many times smaller deduplication makes the index (1 when it cannot apply).
    private func deduplicationGain(of index: IndexCandidate) throws(DriverError) -> Double {
        // PG 13+ deduplicates B-tree leaf tuples, but not in INCLUDE or unique indexes (nbtree
        // docs, 67.4.3); candidates are never unique.
        guard index.includedColumns.isEmpty, (Int(connection.serverVersion.prefix { $0.isNumber }) ?? 0) >= 13
        else { return 1 }
        let relation = (index.schema.map { Self.quoted($0) + "." } ?? "") + Self.quoted(index.table)
        let rows = try connection.executeOne(
            """
            SELECT c.reltuples, s.attname, s.n_distinct, s.avg_width
            FROM pg_class c
            LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = ANY($2::text[])
            WHERE c.oid = to_regclass($1)
            """,
            parameters: [relation, "{" + index.keyColumns.map { Self.quoted($0) }.joined(separator: ",") + "}"]
        ).namedRows
        guard let tableRows = rows.first?.double("reltuples"), tableRows > 0 else { return 1 }
        var columns: [String: (distinct: Double, width: Double)] = [:]
        for row in rows {
            guard let name = row["attname"], let nDistinct = row.double("n_distinct") else { continue }
            let distinct = nDistinct < 0 ? -nDistinct * tableRows : nDistinct
            columns[name] = (max(1, distinct), row.double("avg_width") ?? 8)
        }
        let known = index.keyColumns.compactMap { columns[$0] }
        guard known.count == index.keyColumns.count else { return 1 }
        // A partial index holds only the predicate's rows, and its keys at most one value per row:
        // the whole table's rows per key would credit it with duplicates it does not have.
        let indexRows =
            try index.predicate.map { (predicate) throws(DriverError) in
                try estimatedRows(of: "SELECT 1 FROM \(relation) WHERE \(predicate)")
            } ?? tableRows
        return DeduplicationModel(
            rows: indexRows, keyDistinct: known.map { min($0.distinct, max(1, indexRows)) },
            keyWidths: known.map(\.width)
        ).gain
    }

    /// The planner's row estimate for `sql` (its top plan node's `Plan Rows`), planned, not run.
    private func estimatedRows(of sql: String) throws(DriverError) -> Double {
        let json = try connection.explainJSON(sql)
        let plans = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]]
        guard let plan = plans?.first?["Plan"] as? [String: Any], let rows = plan["Plan Rows"] as? Double else {
            throw DriverError(
                kind: .queryFailed, engine: .postgres, message: "no row estimate in the plan of \(sql)",
                server: connection.serverLabel)
        }
        return rows
    }
}
