import CLibXML2

/// The element names the reader acts on, recognised from libxml2's bytes: most elements of a feed are looked at
/// only to be passed over, and making a String of each name showed in the profile.
enum ElementName {
    case channel, item, entry
    case title, link, id, guid, author, contributor, creator, name, email, div
    case description, summary, abstract, encoded, content, body, fullitem, enclosure
    case pubDate, issued, lastBuildDate, updated, modified, date, published
    case ttl, updatePeriod, updateFrequency
    case other

    init(_ bytes: UnsafePointer<xmlChar>) {
        var length = 0
        while length <= Self.longest, bytes[length] != 0 { length += 1 }
        guard length <= Self.longest else {
            self = .other
            return
        }
        for (spelling, name) in Self.byLength[length] where Self.matches(bytes, spelling) {
            self = name
            return
        }
        self = .other
    }

    /// Names the feed-level rules read (children of the channel or Atom feed).
    var isFeedField: Bool {
        switch self {
        case .title, .link, .id, .pubDate, .issued, .lastBuildDate, .updated, .modified, .date, .published,
            .ttl, .updatePeriod, .updateFrequency:
            return true
        default: return false
        }
    }

    /// Names the item rules read (children of an item or entry).
    var isItemField: Bool {
        switch self {
        case .title, .link, .guid, .id, .author, .contributor, .creator, .description, .summary, .abstract, .encoded,
            .content, .body, .fullitem, .pubDate, .issued, .published, .updated, .modified, .date, .enclosure:
            return true
        default: return false
        }
    }

    private static let spellings: [(StaticString, ElementName)] = [
        ("channel", .channel), ("item", .item), ("entry", .entry), ("title", .title), ("link", .link), ("id", .id),
        ("guid", .guid), ("author", .author), ("contributor", .contributor), ("creator", .creator), ("name", .name),
        ("email", .email), ("div", .div), ("description", .description), ("summary", .summary), ("abstract", .abstract),
        ("encoded", .encoded), ("content", .content), ("body", .body), ("fullitem", .fullitem), ("enclosure", .enclosure),
        ("pubDate", .pubDate), ("issued", .issued), ("lastBuildDate", .lastBuildDate), ("updated", .updated),
        ("modified", .modified), ("date", .date), ("published", .published),
        ("ttl", .ttl), ("updatePeriod", .updatePeriod), ("updateFrequency", .updateFrequency),
    ]
    private static let longest = spellings.map(\.0.utf8CodeUnitCount).max()!
    private static let byLength: [[(StaticString, ElementName)]] = (0...longest).map { length in
        spellings.filter { $0.0.utf8CodeUnitCount == length }
    }

    private static func matches(_ bytes: UnsafePointer<xmlChar>, _ spelling: StaticString) -> Bool {
        let expected = spelling.utf8Start
        for index in 0..<spelling.utf8CodeUnitCount where bytes[index] != expected[index] { return false }
        return true
    }
}
