import Foundation

/// A list of substrings to look for in class and id values, searched over bytes: Foundation's String.contains
/// bridges through NSString and was a third of extraction time.
struct WordPatterns: Sendable {
    private let patterns: [[UInt8]]

    init(_ words: [String]) { patterns = words.map { Array($0.utf8) } }

    /// Whether any pattern occurs in `text` (already lower-cased).
    func matches(_ text: [UInt8]) -> Bool {
        guard !text.isEmpty else { return false }
        return patterns.contains { ByteSearch.firstIndex(of: $0, in: text) != nil }
    }
}

enum ByteSearch {
    /// Where `needle` first occurs in `haystack`: a plain scan, as both are short here (class names, headers).
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}

extension BoilerplatePatterns {
    static let unlikelyMatcher = WordPatterns(unlikely)
    static let maybeCandidateMatcher = WordPatterns(maybeCandidate)
    static let positiveMatcher = WordPatterns(positive)
    static let negativeMatcher = WordPatterns(negative)
}
