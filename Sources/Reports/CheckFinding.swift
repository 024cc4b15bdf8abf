import AdvisorCore

/// A finding of `dbadvisor check`, with the file line it is about.
public struct CheckFinding: Codable, Equatable, Sendable {
    public var finding: Finding
    /// The migration statement (lint, a dropped index) or the workload query; `nil` when neither is known.
    public var location: FileLocation?

    public init(finding: Finding, location: FileLocation?) {
        self.finding = finding
        self.location = location
    }
}
