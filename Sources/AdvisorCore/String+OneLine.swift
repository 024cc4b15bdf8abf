extension String {
    /// The text on one line, as evidence and reports quote statements: every run of white space
    /// one space, none at either end. A pass over the bytes for ASCII text (statements are ASCII
    /// but for their literals): splitting into Characters cost ~60,000 instructions per statement,
    /// and a digest quotes thousands.
    public var onOneLine: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var space = false
        for c in utf8 {
            // Other white space than ASCII's takes the Character path.
            if c >= 0x80 { return split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                space = !bytes.isEmpty
                continue
            }
            if space {
                bytes.append(0x20)
                space = false
            }
            bytes.append(c)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text cut at `limit` characters, an ellipsis as the last of them.
    public func shortened(to limit: Int) -> String {
        count <= limit ? self : String(prefix(limit - 1)) + "…"
    }
}
