import Foundation

/// What a pt-query-digest expected report says about a whole log: events, classes and query ids.
///
/// Read from whichever part the report has: the `# Overall: N total, U unique` header, the JSON
/// output's `global`, or the per-class `# Query n: … ID 0x…` sections with their `# Count pct n`
/// lines, trusted as the whole log only when the class percentages add up to 100 (no class left
/// out by `--limit`).
struct PtQueryDigestReport {
    var events: Int
    var classes: Int
    /// Query ids (32 hex digits) of the classes, when the report lists all of them.
    var ids: Set<String>

    init?(path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var ids: [String] = []
        var counts: [(percent: Int, count: Int)] = []
        var overall: (Int, Int)?
        for line in lines {
            let words = line.split(separator: " ").map(String.init)
            if line.hasPrefix("# Overall: "), words.count > 5 {
                overall = (Int(words[2]) ?? -1, Int(words[4]) ?? -1)
            } else if line.hasPrefix("# Query "), let id = words.first(where: { $0.hasPrefix("0x") && $0.count == 34 })
            {
                ids.append(String(id.dropFirst(2)))
            } else if line.hasPrefix("# Count "), words.count >= 4, let percent = Int(words[2]),
                let count = Int(words[3])
            {
                counts.append((percent, count))
            }
        }
        if let (events, classes) = overall ?? Self.jsonGlobal(text) {
            self.events = events
            self.classes = classes
            self.ids = ids.count == classes ? Set(ids) : []
            return
        }
        let percent = counts.reduce(0) { $0 + $1.percent }
        guard !counts.isEmpty, counts.count == ids.count, abs(percent - 100) <= counts.count else { return nil }
        events = counts.reduce(0) { $0 + $1.count }
        classes = ids.count
        self.ids = Set(ids)
    }

    /// `"global":{… "query_count":N, "unique_query_count":U …}` of `--output json`.
    private static func jsonGlobal(_ text: String) -> (Int, Int)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let global = object["global"] as? [String: Any], let events = global["query_count"] as? Int,
            let classes = global["unique_query_count"] as? Int
        else { return nil }
        return (events, classes)
    }
}
