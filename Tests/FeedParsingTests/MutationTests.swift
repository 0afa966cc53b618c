import FeedParsing
import Foundation
import Model
import Testing

/// Corrupted feeds, generated deterministically: every one must give a feed or a FeedParseError, never a crash
/// or a hang. (A crash fails the whole test run, which is the point.)
@Suite struct FeedMutationTests {
    static let seeds = [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T &amp; more</title><item><title>A</title><link>/a</link><guid>1</guid><pubDate>Fri, 15 Aug 2025 10:00:00 GMT</pubDate><description><![CDATA[<p>x</p>]]></description></item></channel></rss>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/\"><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">A <b>b</b></div></title><entry><id>x</id><link href=\"e\"/><updated>2025-08-15T10:00:00Z</updated><content type=\"html\">&lt;p&gt;c&lt;/p&gt;</content><author><name>N</name></author></entry></feed>",
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": [{\"id\": \"1\", \"url\": \"/a\", \"content_html\": \"<p>x</p>\"}]}",
    ]
    static let fragments = [
        "<", ">", "&", "&eacute;", "&#x110000;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"&a;\">]>", "\u{0}", "\u{FEFF}", "<item>", "</channel>",
        "xmlns:x=\"", "\"", "\u{FFFD}", "<div>",
    ]

    /// Async and yielding each round: a long synchronous test would hold one of the few cooperative threads
    /// that the network tests running beside it need.
    @Test func corruptedFeedsNeverCrash() async {
        var random = SplitMix64(seed: 2025)
        var parsed = 0
        var rejected = 0
        for round in 0..<800 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0..<(1 + Int(random.next() % 6)) {
                guard !bytes.isEmpty else { break }
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.removeSubrange(position...)
                case 2: bytes.insert(contentsOf: Array(Self.fragments[Int(random.next() % UInt64(Self.fragments.count))].utf8), at: position)
                default: bytes.insert(contentsOf: Array(String(repeating: "<x>", count: Int(random.next() % 400)).utf8), at: position)
                }
            }
            await Task.yield()
            do {
                _ = try FeedParser().parse(Data(bytes), source: "mutation \(round)", baseURL: "http://m.example/feed")
                parsed += 1
            } catch {
                #expect(!error.description.isEmpty)
                rejected += 1
            }
        }
        #expect(parsed + rejected == 800)
        #expect(parsed > 0 && rejected > 0)
    }
}

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct UTF8ValidationTests {
    /// The byte-level validator must agree with the standard library's decoder, edge cases and random bytes alike.
    @Test func agreesWithTheStandardLibrary() {
        let edges: [[UInt8]] = [
            [], Array("plain ascii, longer than eight bytes".utf8), Array("Zelenskyy – Зеленський 🇺🇦".utf8),
            [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xE2, 0x82], [0x80], [0xFF], Array("abcdefgh".utf8) + [0xE2, 0x82, 0xAC],
        ]
        for bytes in edges {
            #expect(UTF8Validation.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in
                UInt8.random(in: 0...3, using: &random) == 0 ? UInt8.random(in: 0x80...0xFF, using: &random) : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            #expect(UTF8Validation.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}

@Suite struct ByteSearchTests {
    /// The memchr-on-a-pivot search must find what a plain scan finds, in slices and from offsets.
    @Test func agreesWithAPlainScan() {
        func plain(_ needle: [UInt8], _ haystack: ArraySlice<UInt8>, from: Int) -> Int? {
            guard from + needle.count <= haystack.endIndex else { return nil }
            return (from...(haystack.endIndex - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        let needles = ["<!ENTITY", "charset=", "<", "ab"].map { Array($0.utf8) }
        let alphabet = Array("<!ENTITYcharset=ab ".utf8)
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            let lower = Int.random(in: 0...bytes.count, using: &random)
            let slice = bytes[lower...]
            let from = Int.random(in: lower...bytes.count, using: &random)
            for needle in needles {
                #expect(ByteSearch.firstIndex(of: needle, in: slice, from: from) == plain(needle, slice, from: from), "\(bytes) \(lower) \(from)")
            }
        }
    }
}
