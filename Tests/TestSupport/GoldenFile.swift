import Foundation
import Testing

/// A file under a test target's `Golden/` folder, compared byte for byte.
///
/// `RECORD_GOLDENS=1 swift test` rewrites the file and fails the test, so every change is read in
/// review rather than accepted silently. Files are found through the test sources' `#filePath`,
/// not bundle resources, so recording writes into the checkout.
public struct GoldenFile {
    public let url: URL

    /// `Golden/` beside the source file that calls this (pass nothing: `#filePath` is the caller's).
    public static func directory(besideFile filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    public init(_ name: String, in directory: URL) {
        url = directory.appendingPathComponent(name)
    }

    public var name: String { url.lastPathComponent }

    public func read() throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// Checks `actual` against the file, or records it.
    public func assertMatches(_ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actualData = Data(actual.utf8)
        if Self.isRecording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actualData.write(to: url)
            Issue.record("recorded \(name); unset RECORD_GOLDENS and review the diff", sourceLocation: sourceLocation)
            return
        }
        guard let expectedData = try? Data(contentsOf: url) else {
            Issue.record(
                "missing golden \(name); run with RECORD_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if expectedData != actualData {
            let difference = Self.firstDifference(String(decoding: expectedData, as: UTF8.self), actual)
            Issue.record(
                "\(name) differs (run with RECORD_GOLDENS=1 and review the diff): \(difference)",
                sourceLocation: sourceLocation)
        }
    }

    /// Checks `value` as pretty-printed JSON with sorted keys and a final newline.
    public func assertMatches(json value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        try assertMatches(json, sourceLocation: sourceLocation)
    }

    /// The first line that differs, so a failure names what changed without a diff tool.
    public static func firstDifference(_ expected: String, _ actual: String) -> String {
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
