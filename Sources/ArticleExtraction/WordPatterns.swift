import Foundation

/// A list of substrings to look for in class and id values, searched over bytes: Foundation's String.contains
/// bridges through NSString and was a third of extraction time.
struct WordPatterns: Sendable {
    /// Patterns by their first byte: each position of the text is tried only against those that can start there.
    private let byFirstByte: [[[UInt8]]]

    init(_ words: [String]) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for word in words where !word.isEmpty {
            let bytes = Array(word.utf8)
            buckets[Int(bytes[0])].append(bytes)
        }
        byFirstByte = buckets
    }

    /// Whether any pattern occurs in `text` (already lower-cased).
    func matches(_ text: [UInt8]) -> Bool {
        let count = text.count
        for start in 0..<count {
            for pattern in byFirstByte[Int(text[start])] where start + pattern.count <= count {
                var offset = 1
                while offset < pattern.count && text[start + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return true }
            }
        }
        return false
    }
}

extension BoilerplatePatterns {
    static let unlikelyMatcher = WordPatterns(unlikely)
    static let maybeCandidateMatcher = WordPatterns(maybeCandidate)
    static let positiveMatcher = WordPatterns(positive)
    static let negativeMatcher = WordPatterns(negative)
}
