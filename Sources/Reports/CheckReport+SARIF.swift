import AdvisorCore
import Foundation

extension CheckReport {
    /// The SARIF schema the document declares (SchemaStore's copy of OASIS SARIF 2.1.0).
    public static let sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// A SARIF 2.1.0 log with one run, for GitHub code scanning (`upload-sarif`) and other viewers.
    ///
    /// Follows facts-migrations.md sec. 3: `tool.driver.rules` with id, name, descriptions, help and
    /// default level; each result with `ruleId`, `ruleIndex`, `level`, `message.text`, exactly one
    /// location with a repository-relative `artifactLocation.uri` and a 1-based `region`, and a
    /// `partialFingerprints` entry that does not depend on the line, so an alert survives edits above it.
    public func sarif() throws -> String {
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results: [[String: Any]] = findings.map { located in
            let finding = located.finding
            var result: [String: Any] = [
                "ruleId": finding.ruleID,
                "level": Self.sarifLevel(finding.severity),
                "message": ["text": sarifMessage(finding)],
                "partialFingerprints": [
                    "dbadvisorFinding/v1": Self.fingerprint(
                        [finding.ruleID, located.location?.path ?? "", finding.message])
                ],
            ]
            if let index = ruleIndex[finding.ruleID] { result["ruleIndex"] = index }
            if let location = located.location {
                result["locations"] = [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": Self.uri(location.path), "uriBaseId": "%SRCROOT%"],
                            "region": ["startLine": location.line, "startColumn": location.column],
                        ]
                    ]
                ]
            }
            return result
        }
        let descriptors: [[String: Any]] = rules.map { rule in
            [
                "id": rule.id,
                "name": Self.pascalCase(rule.id),
                "shortDescription": ["text": rule.title],
                "fullDescription": ["text": rule.rationale],
                "help": ["text": rule.rationale, "markdown": "**\(rule.title)**\n\n\(rule.rationale)"],
                "defaultConfiguration": ["level": Self.sarifLevel(rule.severity)],
                "properties": [
                    "tags": ["database", "performance", "migrations"],
                    "precision": "high",
                    "problem.severity": rule.severity == .info ? "recommendation" : rule.severity.rawValue,
                ],
            ]
        }
        let run: [String: Any] = [
            "tool": [
                "driver": [
                    "name": "dbadvisor", "version": toolVersion, "semanticVersion": toolVersion,
                    "rules": descriptors,
                ]
            ],
            "automationDetails": ["id": "dbadvisor/check/"],
            "invocations": [["executionSuccessful": true]],
            "columnKind": "unicodeCodePoints",
            "results": results,
        ]
        let log: [String: Any] = ["$schema": Self.sarifSchema, "version": "2.1.0", "runs": [run]]
        let data = try JSONSerialization.data(
            withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The message with the help, since code scanning shows only the message next to the line.
    private func sarifMessage(_ finding: Finding) -> String {
        finding.help.map { "\(finding.message)\nhelp: \($0)" } ?? finding.message
    }

    /// SARIF levels: `error`, `warning`, `note`.
    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative URI reference: `/` separators, no leading `./`, reserved characters escaped.
    static func uri(_ path: String) -> String {
        var clean = path.replacingOccurrences(of: "\\", with: "/")
        while clean.hasPrefix("./") { clean.removeFirst(2) }
        return clean.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? clean
    }

    /// `require-concurrent-index-creation` → `RequireConcurrentIndexCreation` (SARIF `name`).
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Sixteen hex digits of FNV-1a 64 over the length-prefixed fields: the same on every run and platform.
    static func fingerprint(_ fields: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in "\(field.utf8.count):\(field);".utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
