import Dedup
import Foundation
import Model
import Store

/// A store with a year of realistic-looking coverage, written through the store's own write path (the same
/// transactions, indexes and FTS rows a fetch makes): articles spread over 365 days, each naming twelve entities
/// drawn with a Zipf-like skew from a pool (a few named very often, most rarely), three mentions each.
struct SyntheticStore {
    var articles: Int
    var days = 365
    var seed: UInt64 = 11

    /// The pool's head: real names, so queries can use them; the tail is generated.
    static let headline: [(EntityType, String)] = [
        (.person, "Vladimir Putin"), (.person, "Donald Trump"), (.person, "Volodymyr Zelenskyy"), (.person, "Steve Witkoff"),
        (.place, "Ukraine"), (.place, "Russia"), (.place, "Alaska"), (.org, "Kremlin"), (.org, "NATO"), (.issue, "ceasefire"),
        (.person, "Marco Rubio"), (.person, "Sergey Lavrov"), (.place, "Anchorage"), (.org, "European Union"), (.issue, "security guarantees"),
    ]

    func build(at path: String, progress: (Int) -> Void = { _ in }) throws {
        let store = try SummitStore(path: path)
        let feeds = try store.syncFeeds((0..<20).map { ("feed-\($0)", "https://feeds.example/\($0).xml") })
        var random = SplitMix(seed: seed)
        let pool = Self.pool(size: 2_000)
        let vocabulary =
            "summit talks leaders ceasefire territory guarantees sanctions envoy meeting delegation officials said the of and to in a on for with after before security peace plan deal border troops energy prices"
            .split(separator: " ").map(String.init)
        let start = Date().addingTimeInterval(-Double(days) * 86_400)
        for index in 0..<articles {
            let published = start.addingTimeInterval(Double(index) / Double(articles) * Double(days) * 86_400)
            var chosen: [Int: Int] = [:]
            while chosen.count < 12 { chosen[Self.zipf(&random, count: pool.count), default: 0] += 1 }
            let entities = chosen.keys.sorted().map { pool[$0] }
            var words = (0..<300).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
            for (slot, entity) in entities.enumerated() { words[slot * 24] = entity.1 }
            let text = words.joined(separator: " ") + ". Report \(index)."
            let title = "\(entities[0].1) and \(entities[1].1): \(vocabulary[index % vocabulary.count]) \(index)"
            let fingerprint = TextFingerprint(text: text)
            let writes = entities.map { entity in
                EntityWrite(
                    type: entity.0, name: entity.1, origin: .gazetteer,
                    mentions: (0..<3).map {
                        MentionWrite(offset: $0 * 200, surface: entity.1, sentence: "\(entity.1) was named in report \(index), sentence \($0).")
                    })
            }
            let feed = feeds[index % feeds.count]
            let write = ArticleWrite(
                url: "https://news.example/\(index)", identityKey: "https://news.example/\(index)", canonicalURL: nil,
                feedID: feed.id, title: title, byline: nil, siteName: nil, language: "en", published: published,
                modified: nil, fetched: published, text: text, textHash: fingerprint.exactHash, simhashes: fingerprint.simhashes,
                words: 302, etag: nil, lastModified: nil, relevant: index % 3 == 0, relevanceScore: 1, entities: writes, summits: [])
            _ = try store.store(write, as: .new(joiningStory: nil), feedName: feed.name)
            if index % 10_000 == 0 { progress(index) }
        }
    }

    static func pool(size: Int) -> [(EntityType, String)] {
        let types: [EntityType] = [.person, .org, .place, .issue]
        return headline + (headline.count..<size).map { index in (types[index % types.count], "Entity\(index) Name\(index % 97)") }
    }

    /// Index k with probability about 1/(k+1): a few entities in many articles, most in few.
    static func zipf(_ random: inout SplitMix, count: Int) -> Int {
        let u = Double(random.next() % 1_000_000) / 1_000_000
        return min(count - 1, Int(exp(u * log(Double(count + 1)))) - 1)
    }
}
