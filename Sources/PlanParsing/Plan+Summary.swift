import AdvisorCore

extension Plan {
    /// The plan as an indented tree, one node per line, in the engine's own vocabulary.
    public var summaryLines: [String] {
        var lines: [String] = []
        func walk(_ node: PlanNode, depth: Int) {
            let prefix = depth == 0 ? "" : String(repeating: "  ", count: depth - 1) + "-> "
            lines.append(prefix + PlanNodeSummary(node: node, engine: engine).line)
            for child in node.children { walk(child, depth: depth + 1) }
        }
        walk(root, depth: 0)
        return lines
    }

    /// `summaryLines` joined with newlines.
    public var summary: String { summaryLines.joined(separator: "\n") }
}
