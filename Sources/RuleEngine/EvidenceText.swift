import AdvisorCore
import Foundation

/// The workload and SQL evidence lines of findings: `3,412 calls, 41 min total (38% of workload time)`.
public enum EvidenceText {
    /// `pg_stat_statements queryid 812…: 3,412 calls, 41 min total (38% of workload time)`.
    public static func workload(_ group: QueryGroup, in context: RuleContext) -> String {
        let figures =
            "\(Figures.count(group.calls)) \(group.calls == 1 ? "call" : "calls"), "
            + "\(Figures.duration(ms: group.totalTimeMs)) total (\(Figures.percent(context.timeShare(of: group))) of workload time)"
        guard let origin = group.origins.first else { return figures }
        return "\(origin): \(figures)"
    }

    /// `sql: SELECT …` on one line, shortened to 200 characters.
    public static func sql(_ group: QueryGroup) -> String {
        "sql: " + group.sampleText.onOneLine.shortened(to: 200)
    }
}
