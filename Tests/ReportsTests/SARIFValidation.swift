import Foundation

/// Validates a SARIF log against the structure the SARIF 2.1.0 JSON schema requires
/// (sarif-schema-2.1.0.json, OASIS): required properties, enumerations, minimums and the
/// `additionalProperties: false` property lists of the objects `check` writes. Returns every
/// violation as `path: problem`.
enum SARIFValidation {
    static func violations(of text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return ["$: not JSON"] }
        var problems: [String] = []
        sarifLog(object, "$", &problems)
        return problems
    }

    // Properties the schema allows on each object (`additionalProperties: false`).
    static let logProperties: Set<String> = ["$schema", "version", "runs", "inlineExternalProperties", "properties"]
    static let runProperties: Set<String> = [
        "tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts",
        "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid",
        "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
        "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations", "policies",
        "webRequests", "webResponses", "specialLocations", "properties",
    ]
    static let toolComponentProperties: Set<String> = [
        "guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName",
        "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
        "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents",
        "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
        "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties",
    ]
    static let descriptorProperties: Set<String> = [
        "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
        "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties",
    ]
    static let resultProperties: Set<String> = [
        "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
        "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs",
        "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
        "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxonomies", "webRequest", "webResponse",
        "properties",
    ]
    static let levels: Set<String> = ["none", "note", "warning", "error"]

    private static func sarifLog(_ value: Any, _ path: String, _ problems: inout [String]) {
        guard let log = object(value, path, allowed: logProperties, &problems) else { return }
        if log["version"] as? String != "2.1.0" { problems.append("\(path).version: must be \"2.1.0\"") }
        if let schema = log["$schema"], !(schema is String) { problems.append("\(path).$schema: must be a URI string") }
        guard let runs = log["runs"] as? [Any] else {
            problems.append("\(path).runs: required array")
            return
        }
        for (number, run) in runs.enumerated() { self.run(run, "\(path).runs[\(number)]", &problems) }
    }

    private static func run(_ value: Any, _ path: String, _ problems: inout [String]) {
        guard let run = object(value, path, allowed: runProperties, &problems) else { return }
        guard
            let tool = object(
                run["tool"] as Any, "\(path).tool", allowed: ["driver", "extensions", "properties"], &problems),
            let driver = object(
                tool["driver"] as Any, "\(path).tool.driver", allowed: toolComponentProperties, &problems)
        else { return }
        if !(driver["name"] is String) { problems.append("\(path).tool.driver.name: required string") }
        let rules = driver["rules"] as? [Any] ?? []
        var ids: [String] = []
        for (number, rule) in rules.enumerated() {
            let rulePath = "\(path).tool.driver.rules[\(number)]"
            guard let descriptor = object(rule, rulePath, allowed: descriptorProperties, &problems) else { continue }
            guard let id = descriptor["id"] as? String else {
                problems.append("\(rulePath).id: required string")
                continue
            }
            ids.append(id)
            for key in ["shortDescription", "fullDescription", "help"] where descriptor[key] != nil {
                multiformatMessage(descriptor[key]!, "\(rulePath).\(key)", &problems)
            }
            if let configuration = descriptor["defaultConfiguration"] as? [String: Any],
                let level = configuration["level"] as? String, !levels.contains(level)
            {
                problems.append("\(rulePath).defaultConfiguration.level: \(level) not in \(levels.sorted())")
            }
            if let properties = descriptor["properties"] as? [String: Any], let tags = properties["tags"] {
                guard let list = tags as? [String], Set(list).count == list.count else {
                    problems.append("\(rulePath).properties.tags: must be unique strings")
                    continue
                }
            }
        }
        if Set(ids).count != ids.count { problems.append("\(path).tool.driver.rules: ids must be unique") }
        if let kind = run["columnKind"] as? String, !["utf16CodeUnits", "unicodeCodePoints"].contains(kind) {
            problems.append("\(path).columnKind: \(kind) not allowed")
        }
        for (number, invocation) in (run["invocations"] as? [Any] ?? []).enumerated()
        where !((invocation as? [String: Any])?["executionSuccessful"] is Bool) {
            problems.append("\(path).invocations[\(number)].executionSuccessful: required boolean")
        }
        for (number, result) in (run["results"] as? [Any] ?? []).enumerated() {
            self.result(result, "\(path).results[\(number)]", ruleIDs: ids, &problems)
        }
    }

    private static func result(_ value: Any, _ path: String, ruleIDs: [String], _ problems: inout [String]) {
        guard let result = object(value, path, allowed: resultProperties, &problems) else { return }
        guard let message = result["message"] as? [String: Any], message["text"] is String || message["id"] is String
        else {
            problems.append("\(path).message: required, with text or id")
            return
        }
        if let level = result["level"] as? String, !levels.contains(level) {
            problems.append("\(path).level: \(level) not in \(levels.sorted())")
        }
        if let index = result["ruleIndex"] {
            guard let number = index as? Int, number >= -1, number < ruleIDs.count else {
                problems.append("\(path).ruleIndex: must index tool.driver.rules")
                return
            }
            if number >= 0, result["ruleId"] as? String != ruleIDs[number] {
                problems.append("\(path).ruleId: must equal rules[ruleIndex].id")
            }
        }
        if let fingerprints = result["partialFingerprints"] {
            if !((fingerprints as? [String: Any])?.values.allSatisfy { $0 is String } ?? false) {
                problems.append("\(path).partialFingerprints: values must be strings")
            }
        }
        for (number, location) in (result["locations"] as? [Any] ?? []).enumerated() {
            let locationPath = "\(path).locations[\(number)]"
            guard let physical = (location as? [String: Any])?["physicalLocation"] as? [String: Any],
                let artifact = physical["artifactLocation"] as? [String: Any], let uri = artifact["uri"] as? String
            else {
                problems.append("\(locationPath).physicalLocation.artifactLocation.uri: required")
                continue
            }
            if URL(string: uri) == nil || uri.hasPrefix("/") || uri.contains("\\") {
                problems.append("\(locationPath): uri \(uri) is not a relative URI reference")
            }
            guard let region = physical["region"] as? [String: Any] else {
                problems.append("\(locationPath).physicalLocation.region: required for a line")
                continue
            }
            for key in ["startLine", "startColumn", "endLine", "endColumn"] where region[key] != nil {
                if ((region[key] as? Int) ?? 0) < 1 { problems.append("\(locationPath).region.\(key): minimum 1") }
            }
        }
    }

    private static func multiformatMessage(_ value: Any, _ path: String, _ problems: inout [String]) {
        guard let message = value as? [String: Any], message["text"] is String else {
            problems.append("\(path).text: required string")
            return
        }
        let extra = Set(message.keys).subtracting(["text", "markdown", "properties"])
        if !extra.isEmpty { problems.append("\(path): unexpected \(extra.sorted())") }
    }

    private static func object(_ value: Any, _ path: String, allowed: Set<String>, _ problems: inout [String])
        -> [String: Any]?
    {
        guard let object = value as? [String: Any] else {
            problems.append("\(path): must be an object")
            return nil
        }
        let extra = Set(object.keys).subtracting(allowed)
        if !extra.isEmpty { problems.append("\(path): properties not in the schema: \(extra.sorted())") }
        return object
    }
}
