/// Every alias of every gazetteer entry, keyed by its first folded token, longest first, for a left-to-right
/// longest-match scan.
struct AliasIndex: Sendable {
    struct Alias: Sendable {
        var tokens: [Int32]
        var entry: Int
        /// All-caps acronyms (US, EU, ICE) must be written in capitals to match; names must be capitalised.
        var requiresAllCaps: Bool
        var caseInsensitive: Bool
    }

    private(set) var byFirstToken: [Int32: [Alias]] = [:]
    /// Issues are matched in a pass of their own: "join NATO" is an issue and NATO is still an organisation.
    private(set) var issuesByFirstToken: [Int32: [Alias]] = [:]
    private(set) var descriptorsByFirstToken: [Int32: [Alias]] = [:]

    init(entries: [GazetteerEntry], lexicon: inout Lexicon) {
        for (index, entry) in entries.enumerated() {
            for alias in Set([entry.name] + entry.aliases) {
                let tokens = Tokenizer.aliasTokens(alias).map { lexicon.id(for: $0) }
                guard let first = tokens.first else { continue }
                let letters = alias.filter(\.isLetter)
                let acronym = letters.count <= 5 && !letters.isEmpty && letters.allSatisfy(\.isUppercase)
                let alias = Alias(tokens: tokens, entry: index, requiresAllCaps: acronym && entry.type != .issue, caseInsensitive: entry.type == .issue)
                if entry.type == .issue {
                    issuesByFirstToken[first, default: []].append(alias)
                } else {
                    byFirstToken[first, default: []].append(alias)
                }
            }
            for descriptor in entry.descriptors {
                let tokens = Tokenizer.aliasTokens(descriptor).map { lexicon.id(for: $0) }
                guard let first = tokens.first else { continue }
                descriptorsByFirstToken[first, default: []].append(Alias(tokens: tokens, entry: index, requiresAllCaps: false, caseInsensitive: true))
            }
        }
        for key in byFirstToken.keys { byFirstToken[key]!.sort { $0.tokens.count > $1.tokens.count } }
        for key in issuesByFirstToken.keys { issuesByFirstToken[key]!.sort { $0.tokens.count > $1.tokens.count } }
        for key in descriptorsByFirstToken.keys { descriptorsByFirstToken[key]!.sort { $0.tokens.count > $1.tokens.count } }
    }

    /// The longest alias starting at `position`, checked against how the text writes it.
    func match(_ tokens: [Token], at position: Int) -> Alias? {
        guard tokens[position].id >= 0, let candidates = byFirstToken[tokens[position].id] else { return nil }
        return candidates.first { Self.fits($0, tokens, at: position) }
    }

    func matchIssue(_ tokens: [Token], at position: Int) -> Alias? {
        guard tokens[position].id >= 0, let candidates = issuesByFirstToken[tokens[position].id] else { return nil }
        return candidates.first { Self.fits($0, tokens, at: position) }
    }

    func matchDescriptor(_ tokens: [Token], at position: Int) -> Alias? {
        guard tokens[position].id >= 0, let candidates = descriptorsByFirstToken[tokens[position].id] else { return nil }
        return candidates.first { Self.fits($0, tokens, at: position) }
    }

    private static func fits(_ alias: Alias, _ tokens: [Token], at position: Int) -> Bool {
        guard position + alias.tokens.count <= tokens.count else { return false }
        let sentence = tokens[position].sentence
        for (offset, id) in alias.tokens.enumerated() {
            let token = tokens[position + offset]
            guard token.id == id, token.sentence == sentence else { return false }
        }
        if alias.caseInsensitive { return true }
        let first = tokens[position]
        if alias.requiresAllCaps { return first.isAllCaps }
        // Every significant word of a name is capitalised in running text ("White House", not "white house").
        return alias.tokens.indices.allSatisfy { offset in
            let token = tokens[position + offset]
            return token.isCapitalized || token.flags.contains(.connector) || token.norm.first?.isNumber == true
        }
    }

    static let connectorWords: Set<String> = ["of", "the", "for", "and", "de", "des", "du", "la", "le", "von", "der", "al", "bin", "van", "on", "a", "da", "di"]
}
