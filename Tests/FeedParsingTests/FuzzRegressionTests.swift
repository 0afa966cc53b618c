import FeedParsing
import Foundation
import Model
import Testing

/// Inputs the libFuzzer targets in Fuzz/ crashed on, kept so the fixes stay fixed.
@Suite struct FuzzRegressionTests {
    /// fuzz-date, crash-64cb9eb4…: a 17-digit year overflowed the day count (arithmetic overflow trap).
    @Test(arguments: [
        ",1 Aug 50666666666666966", "Fri, 15 Aug 2025 9999999999999999:00:00 GMT", "15 Aug 2025 10:9999999999999999999",
        "2025-08-15T10:00:00+99:99", "Fri, 15 Aug -9223372036854775807 10:00:00 GMT",
    ])
    func absurdDateComponentsAreNoDateNotATrap(text: String) {
        _ = FeedDateParser.parse(text)
    }

    @Test func ordinaryAndFarFutureDatesStillRead() {
        #expect(FeedDateParser.parse("Fri, 15 Aug 2025 10:00:00 -0130").map(ISOTime.format) == "2025-08-15T11:30:00Z")
        #expect(FeedDateParser.parse("1 Jan 10000 00:00:00 GMT").map(ISOTime.format) == "10000-01-01T00:00:00Z")
        #expect(FeedDateParser.parse(",1 Aug 50666666666666966") == nil)
    }
}
