import Reports
import Testing

/// What the Markdown and HTML renderers must get right whatever the report says.
@Suite struct ReportDocumentTests {
    @Test func aPipeInsideATableCellNeverEndsTheCell() {
        let document = ReportDocument(
            title: "t", blocks: [.table(header: ["a|b"], rows: [[[.code("x || y"), .text(" or a|b")]]])])
        #expect(document.markdown.contains("| a\\|b |"))
        #expect(document.markdown.contains("| `x \\|\\| y` or a\\|b |"))
    }

    @Test func codeWithBackticksGetsALongerFence() {
        let document = ReportDocument(
            title: "t", blocks: [.paragraph([.code("a`b")]), .code(language: "sql", "SELECT 1 -- ```")])
        #expect(document.markdown.contains("`` a`b ``"))
        #expect(document.markdown.contains("````sql\nSELECT 1 -- ```\n````"))
    }

    @Test func htmlEscapesTextCodeAndTitle() {
        let document = ReportDocument(
            title: "<t>", blocks: [.paragraph([.text("a < b & \"c\""), .code("<script>")])])
        #expect(document.html.contains("<title>&lt;t&gt;</title>"))
        #expect(document.html.contains("<p>a &lt; b &amp; &quot;c&quot;<code>&lt;script&gt;</code></p>"))
    }
}
