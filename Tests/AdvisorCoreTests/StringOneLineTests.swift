import AdvisorCore
import Testing

/// Statements quoted in evidence: on one line, and cut with an ellipsis.
struct StringOneLineTests {
    @Test func whiteSpaceRunsBecomeOneSpaceAndNoneAtTheEnds() {
        #expect("  SELECT *\n  FROM t\tWHERE id = 1 \r\n".onOneLine == "SELECT * FROM t WHERE id = 1")
        #expect("SELECT 'é'\u{00A0} FROM t".onOneLine == "SELECT 'é' FROM t")
        #expect(" \n ".onOneLine == "")
        #expect("SELECT 1".onOneLine == "SELECT 1")
    }

    @Test func aLongTextIsCutWithAnEllipsis() {
        #expect("SELECT 1".shortened(to: 8) == "SELECT 1")
        #expect("SELECT 12".shortened(to: 8) == "SELECT …")
        #expect("é😀é😀".shortened(to: 3) == "é😀…")
    }
}
