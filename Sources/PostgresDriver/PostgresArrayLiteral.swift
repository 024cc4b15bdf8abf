/// Reads the text form PostgreSQL prints for arrays: `{open,"needs review","say \"hi\"",NULL}`.
///
/// The output rules (docs, 8.15.6): elements are separated by the type's delimiter (`,` for all
/// but `box`); an element is double-quoted when it is empty, is the word NULL, or contains braces,
/// quotes, backslashes, the delimiter or whitespace; inside quotes `\` escapes the next byte.
/// An unquoted `NULL` is SQL NULL. Arrays with lower bounds other than 1 are prefixed with
/// `[0:2]=`, and nested (multi-dimensional) arrays are flattened in order.
enum PostgresArrayLiteral {
    /// The elements of `text`, `nil` for SQL NULL; `nil` overall when `text` is not an array literal.
    static func parse(_ text: String, delimiter: Character = ",") -> [String?]? {
        var reader = Reader(bytes: Array(text.utf8), delimiter: delimiter.asciiValue ?? UInt8(ascii: ","))
        return reader.elements()
    }

    private struct Reader {
        let bytes: [UInt8]
        let delimiter: UInt8
        var position = 0

        mutating func elements() -> [String?]? {
            skipDimensionDecoration()
            guard peek == UInt8(ascii: "{") else { return nil }
            var elements: [String?] = []
            var depth = 0
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "{"):
                    depth += 1
                    position += 1
                case UInt8(ascii: "}"):
                    depth -= 1
                    position += 1
                    if depth == 0 { return position == bytes.count ? elements : nil }
                case delimiter, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    position += 1
                case UInt8(ascii: "\""):
                    guard let element = quoted() else { return nil }
                    elements.append(element)
                default:
                    elements.append(unquoted())
                }
            }
            return nil  // ran out before the closing brace
        }

        private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        /// `[1:3]={…}` or `[0:1][1:2]={…}`: bounds we do not need, only the elements.
        private mutating func skipDimensionDecoration() {
            guard peek == UInt8(ascii: "["), let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return }
            position = equals + 1
        }

        private mutating func quoted() -> String? {
            position += 1  // opening quote
            var value: [UInt8] = []
            while let byte = peek {
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: value, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = peek else { return nil }
                    value.append(escaped)
                    position += 1
                default:
                    value.append(byte)
                }
            }
            return nil  // unterminated quote
        }

        private mutating func unquoted() -> String? {
            var value: [UInt8] = []
            while let byte = peek, byte != delimiter, byte != UInt8(ascii: "}") {
                position += 1
                if byte == UInt8(ascii: "\\"), let escaped = peek {
                    value.append(escaped)
                    position += 1
                } else {
                    value.append(byte)
                }
            }
            while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { value.removeLast() }
            let text = String(decoding: value, as: UTF8.self)
            return text.uppercased() == "NULL" ? nil : text
        }
    }
}
