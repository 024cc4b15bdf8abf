import AdvisorCore
import Foundation

/// The JSON every report and `rules list --format json` writes: byte for byte what `JSONEncoder`
/// writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and its default strategies
/// (two-space indents, `" : "`, keys in UTF-8 order, a `Double` by its description without `.0`,
/// `Data` as Base64, `URL` as its absolute string), written without Foundation's encoder.
///
/// `JSONEncoder` boxes every value in an enum tree of dictionaries, then sorts and writes it: on a
/// digest with hundreds of findings that was a tenth of the run, on one thread after the log was
/// read. Here each value is a node holding its text or its children in arrays, and one pass writes
/// them, sorting each object's keys. The report's own arrays (a digest's profile and findings:
/// hundreds of elements) are encoded and written on every core.
public enum ReportJSON {
    /// `value` as JSON text.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    /// `value` as JSON text in UTF-8, for writing out without making a `String` of it first.
    public static func bytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Node(level: 0, parent: nil, key: nil)
        try root.encodeValue(value)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        root.write(into: &out)
        return out
    }

    /// Arrays encoded element by element on several threads: the top-level object's arrays.
    fileprivate protocol ElementsOnThreads {
        func encodeElements(into node: Node) throws
    }

    /// Fewer elements are encoded on one thread: starting threads costs more than they save.
    fileprivate static let minimumSlice = 32

    /// A scalar as it is written: a number, `true`, `false` or `null` as is, or a string quoted.
    enum Scalar {
        case literal(String)
        case string(String)

        /// The scalar of `value` when it is one of the common scalar types, read without a node.
        static func of<T>(_ value: T, at node: Node) throws -> Scalar? {
            if T.self == String.self { return .string(value as! String) }
            if T.self == Int.self { return .literal(String(value as! Int)) }
            if T.self == Double.self { return try number(value as! Double, at: node) }
            if T.self == Bool.self { return .literal((value as! Bool) ? "true" : "false") }
            return nil
        }

        static func integer<I: BinaryInteger>(_ value: I) -> Scalar { .literal(String(value)) }

        /// A finite number as `JSONEncoder` writes it; NaN and infinities are an error there too.
        static func number<F: BinaryFloatingPoint & CustomStringConvertible>(
            _ value: F, at node: Node
        ) throws -> Scalar {
            guard value.isFinite else {
                throw EncodingError.invalidValue(
                    value,
                    .init(codingPath: node.codingPath, debugDescription: "Unable to encode \(value) directly in JSON."))
            }
            let text = value.description
            return .literal(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
        }
    }

    /// A value being encoded: nothing yet (written `{}`, as `JSONEncoder` does), a scalar, or an
    /// object or array of children, each a scalar or a node of its own. `level` is its depth, which
    /// sets its indent.
    final class Node: Encoder {
        enum Content {
            case none
            case scalar(Scalar)
            case object
            case array
        }

        enum Child {
            case scalar(Scalar)
            case node(Node)
        }

        let level: Int
        private let parent: Node?
        private let key: CodingKey?
        var content = Content.none
        /// An array whose children are written on several threads.
        var onThreads = false
        /// The object's keys (beside `children`); empty for an array.
        var keys: [String] = []
        var children: [Child] = []

        init(level: Int, parent: Node?, key: CodingKey?) {
            self.level = level
            self.parent = parent
            self.key = key
        }

        var codingPath: [CodingKey] {
            var path: [CodingKey] = []
            var node: Node? = self
            while let current = node, let key = current.key {
                path.append(key)
                node = current.parent
            }
            return path.reversed()
        }

        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .none = content { content = .object }
            return KeyedEncodingContainer(KeyedContainer<Key>(node: self))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .none = content { content = .array }
            return UnkeyedContainer(node: self)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { SingleValueContainer(node: self) }

        /// Adds a scalar child under `key` (objects) or at the end (arrays).
        func add(_ key: String?, _ scalar: Scalar) {
            if let key { keys.append(key) }
            children.append(.scalar(scalar))
        }

        /// Adds a node child under `key` (objects) or at the end (arrays).
        func child(_ key: String?, codingKey: CodingKey) -> Node {
            let node = Node(level: level + 1, parent: self, key: codingKey)
            if let key { keys.append(key) }
            children.append(.node(node))
            return node
        }

        /// Adds `value` under `key` (objects) or at the end (arrays): a scalar directly, anything
        /// else as a node of its own.
        func add<T: Encodable>(_ key: String?, codingKey: @autoclosure () -> CodingKey, _ value: T) throws {
            if let scalar = try Scalar.of(value, at: self) {
                add(key, scalar)
            } else if level == 0, let elements = value as? any ElementsOnThreads {
                // Only the top level asks: a cast per value would cost more than threads save.
                try elements.encodeElements(into: child(key, codingKey: codingKey()))
            } else {
                try child(key, codingKey: codingKey()).encodeValue(value)
            }
        }

        /// Encodes `elements` as this node's array, slices of them on several threads (each slice's
        /// nodes are its own; they only read this node).
        func encode<Element: Encodable>(elements: [Element]) throws {
            content = .array
            let encoded = Parallel.map(elements, minimumSlice: ReportJSON.minimumSlice) { slice in
                slice.indices.map { k in
                    Result { () throws -> Child in
                        if let scalar = try Scalar.of(slice[k], at: self) { return .scalar(scalar) }
                        let node = Node(level: level + 1, parent: self, key: Index(intValue: k))
                        try node.encodeValue(slice[k])
                        return .node(node)
                    }
                }
            }
            children = try encoded.map { try $0.get() }
            onThreads = children.count >= 2 * ReportJSON.minimumSlice
        }

        /// Encodes `value` into this node, with `JSONEncoder`'s special cases (compared by type, not
        /// cast: every value passes here).
        func encodeValue<T: Encodable>(_ value: T) throws {
            if let scalar = try Scalar.of(value, at: self) {
                content = .scalar(scalar)
            } else if T.self == Data.self {
                content = .scalar(.string((value as! Data).base64EncodedString()))
            } else if T.self == URL.self {
                content = .scalar(.string((value as! URL).absoluteString))
            } else if T.self == Decimal.self {
                content = .scalar(.literal((value as! Decimal).description))
            } else {
                try value.encode(to: self)
            }
        }

        /// Writes the node at its level (the caller wrote the indent before it).
        func write(into out: inout [UInt8]) {
            switch content {
            case .scalar(let scalar): Self.write(scalar, into: &out)
            case .none, .object: writeObject(into: &out)
            case .array:
                out.append(UInt8(ascii: "["))
                out.append(0x0A)
                if onThreads {
                    let parts = Parallel.map(Array(children.indices), minimumSlice: ReportJSON.minimumSlice) {
                        slice in
                        var part: [UInt8] = []
                        writeElements(slice, into: &part)
                        return [part]
                    }
                    for part in parts { out += part }
                } else {
                    writeElements(children.indices, into: &out)
                }
                out.append(0x0A)
                Self.indent(level, into: &out)
                out.append(UInt8(ascii: "]"))
            }
        }

        /// The array's children at `indices`, each after a `,` line end but the first.
        private func writeElements<C: Collection<Int>>(_ indices: C, into out: inout [UInt8]) {
            for k in indices {
                if k > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(0x0A)
                }
                Self.indent(level + 1, into: &out)
                write(child: k, into: &out)
            }
        }

        private func write(child k: Int, into out: inout [UInt8]) {
            switch children[k] {
            case .scalar(let scalar): Self.write(scalar, into: &out)
            case .node(let node): node.write(into: &out)
            }
        }

        private func writeObject(into out: inout [UInt8]) {
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            // Keys in UTF-8 order, by their first eight bytes and only on a tie by all of them; a key
            // encoded twice keeps its last value, as in a dictionary.
            let prefixes = keys.map(Self.prefix)
            let order = keys.indices.sorted { a, b in
                if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
                let order = Self.compare(keys[a], keys[b])
                return order == 0 ? a < b : order < 0
            }
            var first = true
            for (position, k) in order.enumerated() {
                if position + 1 < order.count && keys[order[position + 1]] == keys[k] { continue }
                if !first {
                    out.append(UInt8(ascii: ","))
                    out.append(0x0A)
                }
                first = false
                Self.indent(level + 1, into: &out)
                Self.writeString(keys[k], into: &out)
                out.append(0x20)
                out.append(UInt8(ascii: ":"))
                out.append(0x20)
                write(child: k, into: &out)
            }
            out.append(0x0A)
            Self.indent(level, into: &out)
            out.append(UInt8(ascii: "}"))
        }

        private static func write(_ scalar: Scalar, into out: inout [UInt8]) {
            switch scalar {
            case .literal(var text): text.withUTF8 { out.append(contentsOf: $0) }
            case .string(let text): writeString(text, into: &out)
            }
        }

        private static let spaces: StaticString = "                                                                "

        private static func indent(_ level: Int, into out: inout [UInt8]) {
            let count = 2 * level
            if count <= spaces.utf8CodeUnitCount {
                out.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: count))
            } else {
                for _ in 0..<count { out.append(0x20) }
            }
        }

        /// The first eight UTF-8 bytes of `key`, big-endian, zero-padded: ordered as the keys are
        /// unless equal.
        private static func prefix(_ key: String) -> UInt64 {
            var key = key
            return key.withUTF8 { bytes in
                var value: UInt64 = 0
                for k in 0..<min(8, bytes.count) { value |= UInt64(bytes[k]) << (56 - 8 * k) }
                return value
            }
        }

        /// The UTF-8 order of two keys (memcmp, not a generic walk over two views).
        private static func compare(_ a: String, _ b: String) -> Int32 {
            var a = a
            var b = b
            return a.withUTF8 { x in
                b.withUTF8 { y in
                    let common = min(x.count, y.count)
                    if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                        let order = memcmp(p, q, common)
                        if order != 0 { return order }
                    }
                    return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
                }
            }
        }

        /// A string in quotes with `JSONEncoder`'s escapes (`/` left alone).
        private static func writeString(_ text: String, into out: inout [UInt8]) {
            out.append(UInt8(ascii: "\""))
            var text = text
            text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                var plain = 0
                var i = 0
                while i < bytes.count {
                    // Eight plain bytes at a time up to the first that may need an escape (a control
                    // byte, `"` or `\`; exact for the lowest flagged).
                    if i + 8 <= bytes.count {
                        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                        let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                        let quotes = WordBytes.lanes(of: 0x22, in: word) | WordBytes.lanes(of: 0x5C, in: word)
                        let special = control | quotes
                        if special == 0 {
                            i += 8
                            continue
                        }
                        i += special.trailingZeroBitCount >> 3
                    }
                    let byte = base[i]
                    // Nearly every byte: printable and neither `"` nor `\`.
                    if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                        i += 1
                        continue
                    }
                    let escape: StaticString
                    switch byte {
                    case UInt8(ascii: "\""): escape = "\\\""
                    case UInt8(ascii: "\\"): escape = "\\\\"
                    case 0x08: escape = "\\b"
                    case 0x0C: escape = "\\f"
                    case 0x0A: escape = "\\n"
                    case 0x0D: escape = "\\r"
                    case 0x09: escape = "\\t"
                    default: escape = "\\u00"
                    }
                    out.append(contentsOf: UnsafeBufferPointer(start: base + plain, count: i - plain))
                    out.append(
                        contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                    if escape.utf8CodeUnitCount == 4 {
                        let hex: StaticString = "0123456789abcdef"
                        out.append(hex.utf8Start[Int(byte >> 4)])
                        out.append(hex.utf8Start[Int(byte & 0x0F)])
                    }
                    i += 1
                    plain = i
                }
                out.append(contentsOf: UnsafeBufferPointer(start: base + plain, count: bytes.count - plain))
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [CodingKey] { node.codingPath }

        private func add(_ key: Key, _ scalar: Scalar) { node.add(key.stringValue, scalar) }

        mutating func encodeNil(forKey key: Key) throws { add(key, .literal("null")) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { add(key, .literal(value ? "true" : "false")) }
        mutating func encode(_ value: String, forKey key: Key) throws { add(key, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { add(key, try .number(value, at: node)) }
        mutating func encode(_ value: Float, forKey key: Key) throws { add(key, try .number(value, at: node)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { add(key, .integer(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try node.add(key.stringValue, codingKey: key, value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            node.child(key.stringValue, codingKey: key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            node.child(key.stringValue, codingKey: key).unkeyedContainer()
        }

        mutating func superEncoder() -> Encoder { node.child("super", codingKey: Index.superKey) }
        mutating func superEncoder(forKey key: Key) -> Encoder { node.child(key.stringValue, codingKey: key) }
    }

    private struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [CodingKey] { node.codingPath }
        var count: Int { node.children.count }

        private func add(_ scalar: Scalar) { node.add(nil, scalar) }
        private func child() -> Node { node.child(nil, codingKey: Index(intValue: count)) }

        mutating func encodeNil() throws { add(.literal("null")) }
        mutating func encode(_ value: Bool) throws { add(.literal(value ? "true" : "false")) }
        mutating func encode(_ value: String) throws { add(.string(value)) }
        mutating func encode(_ value: Double) throws { add(try .number(value, at: node)) }
        mutating func encode(_ value: Float) throws { add(try .number(value, at: node)) }
        mutating func encode(_ value: Int) throws { add(.integer(value)) }
        mutating func encode(_ value: Int8) throws { add(.integer(value)) }
        mutating func encode(_ value: Int16) throws { add(.integer(value)) }
        mutating func encode(_ value: Int32) throws { add(.integer(value)) }
        mutating func encode(_ value: Int64) throws { add(.integer(value)) }
        mutating func encode(_ value: UInt) throws { add(.integer(value)) }
        mutating func encode(_ value: UInt8) throws { add(.integer(value)) }
        mutating func encode(_ value: UInt16) throws { add(.integer(value)) }
        mutating func encode(_ value: UInt32) throws { add(.integer(value)) }
        mutating func encode(_ value: UInt64) throws { add(.integer(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try node.add(nil, codingKey: Index(intValue: count), value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            child().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { child().unkeyedContainer() }
        mutating func superEncoder() -> Encoder { child() }
    }

    private struct SingleValueContainer: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [CodingKey] { node.codingPath }

        private func set(_ scalar: Scalar) { node.content = .scalar(scalar) }

        mutating func encodeNil() throws { set(.literal("null")) }
        mutating func encode(_ value: Bool) throws { set(.literal(value ? "true" : "false")) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(try .number(value, at: node)) }
        mutating func encode(_ value: Float) throws { set(try .number(value, at: node)) }
        mutating func encode(_ value: Int) throws { set(.integer(value)) }
        mutating func encode(_ value: Int8) throws { set(.integer(value)) }
        mutating func encode(_ value: Int16) throws { set(.integer(value)) }
        mutating func encode(_ value: Int32) throws { set(.integer(value)) }
        mutating func encode(_ value: Int64) throws { set(.integer(value)) }
        mutating func encode(_ value: UInt) throws { set(.integer(value)) }
        mutating func encode(_ value: UInt8) throws { set(.integer(value)) }
        mutating func encode(_ value: UInt16) throws { set(.integer(value)) }
        mutating func encode(_ value: UInt32) throws { set(.integer(value)) }
        mutating func encode(_ value: UInt64) throws { set(.integer(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try node.encodeValue(value) }
    }

    /// Keys of array elements in coding paths, and `super`.
    private struct Index: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(intValue: Int) {
            self.intValue = intValue
            stringValue = "Index \(intValue)"
        }
        init(stringValue: String) { self.stringValue = stringValue }
        static let superKey = Index(stringValue: "super")
    }
}

extension Array: ReportJSON.ElementsOnThreads where Element: Encodable {
    fileprivate func encodeElements(into node: ReportJSON.Node) throws { try node.encode(elements: self) }
}
