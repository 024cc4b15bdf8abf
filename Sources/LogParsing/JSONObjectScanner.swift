/// Reads one JSON object's top-level members from bytes without building a document: member values
/// stay byte ranges until a parser asks for one. Enough for jsonlog lines and vendor wrappers.
struct JSONObjectScanner {
    /// A member value, as a range into the scanned bytes.
    enum Value {
        /// A string's content between its quotes, still escaped.
        case string(Range<Int>)
        /// A number, `true`, `false` or `null`, as written.
        case scalar(Range<Int>)
        /// A nested object or array, braces included.
        case nested(Range<Int>)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var members: [(key: Range<Int>, value: Value)] = []

    /// Scans the object starting at `start` (at `{`); nil when it is not a well-formed object.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int = 0) {
        self.bytes = bytes
        var i = start
        skipSpace(&i)
        guard i < bytes.count, bytes[i] == 0x7B else { return nil }
        i += 1
        skipSpace(&i)
        if i < bytes.count, bytes[i] == 0x7D { return }
        while true {
            skipSpace(&i)
            guard i < bytes.count, bytes[i] == 0x22, let keyEnd = stringEnd(i + 1) else { return nil }
            let key = (i + 1)..<keyEnd
            i = keyEnd + 1
            skipSpace(&i)
            guard i < bytes.count, bytes[i] == 0x3A else { return nil }
            i += 1
            skipSpace(&i)
            guard i < bytes.count else { return nil }
            let value: Value
            switch bytes[i] {
            case 0x22:
                guard let end = stringEnd(i + 1) else { return nil }
                value = .string((i + 1)..<end)
                i = end + 1
            case 0x7B, 0x5B:
                guard let end = nestedEnd(i) else { return nil }
                value = .nested(i..<end)
                i = end
            default:
                let begin = i
                while i < bytes.count, bytes[i] != 0x2C, bytes[i] != 0x7D, bytes[i] > 0x20 { i += 1 }
                value = .scalar(begin..<i)
            }
            members.append((key, value))
            skipSpace(&i)
            guard i < bytes.count else { return nil }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }
            guard bytes[i] == 0x7D else { return nil }
            return
        }
    }

    /// The value of member `key` (compared as bytes).
    func value(_ key: StaticString) -> Value? {
        let count = key.utf8CodeUnitCount
        let k = key.utf8Start
        for member in members where member.key.count == count {
            var same = true
            for n in 0..<count where bytes[member.key.lowerBound + n] != k[n] {
                same = false
                break
            }
            if same { return member.value }
        }
        return nil
    }

    /// The member as unescaped bytes: strings decoded, scalars as written (`null` → nil).
    func bytesOf(_ key: StaticString) -> [UInt8]? {
        switch value(key) {
        case .string(let range): return Self.unescape(bytes, range)
        case .scalar(let range):
            let raw = Array(bytes[range])
            return raw == Array("null".utf8) ? nil : raw
        case .nested(let range): return Array(bytes[range])
        case nil: return nil
        }
    }

    /// The member as text.
    func string(_ key: StaticString) -> String? {
        bytesOf(key).map { String(decoding: $0, as: UTF8.self) }
    }

    /// JSON string escapes resolved (`\n`, `\"`, `\uXXXX` with surrogate pairs).
    static func unescape(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let c = b[i]
            guard c == 0x5C, i + 1 < range.upperBound else {
                out.append(c)
                i += 1
                continue
            }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(b, i, range.upperBound) else { continue }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= range.upperBound, b[i] == 0x5C,
                    b[i + 1] == UInt8(ascii: "u"), let low = hex4(b, i + 2, range.upperBound), low >= 0xDC00,
                    low < 0xE000
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(e)
            }
        }
        return out
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = b[at + k]
            let d: UInt8
            if c &- 0x30 < 10 {
                d = c - 0x30
            } else if (c | 0x20) &- 0x61 < 6 {
                d = (c | 0x20) - 0x61 + 10
            } else {
                return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private func skipSpace(_ i: inout Int) {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D {
            i += 1
        }
    }

    /// Index of the closing quote of a string whose content starts at `from`.
    private func stringEnd(_ from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == 0x5C {
                i += 2
                continue
            }
            if bytes[i] == 0x22 { return i }
            i += 1
        }
        return nil
    }

    /// Index after the bracket closing the object or array at `from`.
    private func nestedEnd(_ from: Int) -> Int? {
        var depth = 0
        var i = from
        while i < bytes.count {
            switch bytes[i] {
            case 0x22:
                guard let end = stringEnd(i + 1) else { return nil }
                i = end
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return nil
    }
}
