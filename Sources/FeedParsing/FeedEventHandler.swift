import CLibXML2
import Model

/// Turns libxml2's SAX2 events for one document into a `ParsedFeed`. It keeps track of where the parser is (root,
/// channel, item, field) and captures only the fields `FeedFieldRules` reads, so no tree is ever built.
/// It is pooled with its parser context and reused: `begin` resets everything but the namespace cache.
///
/// Its state is marked `@exclusivity(unchecked)`: the handler belongs to one parse on one thread, libxml2 calls
/// back one event at a time and never re-enters, so no two accesses can overlap, and the runtime checks on every
/// field of every event were 4 % of parsing time.
final class FeedEventHandler {
    private enum RootKind { case rss, rdf, atom, channel, other }

    private(set) var baseURL: String?
    /// The parse this handler belongs to. libxml2 also runs the callbacks for the nested parse it makes to check a
    /// declared entity's content; those come with another context and are ignored, as the tree builder keeps them
    /// out of the document.
    var context: xmlParserCtxtPtr?
    /// The DOCTYPE's public identifier, which tells Netscape's RSS 0.91 from Userland's.
    var doctypePublicID: String?

    @exclusivity(unchecked) private(set) var rootName = ""
    @exclusivity(unchecked) private var rootKind = RootKind.other
    @exclusivity(unchecked) private var rootVersionAttribute: String?
    @exclusivity(unchecked) private var rootNamespace: String?
    @exclusivity(unchecked) private var rss090Seen = false
    @exclusivity(unchecked) private var rules = FeedFieldRules(baseURL: nil, rootNamespace: nil, isAtom10: false, atom: false)

    @exclusivity(unchecked) private var depth = 0
    /// Elements started and not yet ended: above zero after the parse, the document was cut off.
    var openElements: Int { depth }
    /// Deeper than this the parse is stopped, as libxml2's own parser does without XML_PARSE_HUGE.
    static let maxDepth = 256
    /// The document nested deeper than `maxDepth`; the parse was stopped there.
    @exclusivity(unchecked) private(set) var depthExceeded = false
    /// Depth of the element whose children are the feed's own fields: the root, or RSS's first channel while open.
    @exclusivity(unchecked) private var feedFieldsDepth: Int?
    @exclusivity(unchecked) private var channelTaken = false
    @exclusivity(unchecked) private var draft: FeedFieldRules.ItemDraft?
    /// Depth of the open item, 0 outside items.
    @exclusivity(unchecked) private var itemDepth = 0
    @exclusivity(unchecked) private var itemInChannel = false
    /// The field being captured while `fieldDepth` is not 0; restarted for each field.
    @exclusivity(unchecked) private var field = CapturedElement()
    @exclusivity(unchecked) private var bases: [(depth: Int, value: String)] = []
    /// Namespace URIs come from the parser context's dictionary, which lives as long as the context this handler is
    /// pooled with: a pointer names one URI across documents, so the cache is kept from one document to the next.
    @exclusivity(unchecked) private var namespaceCache: [(pointer: UnsafePointer<xmlChar>, uri: String)] = []
    @exclusivity(unchecked) private var cachedDictionary: xmlDictPtr?
    private static let namespaceCacheLimit = 64

    /// Optional so that finishing can move it out (`take()`) rather than copy it.
    @exclusivity(unchecked) private var feed: ParsedFeed? = ParsedFeed()
    /// Depth of the field being captured, 0 when none is: checked on every event, cheaper than testing `field`.
    @exclusivity(unchecked) private var fieldDepth = 0
    @exclusivity(unchecked) private var rootItems: [ParsedItem] = []
    @exclusivity(unchecked) private var channelItems: [ParsedItem] = []

    /// Readies the handler for a new document read with `context`.
    func begin(baseURL: String?, context: xmlParserCtxtPtr) {
        self.baseURL = baseURL
        // The cache holds only while the dictionary its pointers point into is the same one.
        if cachedDictionary != context.pointee.dict || namespaceCache.count > Self.namespaceCacheLimit {
            namespaceCache.removeAll(keepingCapacity: true)
            cachedDictionary = context.pointee.dict
        }
        self.context = context
        doctypePublicID = nil
        rootName = ""
        rootKind = .other
        rootVersionAttribute = nil
        rootNamespace = nil
        rss090Seen = false
        rules = FeedFieldRules(baseURL: baseURL, rootNamespace: nil, isAtom10: false, atom: false)
        depth = 0
        depthExceeded = false
        feedFieldsDepth = nil
        channelTaken = false
        draft = nil
        itemDepth = 0
        itemInChannel = false
        fieldDepth = 0
        bases.removeAll(keepingCapacity: true)
        feed = ParsedFeed()
        rootItems = []
        channelItems = []
    }

