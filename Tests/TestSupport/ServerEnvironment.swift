import Foundation

/// How tests find the throwaway servers: `make test` (or `eval "$(scripts/dev-db env)"`) exports
/// their DSNs. `DBADVISOR_SKIP_SERVER_TESTS=1` skips server tests; otherwise a missing variable fails
/// them with the way to set it, so CI cannot pass by silently testing nothing.
public enum ServerEnvironment {
    /// Whether server tests run (use with `.enabled(if:)`).
    public static let serverTestsEnabled = ProcessInfo.processInfo.environment["DBADVISOR_SKIP_SERVER_TESTS"] != "1"

    /// A server variable is unset: the test fails with the way to set it.
    public struct NotConfigured: Error, CustomStringConvertible {
        public var variable: String
        public var description: String {
            "\(variable) is not set: run the tests via `make test`, or after `scripts/dev-db start` and "
                + "`eval \"$(scripts/dev-db env)\"`; DBADVISOR_SKIP_SERVER_TESTS=1 skips server tests"
        }
    }

    /// The non-empty value of `variable`, or `NotConfigured`.
    public static func value(_ variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw NotConfigured(variable: variable)
        }
        return value
    }
}
