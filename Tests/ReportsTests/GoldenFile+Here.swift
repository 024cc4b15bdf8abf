import Foundation
import TestSupport

extension GoldenFile {
    /// This test target's `Golden/` folder.
    static let here = GoldenFile.directory()

    /// A file in this test target's `Golden/` folder.
    init(name: String) { self.init(name, in: Self.here) }
}
