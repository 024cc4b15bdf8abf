import Foundation

/// How dbadvisor writes numbers for people, the same in reports, findings, reasons and migration
/// headers: locale-independent, so output and golden files are identical everywhere.
public enum Figures {
    /// `3,412` (rounded to a whole number).
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let rounded = value.rounded()
        // Beyond 64 bits (no count gets there, but garbage in a log might): the digits ungrouped.
        guard rounded.magnitude < 1e18 else { return decimal(rounded, places: 0) }
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

    /// `value` with `places` decimals exactly as C's `%.*f` writes it (`String(format: "%.2f")`): the
    /// binary value rounded half to even, `-` kept on negative values that round to zero, `inf`,
    /// `nan`. Exact integer arithmetic instead of Foundation's formatting (several thousand
    /// instructions a call, in loops over findings), and no locale can change the point.
    public static func decimal(_ value: Double, places: Int) -> String {
        let sign = value.sign == .minus ? "-" : ""
        if value.isNaN { return sign + "nan" }
        if value.isInfinite { return sign + "inf" }
        let places = max(0, min(places, 9))
        var scale: UInt128 = 1
        for _ in 0..<places { scale *= 10 }
        // |value| = significand × 2^exponent, the significand a 53-bit integer.
        let magnitude = value.magnitude
        var significand = UInt128(magnitude.significandBitPattern)
        var exponent = Int(magnitude.exponentBitPattern) - 1075
        if magnitude.exponentBitPattern == 0 {
            exponent = -1074
        } else {
            significand |= 1 << 52
        }
        // The value × 10^places, below 2^83, rounded half to even at the binary point.
        let scaled = significand * scale
        var units: UInt128
        if exponent >= 0 {
            // Past 2^127 (no figure of ours gets there): Foundation's formatting.
            guard exponent < 44 else { return String(format: "%.\(places)f", value) }
            units = scaled << exponent
        } else if -exponent >= 128 {
            units = 0
        } else {
            let shift = -exponent
            units = scaled >> shift
            let rest = scaled & ((1 << shift) - 1)
            let half: UInt128 = 1 << (shift - 1)
            if rest > half || (rest == half && units & 1 == 1) { units += 1 }
        }
        let whole = String(units / scale)
        guard places > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

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
        // Beyond 64 bits (garbage in a log: a forty-digit Query_time): the digits ungrouped.
        guard (value.magnitude * scale).rounded() < 9e18 else { return decimal(value, places: decimals) }
        let scaled = Int64((value.magnitude * scale).rounded())
        let whole = count(Double(scaled / Int64(scale)))
        var fraction = String(scaled % Int64(scale))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + (decimals > 0 ? "\(whole).\(fraction)" : whole)
    }
}
