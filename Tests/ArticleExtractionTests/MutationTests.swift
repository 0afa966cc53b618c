import ArticleExtraction
import Foundation
import Testing

/// Corrupted pages, generated deterministically from the seed fixture: an article or an ExtractionError, never a crash.
@Suite struct PageMutationTests {
    /// Async and yielding each round, so as not to hold a cooperative thread the network tests need.
    @Test func corruptedPagesNeverCrash() async throws {
        let seed = [UInt8](try ArticleExtractorTests.fixture("seed-page.html"))
        let fragments = ["<", "</div>", "<div>", "&", "<script>", "<!--", "\u{0}", "<p>", "</html>", "<table><tr><td>", "\u{C0}\u{80}"]
        var state: UInt64 = 99
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var answered = 0
        for round in 0..<120 {
            var bytes = seed
            for _ in 0..<(1 + Int(next() % 8)) {
                let position = Int(next() % UInt64(bytes.count))
                switch next() % 4 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.removeSubrange(position..<min(bytes.count, position + Int(next() % 2000)))
                case 2: bytes.insert(contentsOf: Array(fragments[Int(next() % UInt64(fragments.count))].utf8), at: position)
                default: bytes.insert(contentsOf: Array(String(repeating: "<div><span>", count: Int(next() % 600)).utf8), at: position)
                }
                if bytes.isEmpty { bytes = Array("<".utf8) }
            }
            await Task.yield()
            if let article = try? ArticleExtractor().extract(Data(bytes), url: "https://m.example/\(round)") {
                #expect(article.words >= 0)
                answered += 1
            }
        }
        #expect(answered > 100)
    }
}
