/// A hash that is the same on every platform and run (Swift's `Hasher` is seeded per process).
///
/// FNV-1a 64 over the UTF-8 bytes, then the MurmurHash3 64-bit finalizer so that every input bit
/// reaches the leading hex digits that names keep.
enum StableHash {
    /// `length` lower-case hex digits (at most 16) of the hash of `fields`, each length-prefixed so
    /// that `["ab", "c"]` and `["a", "bc"]` differ.
    static func hex(of fields: [String], length: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in "\(field.utf8.count):\(field);".utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        let digits = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - digits.count) + digits
        return String(padded.prefix(length))
    }
}
