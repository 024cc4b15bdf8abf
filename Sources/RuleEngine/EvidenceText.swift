import AdvisorCore
import Foundation

/// Formats the figures in findings the same way everywhere: `3,412 calls, 41 min total (38% of workload time)`.
public enum EvidenceText {
    /// `3,412`.
    public static func count<N: BinaryInteger>(_ value: N) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// Row counts: `83`, `2,000`, `400k`, `1.2M`.
    public static func rows(_ value: Double) -> String {
        let rounded = value.rounded()
        switch rounded {
        case ..<10_000: return count(Int(rounded))
        case ..<1_000_000: return "\(Int((rounded / 1000).rounded()))k"
        default:
            let millions = (rounded / 100_000).rounded() / 10
            return millions == millions.rounded() ? "\(Int(millions))M" : "\(millions)M"
        }
    }

    /// Durations: `850 ms`, `12.3 s`, `41 min`, `2.5 h`.
    public static func duration(ms: Double) -> String {
        switch ms {
        case ..<1000: return "\(Int(ms.rounded())) ms"
        case ..<60_000: return "\(oneDecimal(ms / 1000)) s"
        case ..<3_600_000: return "\(Int((ms / 60_000).rounded())) min"
        default: return "\(oneDecimal(ms / 3_600_000)) h"
        }
    }

    /// Shares: `38%`, `<1%`.
    public static func percent(_ share: Double) -> String {
        let value = share * 100
        return value > 0 && value < 0.5 ? "<1%" : "\(Int(value.rounded()))%"
    }

    /// Sizes as PostgreSQL's `pg_size_pretty` prints them: `8192 bytes`, `12 kB`, `52 MB`, `1.2 GB`.
    public static func bytes(_ value: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 10 * 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        if unit == 0 { return "\(value) bytes" }
        return "\(Int(amount.rounded())) \(units[unit])"
    }

    /// `pg_stat_statements queryid 812…: 3,412 calls, 41 min total (38% of workload time)`.
    public static func workload(_ group: QueryGroup, in context: RuleContext) -> String {
        let figures =
            "\(count(group.calls)) \(group.calls == 1 ? "call" : "calls"), \(duration(ms: group.totalTimeMs)) total"
            + " (\(percent(context.timeShare(of: group))) of workload time)"
        guard let origin = group.origins.first else { return figures }
        return "\(origin): \(figures)"
    }

    /// `sql: SELECT …` on one line, shortened to 200 characters.
    public static func sql(_ group: QueryGroup) -> String {
        let oneLine = group.sampleText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "sql: " + shortened(oneLine, to: 200)
    }

    /// `text` cut at `limit` characters with an ellipsis.
    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    }
}
