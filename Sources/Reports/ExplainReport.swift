import AdvisorCore
import Foundation
import PlanParsing

/// What `dbadvisor explain` reports for one statement: server, plan, shape and fingerprint.
public struct ExplainReport: Codable, Equatable, Sendable {
    public var engine: Engine
    public var serverVersion: String
    /// `host:port/database`, never the password.
    public var server: String
    public var statement: String
    public var fingerprint: Fingerprint?
    public var shape: QueryShape?
    /// How the shape was obtained, or why it is missing.
    public var shapeNote: String?
    public var plan: Plan

    public init(
        engine: Engine, serverVersion: String, server: String, statement: String, fingerprint: Fingerprint?,
        shape: QueryShape?, shapeNote: String?, plan: Plan
    ) {
        self.engine = engine
        self.serverVersion = serverVersion
        self.server = server
        self.statement = statement
        self.fingerprint = fingerprint
        self.shape = shape
        self.shapeNote = shapeNote
        self.plan = plan
    }

    /// Stable, pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        try ReportJSON.string(self)
    }

    /// Terminal text: a header, the plan tree and the query shape.
    public var text: String {
        var lines = ["\(engine) \(serverVersion) at \(server)"]
        lines.append("statement: \(statement.split(whereSeparator: \.isNewline).joined(separator: " "))")
        if let fingerprint { lines.append("fingerprint: \(fingerprint.id)") }
        lines.append("")
        lines.append("plan:")
        lines += plan.summaryLines.map { "  \($0)" }
        for scan in plan.fullScans {
            // PostgreSQL estimates the rows a node returns, MySQL and MariaDB the rows it examines.
            let verb = engine == .postgres ? "returned" : "examined"
            let rows =
                scan.estimatedRows.map { " (est. \(Figures.count($0)) \($0 == 1 ? "row" : "rows") \(verb))" } ?? ""
            lines.append("  = full scan of \(scan.relation ?? "?")\(rows)")
        }
        lines.append("")
        lines.append("query shape:")
        if let shape {
            lines += ShapeText.lines(shape).map { "  \($0)" }
        }
        if let shapeNote { lines.append("  (\(shapeNote))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
