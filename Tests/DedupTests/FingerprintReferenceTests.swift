import Foundation
import Testing

@testable import Dedup

/// The one-pass fingerprints against the straightforward definition they replaced (words as Strings, features
/// as a dictionary of Strings, one FNV pass per feature and seed): stored fingerprints must not change.
@Suite struct FingerprintReferenceTests {
    static func referenceWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func referenceSimhash(_ words: [String], seed: UInt64) -> UInt64 {
        var counts: [String: Int] = [:]
        for word in words where word.count >= 3 && !Stopwords.english.contains(word) { counts[word, default: 0] += 1 }
        if words.count >= 2 { for index in 0..<(words.count - 1) { counts[words[index] + " " + words[index + 1], default: 0] += 1 } }
        guard !counts.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        for (feature, count) in counts {
            var hash = FNV1a64(offset: 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15))
            hash.add(feature)
            for bit in 0..<64 { weights[bit] += (hash.value >> UInt64(bit)) & 1 == 1 ? count : -count }
        }
        var fingerprint: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { fingerprint |= 1 << UInt64(bit) }
        return fingerprint
    }

    static let texts = [
        "Putin and Trump met in Alaska on Friday; the talks — \u{201C}useful\u{201D}, both said — ended without a deal.",
        "Zelenskyy said: «Україна не віддасть землю». Премʼєр-міністр погодився. 2025-08-15, 10:42 GMT.",
        "Café crème, naïve résumé; Łódź, İstanbul, Ærø. 東京で会談が行われた。",
        "", "a", "the and for", "x1 y2 z3 4567 ab",
        String(repeating: "The envoy met the president in Moscow for three hours of talks on a ceasefire. ", count: 40),
    ]

    @Test(arguments: texts.indices)
    func matchesTheReferenceDefinition(index: Int) {
        let text = Self.texts[index]
        let words = Self.referenceWords(text)
        let fingerprint = TextFingerprint(text: text)
        #expect(TextFingerprint.words(text) == words)
        #expect(fingerprint.exactHash == ContentHash.hex(words.joined(separator: " ").utf8))
        #expect(fingerprint.simhashes == (0..<4).map { Self.referenceSimhash(words, seed: UInt64($0)) })
    }

    /// Decomposed letters (e + U+0301) are the same words as precomposed ones (é), as Swift's String equality has it.
    @Test func canonicallyEqualSpellingsFingerprintAlike() {
        let composed = TextFingerprint(text: "Les élections à Genève: été comme hiver, les délégations négocient.")
        let decomposed = TextFingerprint(
            text: "Les e\u{301}lections a\u{300} Gene\u{300}ve: e\u{301}te\u{301} comme hiver, les de\u{301}le\u{301}gations ne\u{301}gocient.")
        #expect(composed.simhashes == decomposed.simhashes)
    }

    @Test func resemblanceTellsACopyFromTheSameVocabulary() {
        let vocabulary = "summit talks leaders ceasefire territory guarantees sanctions envoy meeting delegation officials said".split(separator: " ")
        var state: UInt64 = 7
        func text() -> String {
            (0..<800).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1
                return String(vocabulary[Int(state >> 33) % vocabulary.count])
            }.joined(separator: " ")
        }
        let first = text()
        let second = text()
        // Same words, other order: SimHash calls them near, the shingles do not.
        #expect(TextFingerprint.isNear(TextFingerprint(text: first).simhashes, TextFingerprint(text: second).simhashes, maxDistance: 3))
        #expect(TextFingerprint.resemblance(first, second) < 0.1)
        var words = first.split(separator: " ").map(String.init)
        words[400] = "minister"  // a dateline, one changed word and a credit: a wire copy as a second site runs it
        let retouched = "WASHINGTON (Reuters) - " + words.joined(separator: " ") + " Reporting by A. Writer."
        #expect(TextFingerprint.resemblance(first, retouched) > 0.5)
    }
}
