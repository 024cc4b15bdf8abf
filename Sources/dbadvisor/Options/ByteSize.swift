import ArgumentParser
import Foundation

/// A size given on the command line: `500MB`, `2GB`, `750 kB`, `1048576` (bytes); units are powers of 1024.
struct ByteSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var bytes: Int64

    init(bytes: Int64) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = text.prefix { $0.isNumber || $0 == "." }
        let unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let powers: [String: Int] = ["": 0, "B": 0, "K": 1, "KB": 1, "M": 2, "MB": 2, "G": 3, "GB": 3, "T": 4, "TB": 4]
        guard let value = Double(digits), value >= 0, let power = powers[unit] else { return nil }
        bytes = Int64(value * Double(Int64(1) << (10 * power)))
    }

    var description: String { "\(bytes) bytes" }

    /// The help's default: in the largest unit that holds it whole (`500MB`, not 524288000 bytes).
    var defaultValueDescription: String {
        for (power, unit) in [(4, "TB"), (3, "GB"), (2, "MB"), (1, "KB")] {
            let size = Int64(1) << (10 * power)
            if bytes > 0, bytes % size == 0 { return "\(bytes / size)\(unit)" }
        }
        return "\(bytes) bytes"
    }
}
