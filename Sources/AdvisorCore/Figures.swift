import Foundation

/// How dbadvisor writes numbers for people, the same in reports, findings, reasons and migration
/// headers: locale-independent, so output and golden files are identical everywhere.
public enum Figures {
    /// `3,412` (rounded to a whole number).
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let rounded = value.rounded()
        // Beyond 64 bits (no count gets there, but garbage in a log might): the digits ungrouped.
        guard rounded.magnitude < 1e18 else { return printf("%.0f", rounded) }
        // Digits written from the end into a small buffer: this runs for every figure of every finding.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { room in
            var at = room.count
            var rest = UInt64(rounded.magnitude)
            var written = 0
            repeat {
                if written > 0 && written % 3 == 0 {
                    at -= 1
                    room[at] = UInt8(ascii: ",")
                }
                at -= 1
                room[at] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
            } while rest > 0
            if rounded < 0 {
                at -= 1
                room[at] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: room[at...]), as: UTF8.self)
        }
    }

    /// C's `printf` formatting of `arguments` (`%.2f`, `%04d`) in the C locale, as `String(format:)`
    /// gives it, without Foundation's CFString path (several thousand instructions a call, in loops
    /// over findings).
    public static func printf(_ format: String, _ arguments: CVarArg...) -> String {
        // The C locale for this thread while formatting: a `.` whatever locale the process set.
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        return withVaList(arguments) { list in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { room in
                let length = Int(vsnprintf(room.baseAddress!, room.count, format, list))
                guard length >= 0, length < room.count else { return String(format: format, arguments: arguments) }
                return room.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            }
        }
    }

    nonisolated(unsafe) private static let cLocale = newlocale(1 << LC_NUMERIC, "C", nil)

    /// `3,412`.
    public static func count<N: BinaryInteger>(_ value: N) -> String { count(Double(value)) }

    /// Row counts, compact: `83`, `2,000`, `400k`, `1.2M`.
    public static func rows(_ value: Double) -> String {
        let rounded = value.rounded()
        switch rounded {
        case ..<10_000: return count(rounded)
        case ..<1_000_000: return "\(Int((rounded / 1000).rounded()))k"
        default: return trimmed(rounded / 1_000_000, decimals: 1) + "M"
        }
    }

    /// A planner cost: grouped whole numbers from 10 up, two decimals below (`8.27`).
    public static func cost(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        return value.magnitude >= 10 ? count(value) : fixed(value, decimals: 2)
    }

    /// Bytes in binary units with PostgreSQL's labels (`pg_size_pretty`): `812 bytes`, `12.3 MB`.
    public static func bytes(_ value: Int64) -> String {
        if value < 1024 { return "\(value) bytes" }
        var amount = Double(value)
        for unit in ["kB", "MB", "GB", "TB"] {
            amount /= 1024
            if amount < 1024 || unit == "TB" { return "\(fixed(amount, decimals: 1)) \(unit)" }
        }
        return "\(value) bytes"
    }

    /// A duration in the largest sensible unit: `850 ms`, `4.2 s`, `39 min`, `5.5 h`.
    public static func duration(ms: Double) -> String {
        guard ms.isFinite else { return "?" }
        if ms < 1000 { return "\(count(ms)) ms" }
        let seconds = ms / 1000
        if seconds < 60 { return "\(fixed(seconds, decimals: 1)) s" }
        if seconds < 3600 { return "\(count(seconds / 60)) min" }
        return "\(fixed(seconds / 3600, decimals: 1)) h"
    }

    /// A share (0…1) as a percentage: `38%`, `5.1%`, `0.2%`, `<0.1%`.
    public static func percent(_ share: Double) -> String {
        let value = share * 100
        if value > 0 && value < 0.05 { return "<0.1%" }
        return (value < 10 ? trimmed(value, decimals: 1) : count(value)) + "%"
    }

    /// `est. cost 41,230 -> 1,204 per call (-97%, HypoPG), ~39 min saved over the window`;
    /// `unit` says what the costs are (` per call`, ` over 3,412 calls`).
    public static func gain(_ gain: Gain, unit: String) -> String {
        var change = ""
        if gain.costBefore > 0 {
            // Truncated toward zero, so a 99.9% cut reads -99%: never overstate a gain.
            let percent = Int64(((gain.costAfter - gain.costBefore) / gain.costBefore * 100).rounded(.towardZero))
            change = percent > 0 ? "+\(percent)%, " : "\(percent)%, "
        }
        var text =
            "est. cost \(cost(gain.costBefore)) -> \(cost(gain.costAfter))\(unit) (\(change)\(basis(gain.basis)))"
        if let saved = gain.timeSavedMs, saved > 0 { text += ", ~\(duration(ms: saved)) saved over the window" }
        return text
    }

    /// The basis of an estimate, named so a reader knows how much to trust the number.
    public static func basis(_ basis: GainBasis) -> String {
        switch basis {
        case .hypothetical: "HypoPG"
        case .statisticsModel: "statistics model"
        case .mysqlCostModel: "MySQL cost model"
        case .measured: "measured on a scratch server"
        }
    }

    /// `value` with `decimals` places, a trailing `.0` dropped (`8`, `5.1`).
    private static func trimmed(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `value` rounded to `decimals` places, without Foundation's locale-aware formatting.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value.magnitude * scale).rounded())
        let whole = count(Double(scaled / Int64(scale)))
        var fraction = String(scaled % Int64(scale))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + (decimals > 0 ? "\(whole).\(fraction)" : whole)
    }
}
