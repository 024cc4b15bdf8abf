import Foundation
import Migrations
import Testing

/// A directory of golden files under `Golden/`, compared byte for byte with generated migrations.
///
/// `RECORD_GOLDENS=1 swift test` rewrites the directory and fails the test, so the change shows up
/// in a diff a reviewer reads.
struct GoldenDirectory {
    let name: String

    /// Located through `#filePath` rather than bundle resources, so recording writes to the source tree.
    private var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
    }

    func check(_ files: [MigrationFile], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let manager = FileManager.default
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try? manager.removeItem(at: url)
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
            for file in files {
                try Data(file.contents.utf8).write(to: url.appendingPathComponent(file.path))
            }
            Issue.record(
                "Recorded golden directory \(url.path); review the diff and rerun without RECORD_GOLDENS",
                sourceLocation: sourceLocation)
            return
        }
        guard let stored = try? manager.contentsOfDirectory(atPath: url.path) else {
            Issue.record(
                "Missing golden directory \(url.path); run with RECORD_GOLDENS=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        #expect(stored.sorted() == files.map(\.path).sorted(), "files in \(name)", sourceLocation: sourceLocation)
        for file in files {
            guard let expected = manager.contents(atPath: url.appendingPathComponent(file.path).path) else { continue }
            if Data(file.contents.utf8) != expected {
                Issue.record(
                    """
                    \(name)/\(file.path) differs; run with RECORD_GOLDENS=1 and review the diff. Actual:
                    \(file.contents)
                    """, sourceLocation: sourceLocation)
            }
        }
    }
}
