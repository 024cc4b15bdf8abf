import AdvisorCore
import Foundation

/// Number spellings for plan summaries; fixed, not locale-dependent, so golden files are stable.
enum SummaryNumber {
    /// `0.00`, `21846.00`: PostgreSQL's two decimals.
    static func cost(_ value: Double) -> String {
        Figures.decimal(value, places: 2)
    }

    /// `99,712`; a fractional per-loop average keeps up to two decimals (`2.5`).
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let rounded = value.rounded()
        if abs(value - rounded) >= 0.005 { return trimmed(Figures.decimal(value, places: 2)) }
        guard abs(rounded) < 1e15 else { return Figures.decimal(rounded, places: 0) }
        return Figures.count(rounded)
    }

    /// `10%`, `19.53%`, `0.005%`: small shares keep the digits that make them non-zero.
    static func percent(_ value: Double) -> String {
        // A selective filter keeps a tiny fraction: "0%" would read as "keeps nothing".
        if value > 0 && value < 0.001 { return "<0.001%" }
        return trimmed(Figures.decimal(value, places: value < 1 ? 3 : 2)) + "%"
    }

    /// `12.982 ms`, like EXPLAIN ANALYZE.
    static func milliseconds(_ value: Double) -> String {
        Figures.decimal(value, places: 3) + " ms"
    }

    private static func trimmed(_ decimal: String) -> String {
        guard decimal.contains(".") else { return decimal }
        var text = decimal
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
