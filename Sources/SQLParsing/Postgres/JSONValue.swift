/// A JSON value: libpg_query hands its parse tree over as JSON text.
enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// Numbers and booleans alike (`true` is 1): the tree's readers never need to tell them apart.
    case number(Double)
    case null

    /// Parses JSON text, straight from its UTF-8 bytes: Foundation's JSONSerialization (and the
    /// `Any` tree it builds) cost ~760,000 instructions for a typical statement's parse tree, most
    /// of shaping a PostgreSQL statement.
    init(parsing text: String) throws(JSONSyntaxError) {
        var text = text
        let parsed: Result<JSONValue, JSONSyntaxError> = text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return Result { () throws(JSONSyntaxError) in try reader.document() }
        }
        self = try parsed.get()
    }

    /// A recursive-descent reader over UTF-8 bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        /// Nesting deeper than this is an error rather than a deep recursion (JSONSerialization's limit).
        static let maxDepth = 512

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() throws(JSONSyntaxError) -> JSONValue {
            let value = try self.value(depth: 0)
            skipSpace()
            guard at == bytes.count else { throw error("unexpected text after the value") }
            return value
        }

        private func error(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(message: "\(message) at byte \(at)")
        }

        private mutating func skipSpace() {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x0A, 0x0D, 0x09: at += 1
                default: return
                }
            }
        }

        private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            skipSpace()
            guard at < bytes.count else { throw error("unexpected end") }
            switch bytes[at] {
            case 0x7B: return try object(depth: depth + 1)
            case 0x5B: return try array(depth: depth + 1)
            case 0x22: return .string(try string())
            case 0x74: return try literal("true", .number(1))
            case 0x66: return try literal("false", .number(0))
            case 0x6E: return try literal("null", .null)
            default: return .number(try number())
            }
        }

        private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
            let n = word.utf8CodeUnitCount
            guard at + n <= bytes.count else { throw error("unexpected end") }
            for k in 0..<n where bytes[at + k] != word.utf8Start[k] { throw error("unexpected character") }
            at += n
            return value
        }

        private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            guard depth <= Self.maxDepth else { throw error("nested too deeply") }
            at += 1
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if at < bytes.count, bytes[at] == 0x7D {
                at += 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == 0x22 else { throw error("expected a key") }
                let key = try string()
                skipSpace()
                guard at < bytes.count, bytes[at] == 0x3A else { throw error("expected ':'") }
                at += 1
                fields[key] = try value(depth: depth)
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end") }
                if bytes[at] == 0x2C {
                    at += 1
                } else if bytes[at] == 0x7D {
                    at += 1
                    return .object(fields)
                } else {
                    throw error("expected ',' or '}'")
                }
            }
        }

        private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            guard depth <= Self.maxDepth else { throw error("nested too deeply") }
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < bytes.count, bytes[at] == 0x5D {
                at += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth))
                skipSpace()
                guard at < bytes.count else { throw error("unexpected end") }
                if bytes[at] == 0x2C {
                    at += 1
                } else if bytes[at] == 0x5D {
                    at += 1
                    return .array(items)
                } else {
                    throw error("expected ',' or ']'")
                }
            }
        }

        /// A string at `at` (its opening quote); escapes decoded, invalid UTF-16 escapes replaced.
        private mutating func string() throws(JSONSyntaxError) -> String {
            at += 1
            let start = at
            // Most strings have no escape: their bytes are the string.
            while at < bytes.count, bytes[at] != 0x22, bytes[at] != 0x5C { at += 1 }
            guard at < bytes.count else { throw error("unterminated string") }
            if bytes[at] == 0x22 {
                at += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(at - 1)]), as: UTF8.self)
            }
            var out = Array(bytes[start..<at])
            while at < bytes.count {
                let c = bytes[at]
                if c == 0x22 {
                    at += 1
                    return String(decoding: out, as: UTF8.self)
                }
                guard c == 0x5C else {
                    out.append(c)
                    at += 1
                    continue
                }
                guard at + 1 < bytes.count else { break }
                let escaped = bytes[at + 1]
                at += 2
                switch escaped {
                case 0x22, 0x5C, 0x2F: out.append(escaped)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), at + 1 < bytes.count, bytes[at] == 0x5C,
                        bytes[at + 1] == 0x75
                    {
                        let before = at
                        at += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            at = before
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(character).utf8)
                default: throw error("invalid escape")
                }
            }
            throw error("unterminated string")
        }

        private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            guard at + 4 <= bytes.count else { throw error("unexpected end") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[at]
                let digit: UInt8
                switch c {
                case 0x30...0x39: digit = c - 0x30
                case 0x41...0x46: digit = c - 0x41 + 10
                case 0x61...0x66: digit = c - 0x61 + 10
                default: throw error("invalid \\u escape")
                }
                value = value << 4 | UInt32(digit)
                at += 1
            }
            return value
        }

        /// A number: integers (the tree's locations and values) added up directly, others by `Double`.
        private mutating func number() throws(JSONSyntaxError) -> Double {
            let start = at
            var negative = false
            if at < bytes.count, bytes[at] == 0x2D {
                negative = true
                at += 1
            }
            var whole: Int64 = 0
            var digits = 0
            while at < bytes.count, bytes[at] &- 0x30 < 10, digits < 18 {
                whole = whole * 10 + Int64(bytes[at] &- 0x30)
                digits += 1
                at += 1
            }
            guard digits > 0 else { throw error("unexpected character") }
            if at == bytes.count || !Self.continuesNumber(bytes[at]) {
                return negative ? -Double(whole) : Double(whole)
            }
            while at < bytes.count, Self.continuesNumber(bytes[at]) { at += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            guard let value = Double(text) else { throw error("invalid number") }
            return value
        }

        private static func continuesNumber(_ c: UInt8) -> Bool {
            c &- 0x30 < 10 || c == 0x2E || c == 0x65 || c == 0x45 || c == 0x2B || c == 0x2D
        }
    }
}

/// Text that is not JSON (libpg_query never writes such; said rather than trapped).
struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { "parse tree is not JSON: \(message)" }
}