    // MARK: - Events

    func startElement(
        _ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, namespaceCount: Int32,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int32, defaulted: Int32
    ) {
        depth += 1
        if depth > Self.maxDepth {
            // libxml2's push parser has no nesting limit of its own (its pull parser stops at 256): without this, a
            // 35 MB feed of nested tags took 277 MB. What was read so far is kept, as a recovered parse would.
            depthExceeded = true
            if let context { xmlStopParser(context) }
            return
        }
        if fieldDepth != 0 {
            field.startChild(
                at: depth, localName: localName, prefix: prefix,
                namespaces: SAXNamespace.list(namespaces, count: namespaceCount),
                attributes: SAXAttribute.list(attributes, count: attributeCount, defaulted: defaulted))
            return
        }
        // xml:base always has the prefix "xml" (reserved, always bound).
        if let base = SAXAttribute.value(of: "base", prefix: "xml", in: attributes, count: attributeCount - defaulted) { bases.append((depth, base)) }
        if depth == 1 {
            startRoot(
                String(cString: localName), uri: uri, declaresRSS090: Self.declares(Namespaces.rss090, namespaces, count: namespaceCount),
                version: SAXAttribute.value(of: "version", in: attributes, count: attributeCount - defaulted))
            return
        }
        if depth == 2, rootKind == .rdf, namespaceString(uri) == Namespaces.rss090 { rss090Seen = true }
        let name = ElementName(localName)
        if itemDepth != 0 {
            if depth == itemDepth + 1 && name.isItemField {
                capture(name, uri: uri, attributes: attributes, count: attributeCount, defaulted: defaulted)
            }
        } else if isItem(name) {
            draft = FeedFieldRules.ItemDraft()
            if attributeCount > 0 {
                let itemAttributes = SAXAttribute.list(attributes, count: attributeCount, defaulted: defaulted)
                draft!.about = itemAttributes.first { $0.localName == "about" && $0.namespace == Namespaces.rdf }?.value
            }
            itemDepth = depth
            itemInChannel = depth == 3
        } else if let feedFieldsDepth, depth == feedFieldsDepth + 1, name.isFeedField {
            capture(name, uri: uri, attributes: attributes, count: attributeCount, defaulted: defaulted)
        } else if depth == 2, rootKind == .rss || rootKind == .rdf, name == .channel, !channelTaken {
            channelTaken = true
            feedFieldsDepth = 2
        }
    }

    func endElement(_ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        defer { depth -= 1 }
        if fieldDepth != 0 {
            if depth > fieldDepth {
                field.endChild(at: depth, localName: localName, prefix: prefix)
                return
            }
            fieldDepth = 0
            if itemDepth != 0 { rules.apply(field, to: &draft!) } else { rules.apply(field, to: &feed!) }
        }
        if bases.last?.depth == depth { bases.removeLast() }
        if itemDepth != 0 && depth == itemDepth {
            itemDepth = 0
            let item = rules.finish(draft.take()!)
            if itemInChannel { channelItems.append(item) } else { rootItems.append(item) }
        } else if depth == 2 && feedFieldsDepth == 2 {
            feedFieldsDepth = nil  // only the first channel is read
        }
    }

    func characters(_ pointer: UnsafePointer<xmlChar>, count: Int) {
        guard fieldDepth != 0 else { return }
        field.appendText(pointer, count: count)
    }

    func reference(_ name: UnsafePointer<xmlChar>) { if fieldDepth != 0 { field.appendReference(name) } }

    func otherNode() { if fieldDepth != 0 { field.noteOtherChild() } }

    // MARK: - Result

