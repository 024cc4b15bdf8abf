/// The descriptive part of a migration file name, derived from the index name.
///
/// ASCII `[a-z0-9_]` only: Rails loads only files matching `\A([0-9]+)_([_a-z0-9]*)…\.rb\z`
/// (ActiveRecord::Migration) and derives the class name from it, and Flyway reads `__` as its
/// separator. When characters had to be replaced, an eight-digit hash of the original name keeps
/// two descriptions of different indexes apart.
enum FileDescription {
    static func make(from name: String) -> String {
        var result = ""
        for byte in name.utf8 {
            let ascii = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            if ascii {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else if !result.hasSuffix("_") {
                result.append("_")  // one `_` per separator or run of replaced bytes
            }
        }
        while result.hasPrefix("_") { result.removeFirst() }
        while result.hasSuffix("_") { result.removeLast() }
        if result != name || result.isEmpty {
            result += (result.isEmpty ? "" : "_") + StableHash.hex(of: [name], length: 8)
        }
        return result
    }

    /// Rails' `String#camelize` of `snake` (`add_orders_idx` -> `AddOrdersIdx`), the class name
    /// ActiveRecord expects in the file.
    static func camelized(_ snake: String) -> String {
        snake.split(separator: "_", omittingEmptySubsequences: true).map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }
}
