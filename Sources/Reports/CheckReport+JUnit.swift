import AdvisorCore
import Foundation

extension CheckReport {
    /// JUnit XML for CI systems that show test reports (GitLab, Jenkins, CircleCI): one test case
    /// per migration file (and per other file a finding points at); findings at or above
    /// `threshold` are failures, lower ones go to the case's `system-out`.
    public func junitXML(failOn threshold: Severity) -> String {
        var cases: [(name: String, findings: [CheckFinding])] = migrationFiles.map { ($0, []) }
        for located in findings {
            let name = located.location?.path ?? "workload"
            if let at = cases.firstIndex(where: { $0.name == name }) {
                cases[at].findings.append(located)
            } else {
                cases.append((name, [located]))
            }
        }
        let failures = findings.filter { $0.finding.severity >= threshold }.count
        var out = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="dbadvisor check" tests="\#(cases.count)" failures="\#(failures)">"#,
            #"  <testsuite name="dbadvisor check" tests="\#(cases.count)" failures="\#(failures)" errors="0" skipped="0">"#,
        ]
        for testCase in cases {
            let name = Self.xml(testCase.name)
            if testCase.findings.isEmpty {
                out.append(#"    <testcase classname="dbadvisor.check" name="\#(name)" file="\#(name)"/>"#)
                continue
            }
            out.append(#"    <testcase classname="dbadvisor.check" name="\#(name)" file="\#(name)">"#)
            var below: [String] = []
            for located in testCase.findings {
                let finding = located.finding
                var lines = FindingText.lines(finding)
                if let location = located.location { lines.insert("  --> \(location)", at: 1) }
                let body = Self.xml(lines.joined(separator: "\n"))
                if finding.severity >= threshold {
                    let where_ = located.location.map { "\($0.path):\($0.line): " } ?? ""
                    out.append(
                        #"      <failure type="\#(Self.xml(finding.ruleID))" message="\#(Self.xml(where_ + finding.message))">\#(body)</failure>"#
                    )
                } else {
                    below.append(body)
                }
            }
            if !below.isEmpty { out.append("      <system-out>\(below.joined(separator: "\n\n"))</system-out>") }
            out.append("    </testcase>")
        }
        out += ["  </testsuite>", "</testsuites>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Text escaped for XML attributes and content; characters XML 1.0 cannot hold are dropped.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
