/// Fingerprints of an article's text: an exact hash of its words (so whitespace, punctuation and case changes
/// do not count as edits) and a 64-bit SimHash over 3-word shingles for near-duplicates.
public struct TextFingerprint: Sendable, Equatable {
    public let exactHash: String
    public let simhash: UInt64

    public init(text: String) {
        let words = Self.words(text)
        exactHash = Self.hexHash(words.joined(separator: " "))
        simhash = Self.simhash(words)
    }

    /// Lower-cased runs of letters and digits: the words the fingerprints are made of.
    public static func words(_ text: String) -> [String] {
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

    public static func hammingDistance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    static func simhash(_ words: [String]) -> UInt64 {
        guard !words.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        let width = min(3, words.count)
        for start in 0...(words.count - width) {
            var hash = FNV1a64()
            for word in words[start..<(start + width)] {
                hash.add(word)
                hash.add(" ")
            }
            let value = hash.value
            for bit in 0..<64 { weights[bit] += (value >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var fingerprint: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { fingerprint |= 1 << UInt64(bit) }
        return fingerprint
    }

    /// 128 bits from two FNV-1a passes with different offsets: ample for telling texts apart, and dependency-free.
    static func hexHash(_ text: String) -> String {
        var first = FNV1a64()
        var second = FNV1a64(offset: 0x6c62_272e_07bb_0142)
        first.add(text)
        second.add(text)
        return String(first.value, radix: 16).leftPadded(16) + String(second.value, radix: 16).leftPadded(16)
    }
}

struct FNV1a64 {
    private(set) var value: UInt64
    init(offset: UInt64 = 0xcbf2_9ce4_8422_2325) { value = offset }
    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
