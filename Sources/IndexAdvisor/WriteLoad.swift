import AdvisorCore

/// What one more index costs the writes to a table.
///
/// The penalty is charged from the rows the *workload's own* INSERT/UPDATE/DELETE statements
/// wrote (`QueryGroup.rows`, else one row per call), so benefit and penalty cover the same window.
/// `Table.writeStats` counts since the statistics were last reset, a window that usually does
/// not match the workload's (and often includes the initial bulk load), so it is shown in the
/// overhead text as evidence but not charged.
struct WriteLoad {
    /// Rows written per table (lowercased name) by the workload.
    private var rows: [String: Double] = [:]

    init(_ queries: [AnalyzedQuery]) {
        for query in queries {
            guard let shape = query.shape, [.insert, .update, .delete, .merge].contains(shape.kind),
                let target = shape.tables.first
            else { continue }
            let written = query.group.rows.map(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? Double(query.group.calls)
            rows[target.name.lowercased(), default: 0] += written
        }
    }

    func rowsWritten(to table: String) -> Double { rows[table.lowercased()] ?? 0 }

    /// Estimated extra maintenance in ms over the workload for one more index on `table`.
    func penaltyMs(_ table: String, options: IndexAdvisorOptions) -> Double {
        rowsWritten(to: table) * options.writeCostMsPerRow
    }

    /// `+1 index entry per written row: 34 rows written by the workload (~0.1 ms); 400,017 inserts, …`
    func overheadText(_ candidate: IndexCandidate, schema: Schema, options: IndexAdvisorOptions) -> String {
        let written = rowsWritten(to: candidate.table)
        var text =
            written == 0
            ? "the workload writes no rows to \(candidate.table), so no index maintenance is charged"
            : "one more index entry per written row: \(Figures.count(written)) rows written by the workload "
                + "(~\(Figures.duration(ms: penaltyMs(candidate.table, options: options))) of index maintenance)"
        if let stats = schema.table(named: candidate.table, schema: candidate.schema)?.writeStats {
            text +=
                "; \(Figures.count(Double(stats.inserts))) inserts, \(Figures.count(Double(stats.updates))) updates, "
                + "\(Figures.count(Double(stats.deletes))) deletes since statistics reset"
        }
        return text
    }
}
