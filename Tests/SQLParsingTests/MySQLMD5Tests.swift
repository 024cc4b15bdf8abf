import Testing

@testable import SQLParsing

/// The query id is an MD5; these are RFC 1321's test suite (appendix A.5).
@Suite struct MySQLMD5Tests {
    @Test(
        "MD5 of the fingerprint text matches RFC 1321's test vectors",
        arguments: [
            ("", "D41D8CD98F00B204E9800998ECF8427E"),
            ("a", "0CC175B9C0F1B6A831C399E269772661"),
            ("abc", "900150983CD24FB0D6963F7D28E17F72"),
            ("message digest", "F96B697D7CB7938D525A2F31AAF161D0"),
            ("abcdefghijklmnopqrstuvwxyz", "C3FCD3D76192E4007DFB496CCA67E13B"),
            (
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "D174AB98D277D9F5A5611C2C9F419D9F"
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57EDF4A22BE3C955AC49DA2E2107B67A"
            ),
        ])
    func matchesRFC1321(_ text: String, _ digest: String) {
        #expect(MD5.uppercaseHex(Array(text.utf8)) == digest)
    }

    @Test func paddingBoundariesAroundOneBlockHashDistinctly() {
        // 55, 56 and 64 bytes are where the length field moves into a second block.
        let digests = [55, 56, 63, 64, 65].map { MD5.uppercaseHex([UInt8](repeating: 0x61, count: $0)) }
        #expect(Set(digests).count == 5)
        #expect(digests[1] == "3B0C8AC703F828B04C6C197006D17218")
    }
}
