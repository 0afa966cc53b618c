import Foundation

/// Fingerprints of an article's text: an exact hash of its words (so whitespace, punctuation and case changes
/// do not count as edits), and four independent 64-bit SimHashes for near-duplicates.
///
/// One 64-bit SimHash compared at Hamming distance ≤ 3 finds only about two thirds of lightly retouched copies of
/// a 400-word story (a dateline, a changed word: measured over 50 hash seeds), because many of its bits sit near
/// zero. Four independent ones, any of them within 3 bits, find 95% with no false match among 1 000 pairs of
/// different stories on the same topic (Deploy/bench/simhash-recall.md has the measurement).
public struct TextFingerprint: Sendable, Equatable {
    /// Four (`seededHashes` computes the hashes of seeds 1–3 beside the feature key, seed 0).
    public static let simhashCount = 4
    public let exactHash: String
    public let simhashes: [UInt64]

    public init(text: String) {
        let tokens = WordTokens(text)
        exactHash = ContentHash.hex(tokens.joined)
        // Features are compared as Strings compare (canonically: "é" is "e" + U+0301), so a text with combining
        // marks is composed first; the exact hash keeps the bytes as written.
        simhashes = Self.simhashes(tokens.hasCombiningMarks ? WordTokens(text.precomposedStringWithCanonicalMapping) : tokens)
    }

    /// Lower-cased runs of letters and digits: the words the fingerprints are made of.
    public static func words(_ text: String) -> [String] {
        let tokens = WordTokens(text)
        return tokens.words.map { String(decoding: tokens.joined[$0.start..<$0.end], as: UTF8.self) }
    }

    public static func hammingDistance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// True when any of the paired fingerprints are within `maxDistance` bits.
    public static func isNear(_ a: [UInt64], _ b: [UInt64], maxDistance: Int = 3) -> Bool {
        zip(a, b).contains { hammingDistance($0, $1) <= maxDistance }
    }

    /// The four SimHashes in one pass over the features: content words (no stopwords, three letters or more) and
    /// adjacent word pairs, each weighted by its count. A feature is a byte range of the joined words (a pair is
    /// "w1 w2", contiguous there), so none is copied; each is hashed with FNV-1a from a per-seed offset.
    static func simhashes(_ tokens: WordTokens) -> [UInt64] {
        var counts = FeatureCounts(expected: tokens.words.count * 2)
        for (index, word) in tokens.words.enumerated() {
            if word.letters >= 3 {
                let key = hash(tokens.joined, word.start..<word.end, seed: 0)
                if !Stopwords.hashes.contains(key) { counts.add(key, word.start..<word.end) }
            }
            if index > 0 {
                let pair = tokens.words[index - 1].start..<word.end
                counts.add(hash(tokens.joined, pair, seed: 0), pair)
            }
        }
        guard counts.total > 0 else { return [UInt64](repeating: 0, count: simhashCount) }
        // Bit b of a SimHash is set when the features with that bit set outweigh those without: 2·S_b > C, where S_b
        // sums the counts of features with bit b set and C all counts. S_b is kept in bit-sliced counters (plane k
        // holds bit k of all 64 sums at once), so adding a feature costs a carry chain of a few word operations
        // instead of 64 separate additions.
        var planes = [UInt64](repeating: 0, count: simhashCount * BitSlicedSums.planes)
        let total = counts.total
        planes.withUnsafeMutableBufferPointer { planes in
            tokens.joined.withUnsafeBufferPointer { bytes in
                counts.eachFeature { key, range, count in
                    let (second, third, fourth) = seededHashes(bytes, range)
                    BitSlicedSums.add(key, times: count, to: planes, from: 0)
                    BitSlicedSums.add(second, times: count, to: planes, from: BitSlicedSums.planes)
                    BitSlicedSums.add(third, times: count, to: planes, from: 2 * BitSlicedSums.planes)
                    BitSlicedSums.add(fourth, times: count, to: planes, from: 3 * BitSlicedSums.planes)
                }
            }
        }
        return (0..<simhashCount).map { seed in
            var fingerprint: UInt64 = 0
            for bit in 0..<64 where 2 * BitSlicedSums.sum(bit: bit, planes, from: seed * BitSlicedSums.planes) > total {
                fingerprint |= 1 << UInt64(bit)
            }
            return fingerprint
        }
    }

    /// The hashes of seeds 1, 2 and 3 in one pass over the bytes (three independent chains the CPU runs side by side);
    /// equal to `hash(bytes, range, seed: 1...3)`.
    static func seededHashes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64, UInt64) {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var first = offset(seed: 1)
        var second = offset(seed: 2)
        var third = offset(seed: 3)
        for index in range {
            let byte = UInt64(bytes[index])
            first = (first ^ byte) &* prime
            second = (second ^ byte) &* prime
            third = (third ^ byte) &* prime
        }
        return (first, second, third)
    }

    static func offset(seed: UInt64) -> UInt64 { 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15) }

    static func hash(_ bytes: [UInt8], _ range: Range<Int>, seed: UInt64) -> UInt64 {
        var hash = FNV1a64(offset: offset(seed: seed))
        for index in range { hash.add(bytes[index]) }
        return hash.value
    }

    /// How much of two texts is the same wording: Jaccard similarity of their four-word shingles, over the
    /// shingles whose hash falls in one eighth of the space (a fixed sample, so both texts are sampled alike).
    /// SimHash alone calls texts near when they share vocabulary; copies of one story share word order too.
    public static func resemblance(_ a: String, _ b: String) -> Double {
        let first = shingleSample(WordTokens(a))
        let second = shingleSample(WordTokens(b))
        guard !first.isEmpty || !second.isEmpty else { return 1 }
        return Double(first.intersection(second).count) / Double(first.union(second).count)
    }

    static func shingleSample(_ tokens: WordTokens) -> Set<UInt64> {
        let words = tokens.words
        // Short texts keep every shingle: a sample of a few would be noise.
        let mask: UInt64 = words.count < 200 ? 0 : 7
        guard words.count >= 4 else { return words.isEmpty ? [] : [hash(tokens.joined, words[0].start..<words[words.count - 1].end, seed: 0)] }
        var sample: Set<UInt64> = []
        for index in 3..<words.count {
            let value = hash(tokens.joined, words[index - 3].start..<words[index].end, seed: 0)
            if value & mask == 0 { sample.insert(value) }
        }
        return sample
    }
}

