/// A 64-bit hash of text that is the same on every run and platform (Swift's `Hasher` is seeded
/// per process): what picks a bounded, order-independent sample of a group's statement texts
/// (`LiteralSample` while a log is read, `QueryGroup.merged(with:)` across sources).
public enum StableTextHash {
    /// A stable 64-bit hash of `bytes` (the same on every run and platform), mixed into `seed`:
    /// eight bytes at a time by one multiply (each step is a bijection of the state, so texts of
    /// one length differing in one word never collide), then a final avalanche.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var h = seed ^ 0x9E37_79B9_7F4A_7C15 ^ (UInt64(bytes.count) &* 0xBF58_476D_1CE4_E5B9)
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return mix(h) }
        var i = 0
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ word) &* 0x9FB2_1C65_1E98_DF25
            i += 8
        }
        // The last 1–7 bytes as the low bytes of a word: from the word ending with them when the
        // text has one (its first bytes shifted out), else byte by byte.
        var tail: UInt64 = 0
        let rest = bytes.count - i
        if rest > 0 && bytes.count >= 8 {
            let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
            tail = last >> UInt64(8 * (8 - rest))
        } else {
            var shift: UInt64 = 0
            while i < bytes.count {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
        }
        h = (h ^ tail) &* 0x9FB2_1C65_1E98_DF25
        return mix(h)
    }

    /// The hash of `text`'s UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }

    @usableFromInline
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
