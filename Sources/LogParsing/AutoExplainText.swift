/// The parts of an auto_explain log body: the JSON plan (`log_format = json`) and the statement text.
enum AutoExplainText {
    /// `(json, queryText)`: JSON bodies give both; text bodies only their `Query Text:` line.
    static func split(_ body: String) -> (json: String?, queryText: String?) {
        var utf8 = body
        return utf8.withUTF8 { b in
            var i = 0
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 { i += 1 }
            if i < b.count, b[i] == 0x7B {
                guard let object = JSONObjectScanner(b, at: i), case .string(let range)? = object.value("Query Text")
                else { return (body, nil) }
                return (body, String(decoding: JSONObjectScanner.unescape(b, range), as: UTF8.self))
            }
            // Text format: `Query Text: SELECT …` on the first line.
            let marker = Array("Query Text: ".utf8)
            guard b.count - i >= marker.count, (0..<marker.count).allSatisfy({ b[i + $0] == marker[$0] }) else {
                return (nil, nil)
            }
            var end = i + marker.count
            while end < b.count, b[end] != 0x0A { end += 1 }
            return (nil, String(decoding: UnsafeBufferPointer(rebasing: b[(i + marker.count)..<end]), as: UTF8.self))
        }
    }
}