    /// The feed read, or nil when the root is not a feed's and nothing of one was read. A bare `<channel>` root is
    /// a feed without a version (feedparser's ""), even when empty.
    func finishedFeed() -> ParsedFeed? {
        closeTruncatedElements()
        var result = feed.take()!
        result.version = version()
        rules.finish(&result)
        if channelItems.isEmpty {
            swap(&result.items, &rootItems)
        } else if rootItems.isEmpty {
            swap(&result.items, &channelItems)
        } else {
            result.items = rootItems + channelItems
        }
        if rootKind == .other && result.items.isEmpty && result.title == nil { return nil }
        return result
    }

    /// A document cut off inside an item ends without its end tags; what was read of the item still counts, as it
    /// does in a recovered tree.
    private func closeTruncatedElements() {
        if fieldDepth != 0 {
            fieldDepth = 0
            if itemDepth != 0 { rules.apply(field, to: &draft!) } else { rules.apply(field, to: &feed!) }
        }
        if let open = draft.take() {
            itemDepth = 0
            let item = rules.finish(open)
            if itemInChannel { channelItems.append(item) } else { rootItems.append(item) }
        }
    }

    // MARK: - Structure

    private func startRoot(_ name: String, uri: UnsafePointer<xmlChar>?, declaresRSS090: Bool, version: String?) {
        rootName = name
        switch name.lowercased() {
        case "rss": rootKind = .rss
        case "rdf": rootKind = .rdf
        case "feed": rootKind = .atom
        case "channel": rootKind = .channel
        default: rootKind = .other
        }
        rootVersionAttribute = version
        rootNamespace = rootKind == .rdf ? nil : namespaceString(uri)
        rss090Seen = declaresRSS090
        rules = FeedFieldRules(
            baseURL: baseURL, rootNamespace: rootNamespace, isAtom10: namespaceString(uri) == Namespaces.atom10,
            atom: rootKind == .atom)
        if rootKind == .atom || rootKind == .channel { feedFieldsDepth = 1 }
    }

    /// RSS items sit in the root (RSS 1.0) or in the first channel (RSS 2.0); Atom entries in the root.
    private func isItem(_ name: ElementName) -> Bool {
        switch rootKind {
        case .rss, .rdf: return name == .item && (depth == 2 || (depth == 3 && feedFieldsDepth == 2))
        case .atom: return depth == 2 && (name == .entry || name == .item)
        case .channel: return depth == 2 && name == .item
        case .other: return false
        }
    }

    private func capture(
        _ name: ElementName, uri: UnsafePointer<xmlChar>?, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        count: Int32, defaulted: Int32
    ) {
        field.start(
            depth: depth, name: name, namespace: namespaceString(uri),
            attributes: SAXAttribute.list(attributes, count: count, defaulted: defaulted), bases: bases.map(\.value))
        fieldDepth = depth
    }

    private func version() -> String {
        switch rootKind {
        case .rss:
            let declared = rootVersionAttribute?.trimmed ?? ""
            switch declared {
            case "0.91": return doctypePublicID?.lowercased().contains("netscape") == true ? "rss091n" : "rss091u"
            case "0.92": return "rss092"
            case "0.93": return "rss093"
            case "0.94": return "rss094"
            case "2.0", "2", "2.00", "2.0.1", "2.01": return "rss20"
            default: return declared.hasPrefix("2.") ? "rss20" : "rss"
            }
        case .rdf:
            return rss090Seen ? "rss090" : "rss10"
        case .atom:
            switch rootNamespace {
            case Namespaces.atom10: return "atom10"
            case Namespaces.atom03: return "atom03"
            default: return rootVersionAttribute == "0.3" ? "atom03" : "atom"
            }
        case .channel, .other:
            return ""
        }
    }

    private func namespaceString(_ uri: UnsafePointer<xmlChar>?) -> String? {
        guard let uri else { return nil }
        if let cached = namespaceCache.first(where: { $0.pointer == uri }) { return cached.uri }
        let string = String(cString: uri)
        namespaceCache.append((uri, string))
        return string
    }

    /// Whether the element declares `namespace` (on any prefix), read from libxml2's packed pairs.
    private static func declares(_ namespace: String, _ packed: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int32) -> Bool {
        guard let packed, count > 0 else { return false }
        return (0..<Int(count)).contains { index in packed[index * 2 + 1].map { SAXAttribute.spells($0, namespace) } ?? false }
    }
}
