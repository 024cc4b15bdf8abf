/// Eight bytes tested at once, as one little-endian `UInt64` (the byte scanners of the log readers
/// and of pt-query-digest's fingerprint).
public enum WordBytes {
    /// The high bit of each zero byte of `x`, exact up to the lowest one (a borrow can mark a byte
    /// above it): enough for the first one's index, `trailingZeroBitCount >> 3`.
    @inlinable @inline(__always)
    public static func zeroLanes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The same for the bytes of `x` equal to `byte`.
    @inlinable @inline(__always)
    public static func lanes(of byte: UInt8, in x: UInt64) -> UInt64 {
        zeroLanes(x ^ (0x0101_0101_0101_0101 &* UInt64(byte)))
    }
}
