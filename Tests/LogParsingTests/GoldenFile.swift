import Foundation
import Testing

/// A JSON golden file under `Golden/`, compared byte for byte.
///
/// `RECORD_GOLDENS=1 swift test` rewrites the file and fails the test, so the change shows up in
/// a diff a reviewer reads.
struct GoldenFile {
    let name: String

    /// Located through `#filePath` rather than bundle resources, so recording writes to the source tree.
    private var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent("\(name).json")
    }

    func check(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let actual = try encoder.encode(value) + Data("\n".utf8)

        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try actual.write(to: url)
            Issue.record(
                "Recorded golden file \(url.path); review the diff and rerun without RECORD_GOLDENS",
                sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record(
                "Missing golden file \(url.path); run with RECORD_GOLDENS=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            Issue.record(
                """
                \(url.lastPathComponent) differs; run with RECORD_GOLDENS=1 and review the diff. Actual:
                \(String(decoding: actual, as: UTF8.self))
                """, sourceLocation: sourceLocation)
        }
    }
}
