import AdvisorCore
import Foundation
import Testing

/// Numbers read the same in reports, findings, reasons and migration headers.
@Suite("Figures")
struct FiguresTests {
    @Test func countsAreGroupedWithoutALocale() {
        #expect(Figures.count(3412) == "3,412")
        #expect(Figures.count(-1_200_051) == "-1,200,051")
        #expect(Figures.count(0.4) == "0")
        #expect(Figures.count(-0.4) == "0")
        #expect(Figures.count(-0.6) == "-1")
        #expect(Figures.count(999.5) == "1,000")
        #expect(Figures.count(123_456_789_012_345_678) == "123,456,789,012,345,680")
        #expect(Figures.count(.infinity) == "?")
    }

    /// A count past 64 bits (garbage in a log) is written, not a crash.
    @Test func countsBeyondSixtyFourBitsAreWrittenUngrouped() {
        #expect(Figures.count(1e300) == String(format: "%.0f", 1e300))
        #expect(Figures.count(-3e19) == "-30000000000000000000")
    }

    /// `printf` formats as `String(format:)` does (C's printf, C locale).
    @Test func printfFormatsAsStringFormat() {
        for value in [0.0, 0.005, 0.015, 0.125, 2.5, 3.14159, -1.005, 1234.5678, 1e-7, 5e15, .infinity, .nan] {
            for format in ["%.0f", "%.1f", "%.2f ms", "%.3f"] {
                #expect(Figures.printf(format, value) == String(format: format, value), "\(format) \(value)")
            }
        }
        #expect(Figures.printf("%04d-%02d-%02dZ", Int32(2026), Int32(3), Int32(7)) == "2026-03-07Z")
        #expect(Figures.printf("%.*f", Int32(2), 0.125) == "0.12")
        #expect(Figures.printf("%.0f", 1e300) == String(format: "%.0f", 1e300))
    }

    @Test func rowsAreCompact() {
        #expect(Figures.rows(83) == "83")
        #expect(Figures.rows(2000) == "2,000")
        #expect(Figures.rows(400_017) == "400k")
        #expect(Figures.rows(1_200_000) == "1.2M")
        #expect(Figures.rows(2_000_000) == "2M")
    }

    @Test func sizesUsePowersOf1024LikePgSizePretty() {
        #expect(Figures.bytes(812) == "812 bytes")
        #expect(Figures.bytes(1_000_000) == "976.6 kB")
        #expect(Figures.bytes(12_897_485) == "12.3 MB")
        #expect(Figures.bytes(500 << 20) == "500.0 MB")
    }

    @Test func durationsUseTheLargestSensibleUnit() {
        #expect(Figures.duration(ms: 850) == "850 ms")
        #expect(Figures.duration(ms: 4_200) == "4.2 s")
        #expect(Figures.duration(ms: 2_340_000) == "39 min")
        #expect(Figures.duration(ms: 19_800_000) == "5.5 h")
    }

    @Test func sharesKeepOneDecimalBelowTenPercent() {
        #expect(Figures.percent(0.38) == "38%")
        #expect(Figures.percent(0.051) == "5.1%")
        #expect(Figures.percent(0.08) == "8%")
        #expect(Figures.percent(0.002) == "0.2%")
        #expect(Figures.percent(0.0001) == "<0.1%")
        #expect(Figures.percent(0) == "0%")
    }

    @Test func gainsNeverOverstateAndNameTheirBasis() {
        let gain = Gain(costBefore: 10_000, costAfter: 8, timeSavedMs: 2_340_000, basis: .hypothetical)
        #expect(
            Figures.gain(gain, unit: " per call")
                == "est. cost 10,000 -> 8.00 per call (-99%, HypoPG), ~39 min saved over the window")
        let model = Gain(costBefore: 100, costAfter: 120, basis: .statisticsModel)
        #expect(Figures.gain(model, unit: "") == "est. cost 100 -> 120 (+20%, statistics model)")
    }
}
