import Testing

@testable import dbadvisor

@Suite("Sizes on the command line")
struct ByteSizeTests {
    @Test(arguments: [
        ("500MB", Int64(500) << 20), ("2GB", Int64(2) << 30), ("750 kB", Int64(750) << 10), ("1.5g", Int64(3) << 29),
        ("1048576", 1_048_576), ("0", 0),
    ])
    func parsesSizesInPowersOf1024(text: String, bytes: Int64) {
        #expect(ByteSize(argument: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "MB", "-5MB", "5 PB", "five"])
    func rejectsWhatIsNotASize(text: String) {
        #expect(ByteSize(argument: text) == nil)
    }

    @Test(arguments: [
        (Int64(500) << 20, "500MB"), (Int64(2) << 30, "2GB"), (Int64(3) << 29, "1536MB"), (1_000, "1000 bytes"),
        (0, "0 bytes"),
    ])
    func helpShowsTheDefaultInTheLargestWholeUnit(bytes: Int64, text: String) {
        #expect(ByteSize(bytes: bytes).defaultValueDescription == text)
    }
}
