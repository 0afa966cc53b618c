import Dedup
import Foundation
import Model
import Store

/// The benchmarks' one synthetic store: coverage written through the store's own write path (the same
/// transactions, indexes, triggers and FTS rows a fetch makes), shaped like news.
///
/// - Text draws from a Zipf vocabulary of several thousand words (a word's frequency ∝ 1/rank): function words
///   in every article, topic words (talks, ceasefire, envoy, …) in some, most words rare, so a search term
///   matches a realistic share of the store rather than all of it.
/// - Entities draw from a pool of thousands with the same skew: a few leaders in a large share of the articles,
///   a long tail named once or twice. Each mention writes the name into the text, so searches find them too.
/// - Optional shares of articles join the previous story, gain a second source, report a summit, or are edited
///   an hour later (a second version).
struct SyntheticStore {
    struct Shape {
        var articles: Int
        var days: Int
        var words: Int
        var entitiesPerArticle: Int
        var feeds = 20
        /// One article in this many joins the previous article's story.
        var joinStoryEvery: Int?
        /// One article in this many is carried by a second feed too.
        var secondSourceEvery: Int?
        /// One article in this many reports a summit.
        var summitEvery: Int?
        /// One article in this many gets a second version an hour later.
        var editEvery: Int?
        /// The edited version names no entity (its rows deleted, the first version's mentions kept).
        var editDropsEntities = false
        /// Every change marked as written to the change log, as a running daemon leaves them.
        var markLogged = false
        var seed: UInt64 = 11
    }

    let shape: Shape
    /// The last article's time; the first is `days` earlier.
    var end = Date()

    /// A year of coverage for `query-latency`: 300-word articles naming ten entities, with stories, second
    /// sources, summits and edits at the rates ReportBench uses.
    static func year(articles: Int) -> SyntheticStore {
        SyntheticStore(
            shape: Shape(
                articles: articles, days: 365, words: 300, entitiesPerArticle: 10, joinStoryEvery: 5, secondSourceEvery: 7, summitEvery: 40,
                editEvery: 50))
    }

    /// The feed names: `feed0` … .
    var feedNames: [(name: String, url: String)] { (0..<shape.feeds).map { (name: "feed\($0)", url: "https://site\($0).example/rss") } }

    @discardableResult
    func build(at path: String, progress: (Int) -> Void = { _ in }) throws -> SummitStore {
        let store = try SummitStore(path: path)
        let feeds = try store.syncFeeds(feedNames)
        var random = SplitMix(seed: shape.seed)
        let span = Double(shape.days) * 86_400
        var previousStory: Int64?
        for index in 0..<shape.articles {
            let time = end.addingTimeInterval(-span + span * Double(index) / Double(max(shape.articles, 1)))
            let feed = feeds[Int(random.next() % UInt64(feeds.count))]
            let write = article(index, feed: feed.id, time: time, random: &random)
            let joining = shape.joinStoryEvery.flatMap { index % $0 == $0 - 1 ? previousStory : nil }
            let stored = try store.store(write, as: .new(joiningStory: joining), feedName: feed.name)
            if shape.markLogged { try store.markLogged(stored.lines) }
            previousStory = try joining ?? store.articleIdentity(id: stored.articleID)?.storyID
            if let every = shape.secondSourceEvery, index % every == 3 % every {
                let other = feeds[(Int(feed.id) + 1) % feeds.count]
                _ = try store.addSource(
                    articleID: stored.articleID, feedID: other.id, feedName: other.name, url: write.url + "?via=\(other.name)", time: time)
            }
            if let every = shape.editEvery, index % every == 10 % every { try edit(write, id: stored.articleID, in: store, feedName: feed.name) }
            if index % 10_000 == 0 { progress(index) }
        }
        return store
    }

    private func edit(_ write: ArticleWrite, id: Int64, in store: SummitStore, feedName: String) throws {
        var edited = write
        edited.text = write.text + " Updated with a correction."
        edited.title = (write.title ?? "") + " (updated)"
        edited.fetched = write.fetched.addingTimeInterval(3600)
        let fingerprint = TextFingerprint(text: edited.text)
        (edited.textHash, edited.simhashes) = (fingerprint.exactHash, fingerprint.simhashes)
        if shape.editDropsEntities { edited.entities = [] }
        let diff = WordDiff(old: write.text, new: edited.text)
        let stored = try store.store(
            edited, as: .newVersion(articleID: id, diff: diff.text, diffStats: DiffStats(added: diff.added, removed: diff.removed)), feedName: feedName)
        if shape.markLogged { try store.markLogged(stored.lines) }
    }

