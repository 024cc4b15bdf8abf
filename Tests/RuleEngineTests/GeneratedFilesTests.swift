import Foundation
import Testing

@testable import RuleEngine

/// `Sources/RuleEngine/EmbeddedRules.swift` and `rules/README.md` are generated from `rules/`: they
/// must be what `scripts/generate-rules` writes now.
@Suite struct GeneratedFilesTests {
    @Test func generatedFilesAreUpToDate() throws {
        let repository = RuleSpecTests.repository
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("generate-rules-\(UUID())")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repository.appendingPathComponent("scripts/generate-rules").path, output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/generate-rules failed")
        for file in ["Sources/RuleEngine/EmbeddedRules.swift", "rules/README.md"] {
            let fresh = try Data(contentsOf: output.appendingPathComponent(file))
            let committed = try? Data(contentsOf: repository.appendingPathComponent(file))
            #expect(committed == fresh, "\(file) is stale: run scripts/generate-rules")
        }
    }

    /// A rule file's text without its `examples:` block: the block runs from that top-level key to
    /// the next line starting with a key at column 0 (the layout `scripts/generate-rules` relies
    /// on); blank lines stay, the last one being the file's final newline.
    static func withoutExamples(_ yaml: String) -> String {
        var kept: [Substring.UTF8View] = []
        var inExamples = false
        for line in yaml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if let first = line.first, first &- 0x61 < 26 { inExamples = line.starts(with: "examples:".utf8) }
            if !inExamples || line.isEmpty { kept.append(line) }
        }
        return kept.map { String(Substring($0)) }.joined(separator: "\n")
    }

    /// The generator's copies without examples are the files with their `examples:` blocks cut.
    @Test func embeddedRulesWithoutExamplesAreTheFilesCut() {
        #expect(EmbeddedRules.filesWithoutExamples.keys.sorted() == EmbeddedRules.files.keys.sorted())
        for (path, text) in EmbeddedRules.files {
            #expect(EmbeddedRules.filesWithoutExamples[path] == Self.withoutExamples(text), "\(path)")
        }
    }

    @Test func embeddedRulesMatchTheRuleFiles() throws {
        let rules = RuleSpecTests.repository.appendingPathComponent("rules")
        var onDisk: [String: String] = [:]
        for category in try FileManager.default.contentsOfDirectory(atPath: rules.path) {
            let directory = rules.appendingPathComponent(category)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names where name.hasSuffix(".yml") {
                onDisk["\(category)/\(name)"] = try String(
                    contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            }
        }
        let embedded = try RuleCatalog.builtInSpecs().map { "\($0.category)/\($0.id).yml" }
        #expect(embedded.sorted() == onDisk.keys.sorted(), "rules/ changed: run scripts/generate-rules")
        for (path, text) in onDisk {
            let spec = try RuleCatalog.spec(path: path, yaml: text)
            #expect(try RuleCatalog.builtInSpecs().contains(spec), "\(path) is stale: run scripts/generate-rules")
        }
    }
}
