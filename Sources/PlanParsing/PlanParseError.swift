import AdvisorCore

/// Why EXPLAIN output could not be read as a plan; `description` is one line for the CLI.
public struct PlanParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The one-line message.
    public var message: String

    /// Wraps a message that already reads as one line.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    static let empty = PlanParseError("EXPLAIN output is empty")

    static func notJSON(_ reason: String) -> PlanParseError {
        PlanParseError("EXPLAIN output is not JSON: \(reason)")
    }

    static func missingPlan(_ what: String, engine: Engine) -> PlanParseError {
        PlanParseError("no \(what) in \(engine) EXPLAIN output")
    }
}
