import AdvisorCore

/// Numbers as people read them in a header, formatted without `Locale` so files are the same everywhere.
enum HumanFormat {
    /// `41230` -> `41,230`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A planner cost: grouped whole numbers from 10 up, two decimals below (`8.27`).
    static func cost(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        if value.magnitude >= 10 { return grouped(Int64(value.rounded())) }
        return fixed(value, decimals: 2)
    }

    /// Bytes in binary units with PostgreSQL's labels (`pg_size_pretty`): `12.3 MB`.
    static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        var value = Double(bytes)
        for unit in ["kB", "MB", "GB", "TB"] {
            value /= 1024
            if value < 1024 || unit == "TB" { return "\(fixed(value, decimals: 1)) \(unit)" }
        }
        return "\(bytes) bytes"
    }

    /// A duration in the largest sensible unit: `850 ms`, `4.2 s`, `39 min`, `5.5 h`.
    static func duration(milliseconds: Double) -> String {
        guard milliseconds.isFinite else { return "?" }
        if milliseconds < 1000 { return "\(grouped(Int64(milliseconds.rounded()))) ms" }
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(fixed(seconds, decimals: 1)) s" }
        if seconds < 3600 { return "\(grouped(Int64((seconds / 60).rounded()))) min" }
        return "\(fixed(seconds / 3600, decimals: 1)) h"
    }

    /// `est. cost 41,230 -> 1,204 per call (-97%, HypoPG hypothetical index)`, plus the time saved when known.
    static func gain(_ gain: Gain) -> String {
        var change = ""
        if gain.costBefore > 0 {
            // Truncated toward zero, so a 99.9% cut reads -99%: never overstate the gain.
            let percent = Int64(((gain.costAfter - gain.costBefore) / gain.costBefore * 100).rounded(.towardZero))
            change = percent > 0 ? "+\(percent)%, " : "\(percent)%, "
        }
        var text =
            "est. cost \(cost(gain.costBefore)) -> \(cost(gain.costAfter)) per call (\(change)\(basis(gain.basis)))"
        if let saved = gain.timeSavedMs { text += ", ~\(duration(milliseconds: saved)) saved over the window" }
        return text
    }

    /// The basis named so a reader knows how much to trust the number.
    static func basis(_ basis: GainBasis) -> String {
        switch basis {
        case .hypothetical: "HypoPG hypothetical index"
        case .statisticsModel: "statistics model"
        case .measured: "measured on a scratch server"
        }
    }

    /// `value` rounded to `decimals` places, without Foundation's locale-aware formatting.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value.magnitude * scale).rounded())
        let whole = grouped(scaled / Int64(scale))
        var fraction = String(scaled % Int64(scale))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + (decimals > 0 ? "\(whole).\(fraction)" : whole)
    }
}
