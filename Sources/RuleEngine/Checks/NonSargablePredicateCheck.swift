import AdvisorCore
import Foundation

/// A predicate that hides its column from every plain index (a function or cast on the column, a
/// leading wildcard, `<>`, `OR` across columns) on a big table the plan reads in full. No index is
/// suggested: the fix is a rewrite, an expression index, or a different kind of index. A bulk
/// statement, one that returns or writes at least `bulk_share` of the table's rows per call (a
/// seed's `INSERT … SELECT … WHERE id % 2 = 0`), reads the table by design (past a tenth of the
/// rows the planner prefers the scan even with an index) and is not reported.
public struct NonSargablePredicateCheck: Check {
    public static let name = "NonSargablePredicateCheck"

    public init() {}

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let minRows = spec.params.double("min_rows", default: 10_000)
        let bulkShare = spec.params.double("bulk_share", default: 0.1)
        var out: [Finding] = []
        for query in context.queries {
            guard let shape = query.shape, let plan = query.planForRules else { continue }
            for (tableName, table, tableRows) in context.largeTables(of: query, minRows: minRows)
            where !query.isBulk(overTableOf: tableRows, share: bulkShare) {
                let scans = plan.scans(of: tableName).map(\.node)
                // Another predicate narrowed the read through an index: this one only filters a few rows.
                guard let scan = scans.first(where: { $0.operation == .fullScan || $0.operation == .fullIndexScan }),
                    !scans.contains(where: { [.indexScan, .indexOnlyScan, .bitmapScan].contains($0.operation) })
                else { continue }
                var seen: Set<String> = []
                for predicate in TablePredicates(shape: shape, table: tableName).nonSargable {
                    let reason = predicate.reason ?? "not sargable"
                    guard seen.insert("\(predicate.column.column)|\(reason)").inserted else { continue }
                    out.append(
                        Finding(
                            ruleID: spec.id, severity: spec.severity,
                            message:
                                "\(table.name).\(predicate.column.column): \(reason), so no index can serve the predicate (\(Figures.rows(tableRows)) rows read)",
                            table: table.name, fingerprint: query.group.fingerprint.id,
                            evidence: query.workloadEvidence(in: context) + [scan.evidence(tableRows: tableRows)],
                            help: Self.help(reason: reason, column: predicate.column.column, engine: context.engine)))
                }
            }
        }
        return out
    }

    /// How to rewrite, by the parser's reason.
    static func help(reason: String, column: String, engine: Engine) -> String {
        let lower = reason.lowercased()
        if lower.hasPrefix("function date()") || lower.hasPrefix("function date_trunc()")
            || lower.hasPrefix("function year()")
        {
            return
                "compare the bare column with a half-open range: \(column) >= '<day>' AND \(column) < '<day>' + 1 day (an index on \(column) then applies)"
        }
        if lower.hasPrefix("function") {
            return engine == .postgres
                ? "rewrite to compare the bare column, or create an expression index on exactly that expression (PostgreSQL requires the function to be IMMUTABLE)"
                : "rewrite to compare the bare column, or index the expression (a functional key part, MySQL 8.0.13+; a generated column on MariaDB)"
        }
        if lower.contains("wildcard") || lower.contains("case-insensitive") {
            return engine == .postgres
                ? "a B-tree cannot find '%text%'; use a pg_trgm GIN index (gin_trgm_ops serves LIKE and ILIKE) or full-text search"
                : "a B-tree cannot find '%text%'; use a FULLTEXT index with MATCH … AGAINST, or a search engine"
        }
        if lower.contains("cast") {
            return "compare with a value of the column's own type (cast the parameter, not the column)"
        }
        if lower.hasPrefix("modulo") {
            return engine == .postgres
                ? "a modulo picks every n-th row and no rewrite makes it sargable; if it runs often, an expression index on exactly (\(column) % n) serves it"
                : "a modulo picks every n-th row and no rewrite makes it sargable; if it runs often, index the expression (a functional key part, MySQL 8.0.13+; a generated column on MariaDB)"
        }
        if lower.contains("arithmetic") {
            return "move the arithmetic to the other side of the comparison so the bare column is compared"
        }
        if lower.contains("or across") {
            return "split the OR into a UNION (ALL) of queries that each use an index on their column"
        }
        if lower.contains("<>") || lower.contains("not") {
            return
                "a negation matches most rows; list the wanted values instead (= / IN), or use a partial index when the excluded value is most of the table"
        }
        return "rewrite the predicate so it compares the bare column with a value"
    }
}
