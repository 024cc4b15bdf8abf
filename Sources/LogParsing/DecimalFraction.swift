/// The digits after a decimal point, added to a number the way the log readers always have: digit k
/// (from 1) times 0.1 divided by 10 k - 1 times, so every figure stays what it was.
enum DecimalFraction {
    /// The scales of the first digits, made by those divisions once: a division per digit was the
    /// slowest part of reading a slow-log header (its latency, not its count).
    private static let scales: [Double] = {
        var out: [Double] = []
        var scale = 0.1
        for _ in 0..<24 {
            out.append(scale)
            scale /= 10
        }
        return out
    }()

    /// `value` plus the digits of `b` from `i` (stopping at `end` or the first non-digit), with `i`
    /// moved past them.
    @inline(__always)
    static func adding(_ b: UnsafeBufferPointer<UInt8>, from i: inout Int, end: Int, to value: Double) -> Double {
        var value = value
        // The first six digits (microseconds, as far as servers write) with their scales as
        // constants, the doubles the divisions give (`scales`' first six, tested): reading them
        // from the table went through its lazy initialization every time.
        var at = i
        let first: (Double, Double, Double, Double, Double, Double) = (
            0.1, 0.01, 0.001, 0.0001, 1e-05, 1.0000000000000002e-06
        )
        withUnsafeBytes(of: first) { raw in
            let scale = raw.assumingMemoryBound(to: Double.self)
            var k = 0
            while k < 6, at < end {
                let d = b[at] &- 0x30
                guard d < 10 else { break }
                value += Double(d) * scale[k]
                k += 1
                at += 1
            }
        }
        let read = at - i
        i = at
        guard read == 6 else { return value }
        var k = 6
        scales.withUnsafeBufferPointer { scales in
            while i < end, b[i] &- 0x30 < 10, k < scales.count {
                value += Double(b[i] &- 0x30) * scales[k]
                k += 1
                i += 1
            }
        }
        guard i < end, b[i] &- 0x30 < 10 else { return value }
        // Longer than any log writes: on from the last scale, as before.
        var scale = scales[scales.count - 1] / 10
        while i < end, b[i] &- 0x30 < 10 {
            value += Double(b[i] &- 0x30) * scale
            scale /= 10
            i += 1
        }
        return value
    }
}