/// Feature counts under their 64-bit hash (open addressing, linear probing; the hash is already uniform, where a
/// Dictionary would hash it again with SipHash). The first byte range seen under a key stands for it.
struct FeatureCounts {
    private var keys: [UInt64]
    private var ranges: [Range<Int>]
    private var counts: [Int]
    private let mask: Int
    private(set) var total = 0

    init(expected: Int) {
        var capacity = 16
        // `expected` bounds the distinct features (every word and pair distinct), so the table is at most 2/3 full;
        // a sparser one only costs zeroing and cache misses (the bound is far above real texts' count).
        while capacity < expected + expected / 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        ranges = [Range<Int>](repeating: 0..<0, count: capacity)
        counts = [Int](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    mutating func add(_ key: UInt64, _ range: Range<Int>) {
        total += 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while counts[slot] > 0 {
            if keys[slot] == key {
                counts[slot] += 1
                return
            }
            slot = (slot + 1) & mask
        }
        (keys[slot], ranges[slot], counts[slot]) = (key, range, 1)
    }

    func eachFeature(_ body: (UInt64, Range<Int>, Int) -> Void) {
        for slot in counts.indices where counts[slot] > 0 { body(keys[slot], ranges[slot], counts[slot]) }
    }
}

/// 64 sums kept as bit planes: plane k holds bit k of every sum.
enum BitSlicedSums {
    /// Enough planes for sums below 2^40: more feature occurrences than any page the fetch cap lets through.
    static let planes = 40

    /// Adds `times` to the sums of the bits set in `value` (binary: `value` added at plane k for each bit k of `times`).
    static func add(_ value: UInt64, times: Int, to planes: UnsafeMutableBufferPointer<UInt64>, from base: Int) {
        var remaining = times
        var plane = base
        while remaining > 0 {
            if remaining & 1 == 1 {
                var carry = value
                var index = plane
                while carry != 0 {
                    let current = planes[index]
                    planes[index] = current ^ carry
                    carry &= current
                    index += 1
                }
            }
            remaining >>= 1
            plane += 1
        }
    }

    static func sum(bit: Int, _ planes: [UInt64], from base: Int) -> Int {
        var sum = 0
        for plane in 0..<Self.planes where (planes[base + plane] >> UInt64(bit)) & 1 == 1 { sum |= 1 << plane }
        return sum
    }
}

/// A text's words, lower-cased, as UTF-8 bytes joined by single spaces (what the exact hash reads), with the byte
/// range and letter count of each. Letters and digits make words; a combining mark stays with its letter.
struct WordTokens {
    var joined: [UInt8] = []
    var words: [(start: Int, end: Int, letters: Int)] = []
    var hasCombiningMarks = false

    init(_ text: String) {
        joined.reserveCapacity(text.utf8.count)
        var start: Int?
        var letters = 0
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            let isWordCharacter =
                scalar.isASCII
                ? (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
                : properties.isAlphabetic || properties.numericType != nil
            let isMark =
                !scalar.isASCII && start != nil
                && [.nonspacingMark, .spacingMark, .enclosingMark].contains(properties.generalCategory)
            if isWordCharacter || isMark {
                if start == nil {
                    if !joined.isEmpty { joined.append(0x20) }
                    start = joined.count
                }
                if isMark { hasCombiningMarks = true } else { letters += 1 }
                if scalar.isASCII { joined.append(UInt8(scalar.value)) } else { joined.append(contentsOf: UTF8.encode(scalar)!) }
            } else if let wordStart = start {
                words.append((wordStart, joined.count, letters))
                start = nil
                letters = 0
            }
        }
        if let wordStart = start { words.append((wordStart, joined.count, letters)) }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

/// English function words, left out of SimHash word features. Source: the SMART stopword list, abridged.
enum Stopwords {
    /// Looked up by the FNV-1a hash of their bytes, so a word is checked without making a String of it.
    static let hashes: Set<UInt64> = Set(english.map { word in TextFingerprint.hash(Array(word.utf8), 0..<word.utf8.count, seed: 0) })

    static let english: Set<String> = [
        "the", "and", "for", "with", "from", "that", "this", "its", "his", "her", "their", "our", "but", "not", "was", "were",
        "are", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should", "said", "says",
        "about", "into", "over", "after", "before", "between", "during", "also", "than", "then", "there", "which", "who", "whom",
        "what", "when", "where", "while", "they", "them", "she", "you", "all", "any", "some", "more", "most", "other", "such",
        "only", "own", "same", "too", "very", "just", "out", "off", "again", "once", "here", "how", "why", "both", "each",
    ]
}
