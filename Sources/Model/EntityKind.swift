/// What an entity is. ISSUE is what is on the table (ceasefire, sanctions…), not a named thing.
/// The raw values are the words the config's watchlist, the store and every JSON output use.
public enum EntityType: String, Sendable, CaseIterable, Comparable, Codable {
    case person = "PERSON"
    case org = "ORG"
    case place = "PLACE"
    case issue = "ISSUE"
    public static func < (a: EntityType, b: EntityType) -> Bool { a.rawValue < b.rawValue }
}

/// Where an entity came from: the shipped gazetteer, the config's watchlist, or rules over the text.
public enum EntityOrigin: String, Sendable, CaseIterable, Codable {
    case gazetteer, watchlist, discovered
}
