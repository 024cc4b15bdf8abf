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

    /// Durations, sizes and costs past 64 bits (garbage in a log) are written, not a crash.
    @Test func figuresBeyondSixtyFourBitsAreWritten() {
        #expect(Figures.duration(ms: 1e43) == String(format: "%.1f", 1e43 / 3_600_000) + " h")
        #expect(Figures.duration(ms: 3.6e25) == "10000000000000000000.0 h")
        #expect(Figures.cost(-1e30) == Figures.count(-1e30))
        #expect(Figures.bytes(.max).hasSuffix(" TB"))
    }

    /// `decimal` writes what C's `%.*f` (`String(format:)`) writes, to the last digit: ties of the
    /// binary value round to even, negative zeros keep their sign. (0x1p-1063 is a subnormal,
    /// 1.012e-320: in decimal the compiler warned that it loses precision.)
    @Test func decimalsAreWhatPrintfWrites() {
        var values: [Double] = [
            0, -0.0, 0.005, 0.015, 0.125, 0.375, 2.5, 3.5, 3.14159, -1.005, -0.001, 1234.5678, 1e-7, 5e15, 1e20,
            9.999_999_5, 0.000_5, 0x1p-1063, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
            123_456_789.987_654_321,
        ]
        var state: UInt64 = 7
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let exponent = Double(Int(state >> 58)) - 20
            values.append(Double(bitPattern: state >> 12 | 0x3FF0_0000_0000_0000) * pow(2, exponent) * 0.9)
            values.append(Double(Int(state >> 40) % 100_000) / 1000 + 0.0005)
        }
        for value in values {
            for places in 0...6 {
                #expect(
                    Figures.decimal(value, places: places) == String(format: "%.\(places)f", value),
                    "\(value) \(places)")
            }
        }
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
