import Foundation
import Testing

/// A file under `Golden/`, compared byte for byte; `RECORD_GOLDENS=1` rewrites it and fails the test
/// so the change is read in review rather than accepted silently.
struct GoldenFile {
    /// `Golden/` next to this source file: tests read files from the checkout, not bundle resources.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    var name: String

    var url: URL { Self.directory.appendingPathComponent(name) }

    func read() throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// Checks `actual` against the file, or records it.
    func assertMatches(_ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actualData = Data(actual.utf8)
        if Self.isRecording {
            try actualData.write(to: url)
            Issue.record("recorded \(name); unset RECORD_GOLDENS and review the diff", sourceLocation: sourceLocation)
            return
        }
        guard let expectedData = try? Data(contentsOf: url) else {
            Issue.record("missing golden \(name); run with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        if expectedData != actualData {
            Issue.record(
                "\(name) differs: \(Self.firstDifference(String(decoding: expectedData, as: UTF8.self), actual))",
                sourceLocation: sourceLocation)
        }
    }

    /// The first line that differs, so a failure names what changed without a diff tool.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if want != got { return "line \(index + 1): expected \"\(want)\", got \"\(got)\"" }
        }
        return "same lines, different bytes"
    }
}
