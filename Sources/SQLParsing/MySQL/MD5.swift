/// RFC 1321 MD5, for pt-query-digest's query ids (CryptoKit is not available on Linux, and the
/// ids are MD5 by definition, so no other hash will do).
enum MD5 {
    /// The 16-byte digest of `message`.
    ///
    /// Whole blocks are read in place and only the last one or two are padded in a small buffer,
    /// the words loaded as little-endian integers: copying and padding the message in an array,
    /// with a bounds check per byte and word, made a digest of a short statement cost as much as
    /// fingerprinting it.
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
        message.withUnsafeBytes { m in
            let whole = m.count / 64
            for block in 0..<whole { compress(&state, m.baseAddress! + block * 64) }
            // The rest, 0x80, zeros and the bit count (little-endian) in one block or two.
            withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
                tail.initializeMemory(as: UInt8.self, repeating: 0)
                let rest = m.count - whole * 64
                if rest > 0 { tail.baseAddress!.copyMemory(from: m.baseAddress! + whole * 64, byteCount: rest) }
                tail[rest] = 0x80
                let blocks = rest < 56 ? 1 : 2
                tail.storeBytes(of: (UInt64(m.count) &* 8).littleEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
                for block in 0..<blocks { compress(&state, UnsafeRawPointer(tail.baseAddress! + block * 64)) }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> UInt32(k * 8))) }
        }
        return out
    }

    /// RFC 1321's transformation of `state` by the 64-byte block at `block`.
    private static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32), _ block: UnsafeRawPointer) {
        shifts.withUnsafeBufferPointer { shifts in
            constants.withUnsafeBufferPointer { constants in
                func word(_ index: Int) -> UInt32 {
                    UInt32(littleEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                }
                var (a, b, c, d) = state
                for step in 0..<64 {
                    var f: UInt32
                    let g: Int
                    switch step {
                    case 0..<16:
                        f = (b & c) | (~b & d)
                        g = step
                    case 16..<32:
                        f = (d & b) | (~d & c)
                        g = (5 &* step &+ 1) & 15
                    case 32..<48:
                        f = b ^ c ^ d
                        g = (3 &* step &+ 5) & 15
                    default:
                        f = c ^ (b | ~d)
                        g = (7 &* step) & 15
                    }
                    f = f &+ a &+ constants[step] &+ word(g)
                    a = d
                    d = c
                    c = b
                    b = b &+ ((f << shifts[step]) | (f >> (32 &- shifts[step])))
                }
                state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
            }
        }
    }

    /// The digest as 32 hexadecimal digits, upper case as pt-query-digest prints its query ids.
    static func uppercaseHex(_ message: [UInt8]) -> String {
        let digest = digest(message)
        let digits: StaticString = "0123456789ABCDEF"
        return String(unsafeUninitializedCapacity: 32) { text in
            for (k, byte) in digest.enumerated() {
                text[2 * k] = digits.utf8Start[Int(byte >> 4)]
                text[2 * k + 1] = digits.utf8Start[Int(byte & 0x0f)]
            }
            return 32
        }
    }

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// floor(abs(sin(i + 1)) * 2^32), RFC 1321 section 3.4.
    private static let constants: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
    ]
}
