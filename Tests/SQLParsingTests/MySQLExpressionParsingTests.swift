import Testing

@testable import SQLParsing

/// MySQL's binary operators bind by its precedence table (loosest first: `|`, `&`, `<< >>`,
/// `+ -`, `* / % DIV MOD`, `^`), left to right within a level, below comparisons and above the
/// unary operators.
struct MySQLExpressionParsingTests {
    private func parsed(_ text: String) throws -> String {
        var parser = MySQLStatementParser(tokens: try MySQLTokenizer.tokens(of: text), sql: text)
        return render(try parser.expression())
    }

    private func render(_ expression: MySQLExpression) -> String {
        switch expression {
        case .column(let parts): parts.joined(separator: ".")
        case .number(let digits): digits
        case .binary(let op, let left, let right): "(\(render(left)) \(op) \(render(right)))"
        case .unary(let op, let operand): "(\(op) \(render(operand)))"
        default: "?"
        }
    }

    @Test func binaryOperatorsBindByMySQLsPrecedenceLeftToRight() throws {
        #expect(try parsed("a | b & c << d + e * f ^ g") == "(a | (b & (c << (d + (e * (f ^ g))))))")
        #expect(try parsed("a ^ b * c + d << e & f | g") == "((((((a ^ b) * c) + d) << e) & f) | g)")
        #expect(try parsed("a - b - c + d") == "(((a - b) - c) + d)")
        #expect(try parsed("a * b DIV c Mod d % e / f") == "(((((a * b) div c) mod d) % e) / f)")
        #expect(try parsed("a >> 1 << 2") == "((a >> 1) << 2)")
        #expect(try parsed("~a ^ -b * c") == "(((~ a) ^ (- b)) * c)")
        #expect(try parsed("-1 + 2") == "(-1 + 2)")
        #expect(try parsed("a = b + 1 | 2") == "(a = ((b + 1) | 2))")
        #expect(try parsed("t.a + 1 > 2 * t.b") == "((t.a + 1) > (2 * t.b))")
    }
}
