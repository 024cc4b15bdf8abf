import Foundation

/// Number formatting shared by the reports: deterministic, locale-independent.
enum Figures {
    /// `1,234,567`.
    static func count(_ value: Double) -> String {
        let rounded = Int64(value.rounded())
        let digits = String(rounded.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (rounded < 0 ? "-" : "") + grouped
    }

    static func count(_ value: Int) -> String { count(Double(value)) }

    /// `850 ms`, `12.4 s`, `41 min`, `3.2 h`.
    static func duration(ms: Double) -> String {
        switch ms {
        case ..<1: String(format: "%.2f ms", ms)
        case ..<1_000: "\(Int(ms.rounded())) ms"
        case ..<60_000: String(format: "%.1f s", ms / 1_000)
        case ..<3_600_000: "\(Int((ms / 60_000).rounded())) min"
        default: String(format: "%.1f h", ms / 3_600_000)
        }
    }

    /// `512 kB`, `12.3 MB`, `1.2 GB` (powers of 1024, like PostgreSQL's pg_size_pretty).
    static func bytes(_ value: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var size = Double(value)
        var unit = 0
        while size >= 1024 && unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) bytes" : String(format: size < 10 ? "%.1f" : "%.0f", size) + " " + units[unit]
    }

    /// `38%`, `0.4%`, `<0.1%`.
    static func percent(_ fraction: Double) -> String {
        let pct = fraction * 100
        if pct > 0 && pct < 0.1 { return "<0.1%" }
        return pct < 10 && pct.rounded() != pct ? String(format: "%.1f%%", pct) : "\(Int(pct.rounded()))%"
    }

    /// Planner cost `41,230` (costs below 10 keep two decimals).
    static func cost(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f", value) : count(value)
    }
}
