/// What the rules need to know about a word, as bits: one dictionary lookup per token instead of one per rule.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt32
    static let connector = WordFlags(rawValue: 1 << 0)
    static let notName = WordFlags(rawValue: 1 << 1)
    static let orgSuffix = WordFlags(rawValue: 1 << 2)
    static let institution = WordFlags(rawValue: 1 << 3)
    static let placeSuffix = WordFlags(rawValue: 1 << 4)
    static let placeFollower = WordFlags(rawValue: 1 << 5)
    static let speechVerb = WordFlags(rawValue: 1 << 6)
    static let givenName = WordFlags(rawValue: 1 << 7)
    static let month = WordFlags(rawValue: 1 << 8)
    static let trigger = WordFlags(rawValue: 1 << 9)
    /// The last word of some title ("minister", "envoy"): only then is a title looked for before a name.
    static let titleEnd = WordFlags(rawValue: 1 << 10)
    static let honorific = WordFlags(rawValue: 1 << 11)
    static let appositive = WordFlags(rawValue: 1 << 12)
    static let organisationNoun = WordFlags(rawValue: 1 << 13)
    static let affiliationRole = WordFlags(rawValue: 1 << 14)
    static let relevanceCue = WordFlags(rawValue: 1 << 15)
    static let compass = WordFlags(rawValue: 1 << 16)
    static let macroRegion = WordFlags(rawValue: 1 << 17)
    static let placePrefix = WordFlags(rawValue: 1 << 18)
    /// The first word of some title: only then is a title looked for at the start of a name.
    static let titleStart = WordFlags(rawValue: 1 << 19)
}

/// Every word the entity stage has knowledge of, numbered: gazetteer aliases and descriptors, titles and the
/// rule vocabularies of `EntityVocabulary`, relevance cues. Built once per extractor.
struct Lexicon: Sendable {
    private(set) var ids: [String: Int32] = [:]
    private(set) var flags: [WordFlags] = []
    private(set) var nationalities: [String?] = []
    /// Titles as word ids, longest first.
    private(set) var titles: [[Int32]] = []
    /// Indices into `titles` by the id of the title's last word, longest first: a title before a name is looked
    /// up by the word right before the name instead of trying every title.
    private(set) var titlesByLastWord: [Int32: [Int]] = [:]

    init() {
        for word in AliasIndex.connectorWords { mark(word, .connector) }
        for word in EntityVocabulary.notNames { mark(word, .notName) }
        for word in EntityVocabulary.orgSuffixes { mark(word, .orgSuffix) }
        for word in EntityVocabulary.institutionWords { mark(word, .institution) }
        for word in EntityVocabulary.placeSuffixes { mark(word, .placeSuffix) }
        for word in EntityVocabulary.placeFollowers { mark(word, .placeFollower) }
        for word in EntityVocabulary.speechVerbs { mark(word, .speechVerb) }
        for word in EntityVocabulary.givenNames { mark(word, .givenName) }
        for word in SummitDetector.monthNames { mark(word, .month) }
        for word in SummitDetector.triggers { mark(word, .trigger) }
        for word in EntityVocabulary.honorifics { mark(word, .honorific) }
        for word in EntityVocabulary.organisationNouns { mark(word, .organisationNoun) }
        for word in EntityVocabulary.affiliationRoles { mark(word, .affiliationRole) }
        for word in ["a", "an", "the", "former", "who", "whose", "senior", "deputy", "acting", "then"] { mark(word, .appositive) }
        for word in RelevanceScorer.cueWords { mark(word, .relevanceCue) }
        for word in EntityVocabulary.compassWords { mark(word, .compass) }
        for word in EntityVocabulary.macroRegions { mark(word, .macroRegion) }
        for word in EntityVocabulary.placePrefixes { mark(word, .placePrefix) }
        for (word, country) in EntityVocabulary.nationalities { nationalities[Int(id(for: word))] = country }
        titles = EntityVocabulary.titles.map { words in words.map { id(for: $0) } }
        for (index, title) in titles.enumerated() {
            flags[Int(title.last!)].insert(.titleEnd)
            flags[Int(title.first!)].insert(.titleStart)
            titlesByLastWord[title.last!, default: []].append(index)
        }
    }

    /// The id of a known word, adding it when new.
    mutating func id(for word: String) -> Int32 {
        if let known = ids[word] { return known }
        let new = Int32(flags.count)
        ids[word] = new
        flags.append([])
        nationalities.append(nil)
        return new
    }

    private mutating func mark(_ word: String, _ flag: WordFlags) {
        flags[Int(id(for: word))].insert(flag)
    }

    func lookup(_ word: String) -> Int32 { ids[word] ?? -1 }
    var count: Int { flags.count }

    func flags(of id: Int32) -> WordFlags { id >= 0 ? flags[Int(id)] : [] }
    func nationality(of id: Int32) -> String? { id >= 0 ? nationalities[Int(id)] : nil }
}
