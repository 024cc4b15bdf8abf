/// One connection's statements in a rule example, in the compact trace notation:
///
/// ```
/// - id: "4711"
///   trace: [recent-orders 1.2ms rows=20, order-items x20 0.4ms rows=3, pause 2s, order-items 0.4ms]
/// ```
///
/// A step names a statement of the example's `statements:`, optionally repeated (`x20`), with the
/// duration of each execution (`0.4ms`, default 0.1 ms) and the rows each returned (`rows=3`);
/// `pause 2s` (or `ms`) leaves the connection idle. Statements follow each other 0.2 ms apart.
public struct ExampleSession: Equatable, Sendable, Decodable {
    /// One step of a trace.
    public enum Step: Equatable, Sendable {
        /// `label` executed `count` times in a row.
        case statement(label: String, count: Int, durationMs: Double, rows: Int64?)
        /// The connection is idle this long.
        case pause(ms: Double)
    }

    public var id: String
    public var steps: [Step]

    public init(id: String, steps: [Step]) {
        self.id = id
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case id, trace
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lines = try container.decode([String].self, forKey: .trace)
        var steps: [Step] = []
        for line in lines {
            guard let step = Self.step(line) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .trace, in: container,
                    debugDescription: "'\(line)' is not `<statement> [xN] [<ms>ms] [rows=N]` or `pause <n>ms|s`")
            }
            steps.append(step)
        }
        self.init(id: try container.decode(String.self, forKey: .id), steps: steps)
    }

    /// Parses one trace step; `nil` when it does not follow the notation.
    public static func step(_ text: String) -> Step? {
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        if first == "pause" {
            guard words.count == 2, let ms = duration(words[1]) else { return nil }
            return .pause(ms: ms)
        }
        var count = 1
        var durationMs = 0.1
        var rows: Int64?
        for word in words.dropFirst() {
            if word.hasPrefix("x"), let n = Int(word.dropFirst()), n > 0 {
                count = n
            } else if word.hasPrefix("rows="), let n = Int64(word.dropFirst(5)), n >= 0 {
                rows = n
            } else if let ms = duration(word) {
                durationMs = ms
            } else {
                return nil
            }
        }
        return .statement(label: first, count: count, durationMs: durationMs, rows: rows)
    }

    /// `0.4ms` or `2s` in milliseconds.
    private static func duration(_ word: String) -> Double? {
        if word.hasSuffix("ms") { return Double(word.dropLast(2)).flatMap { $0 >= 0 ? $0 : nil } }
        if word.hasSuffix("s") { return Double(word.dropLast()).flatMap { $0 >= 0 ? $0 * 1000 : nil } }
        return nil
    }
}