    private func article(_ index: Int, feed: Int64, time: Date, random: inout SplitMix) -> ArticleWrite {
        var words = (0..<shape.words).map { _ in Self.vocabulary[Self.wordRanks.draw(&random)] }
        var chosen: [Int] = []
        while chosen.count < min(shape.entitiesPerArticle, Self.entities.count) {
            let pick = Self.entityRanks.draw(&random)
            if !chosen.contains(pick) { chosen.append(pick) }
        }
        // Mentions at spread-out word positions: the name is in the text as the extractor would have found it.
        var slot = 0
        let entities = chosen.map { pick in
            let (type, name) = Self.entities[pick]
            let mentions = (0..<(1 + Int(random.next() % 3))).map { _ in
                let position = (slot * 7919) % max(words.count, 1)
                slot += 1
                if !words.isEmpty { words[position] = name }
                return MentionWrite(offset: position * 6, surface: name, sentence: "\(name) was named in report \(index).")
            }
            return EntityWrite(type: type, name: name, origin: .gazetteer, role: type == .person ? "minister" : nil, mentions: mentions)
        }
        let text = words.joined(separator: " ") + ". Report \(index)."
        let fingerprint = TextFingerprint(text: text)
        let leaders = entities.filter { $0.type == .person }.prefix(2).map(\.name)
        let summits =
            shape.summitEvery.map { index % $0 == 7 % $0 } == true && leaders.count == 2
            ? [SummitWrite(participants: leaders.sorted(), place: Self.places[index % Self.places.count], date: nil)] : []
        let url = "https://site\(feed).example/news/\(index)"
        return ArticleWrite(
            url: url, identityKey: url, canonicalURL: nil, feedID: feed,
            title: "\(entities.prefix(2).map(\.name).joined(separator: " and ")): \(words.prefix(6).joined(separator: " "))", byline: nil,
            siteName: "Site \(feed)",
            language: "en", published: time, modified: nil, fetched: time, text: text, textHash: fingerprint.exactHash,
            simhashes: fingerprint.simhashes, words: words.count + 2, etag: nil, lastModified: nil, relevant: index % 3 == 0,
            relevanceScore: Double(random.next() % 100) / 10, entities: entities, summits: summits)
    }

    // MARK: - Vocabulary and entities

    /// Words by rank: real words where a query or a reader cares about them, made-up ones elsewhere.
    static let vocabulary: [String] = {
        var words = (0..<5_000).map(madeUpWord)
        let placed: [(rank: Int, word: String)] = [
            (0, "the"), (1, "of"), (2, "and"), (3, "to"), (4, "in"), (5, "a"), (6, "said"), (7, "on"), (8, "for"), (9, "with"),
            (12, "officials"), (18, "talks"), (25, "leaders"), (40, "security"), (55, "summit"), (70, "peace"), (90, "sanctions"),
            (120, "meeting"), (150, "ceasefire"), (200, "territory"), (260, "guarantees"), (300, "envoy"), (420, "delegation"),
            (600, "envoys"), (800, "border"), (1_100, "prisoners"), (1_500, "grain"), (2_200, "corridor"),
        ]
        for (rank, word) in placed { words[rank] = word }
        return words
    }()

    /// A pronounceable non-word per rank (consonant-vowel syllables from the rank's digits): distinct, deterministic.
    private static func madeUpWord(_ rank: Int) -> String {
        let consonants = Array("bdfgklmnprstvz")
        let vowels = Array("aeiou")
        var word = ""
        var value = rank + 1
        repeat {
            word.append(consonants[value % consonants.count])
            value /= consonants.count
            word.append(vowels[value % vowels.count])
            value /= vowels.count
        } while value > 0
        return word + "x"
    }

    /// Frequency ∝ 1/rank over the vocabulary (Zipf's law for words).
    static let wordRanks = ZipfRanks(count: vocabulary.count, shift: 0)

    /// The pool's head: real names, so queries can use them; the tail is generated.
    static let headline: [(EntityType, String)] = [
        (.person, "Vladimir Putin"), (.person, "Donald Trump"), (.person, "Volodymyr Zelenskyy"), (.place, "Ukraine"), (.place, "Russia"),
        (.person, "Steve Witkoff"), (.org, "Kremlin"), (.org, "NATO"), (.issue, "ceasefire"), (.place, "Alaska"), (.person, "Marco Rubio"),
        (.person, "Sergey Lavrov"), (.org, "European Union"), (.issue, "security guarantees"), (.place, "Anchorage"),
    ]
    static let entities: [(EntityType, String)] = {
        let types: [EntityType] = [.person, .org, .place, .issue]
        return headline + (headline.count..<5_000).map { index in (types[index % types.count], "Entity\(index) Name\(index % 97)") }
    }()
    static let places = ["Alaska", "Geneva", "Istanbul", "Riyadh", "Anchorage"]

    /// Entities by rank with the head flattened (1/(rank + 3)): the most-covered name is in about a third of the
    /// articles of ten entities each, as Putin is across a summit-watching set of feeds; the tail is as long as words'.
    static let entityRanks = ZipfRanks(count: entities.count, shift: 3)
}

/// Draws ranks 0..<count with probability ∝ 1/(rank + 1 + shift), by binary search in the cumulative weights.
struct ZipfRanks: Sendable {
    let cumulative: [Double]

    init(count: Int, shift: Double) {
        var total = 0.0
        cumulative = (0..<count).map { rank in
            total += 1 / (Double(rank) + 1 + shift)
            return total
        }
    }

    func draw(_ random: inout SplitMix) -> Int {
        let target = Double(random.next() >> 11) / Double(1 << 53) * cumulative[cumulative.count - 1]
        var (low, high) = (0, cumulative.count - 1)
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
