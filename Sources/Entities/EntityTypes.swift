import Model

/// One occurrence of an entity in the text: character offset, the words as written, and their sentence (on a
/// sentence longer than 400 characters, a window of it of about that size around the mention).
public struct EntityMention: Sendable, Equatable {
    public var offset: Int
    public var surface: String
    public var sentence: String
    public init(offset: Int, surface: String, sentence: String) {
        self.offset = offset
        self.surface = surface
        self.sentence = sentence
    }
}

/// An entity found in one article, with all its mentions.
public struct FoundEntity: Sendable, Equatable {
    public var type: EntityType
    public var name: String
    public var origin: EntityOrigin
    public var role: String?
    public var country: String?
    public var mentions: [EntityMention]
}

/// A meeting between named leaders, as one article describes it.
public struct DetectedSummit: Sendable, Equatable {
    public var participants: [String]
    public var place: String?
    /// `YYYY-MM-DD` when the article gives a day, else nil.
    public var date: String?
    public var sentence: String
    /// Who hosted or mediated ("hosted by Saudi Arabia", "mediated by Oman"), when the article says so.
    public var hosts: [String] = []
}

/// Everything the entity stage says about one article.
public struct EntityReport: Sendable, Equatable {
    public var relevant: Bool
    public var score: Double
    public var entities: [FoundEntity]
    public var summits: [DetectedSummit]
    /// Why the article is (or is not) relevant: the summits it found, the share of cue sentences, the top cues.
    public var reasons: [String] = []
}

/// What identifies an entity inside one article's analysis: its type and canonical name.
struct EntityKey: Hashable, Sendable {
    var type: EntityType
    var name: String
}
