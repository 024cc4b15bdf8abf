import Foundation

/// Locale-independent number formatting for reasons and overhead texts.
enum Figures {
    /// `1,234,567` (rounded to a whole number).
    static func count(_ value: Double) -> String {
        let digits = String(Int64(value.rounded()).magnitude)
        var grouped = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < -0.5 ? "-" : "") + grouped
    }

    /// `0.3%` of `whole`.
    static func percent(_ part: Double, of whole: Double) -> String {
        String(format: "%.1f%%", whole > 0 ? 100 * part / whole : 0)
    }

    /// `12.5 ms` / `1.2 s`.
    static func milliseconds(_ value: Double) -> String {
        value >= 1000 ? String(format: "%.1f s", value / 1000) : String(format: "%.1f ms", value)
    }

    /// `12.3 MB` (decimal units, as `--budget` reads them).
    static func bytes(_ value: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var size = Double(value)
        var unit = 0
        while size >= 1000 && unit < units.count - 1 {
            size /= 1000
            unit += 1
        }
        return unit == 0 ? "\(value) B" : String(format: "%.1f", size) + " " + units[unit]
    }
}
