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

    /// Aliases by the lexicon id of their first word (an array indexed by id: no hashing per token).
    private(set) var byFirstToken: [[Alias]] = []
    /// Issues are matched in a pass of their own: "join NATO" is an issue and NATO is still an organisation.
    private(set) var issuesByFirstToken: [[Alias]] = []
    private(set) var descriptorsByFirstToken: [[Alias]] = []

    init(entries: [GazetteerEntry], lexicon: inout Lexicon) {
        var byFirstToken: [Int32: [Alias]] = [:]
        var issuesByFirstToken: [Int32: [Alias]] = [:]
        var descriptorsByFirstToken: [Int32: [Alias]] = [:]
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
        func table(_ map: [Int32: [Alias]]) -> [[Alias]] {
            var table = [[Alias]](repeating: [], count: lexicon.count)
            for (id, aliases) in map { table[Int(id)] = aliases.sorted { $0.tokens.count > $1.tokens.count } }
            return table
        }
        self.byFirstToken = table(byFirstToken)
        self.issuesByFirstToken = table(issuesByFirstToken)
        self.descriptorsByFirstToken = table(descriptorsByFirstToken)
    }

    /// The longest alias starting at `position`, checked against how the text writes it.
    func match(_ tokens: [Token], at position: Int) -> Alias? {
        let id = Int(tokens[position].id)
        guard id >= 0, id < byFirstToken.count else { return nil }
        let candidates = byFirstToken[id]
        return candidates.first { Self.fits($0, tokens, at: position) }
    }

    func matchIssue(_ tokens: [Token], at position: Int) -> Alias? {
        let id = Int(tokens[position].id)
        guard id >= 0, id < issuesByFirstToken.count else { return nil }
        let candidates = issuesByFirstToken[id]
        return candidates.first { Self.fits($0, tokens, at: position) }
    }

    func matchDescriptor(_ tokens: [Token], at position: Int) -> Alias? {
        let id = Int(tokens[position].id)
        guard id >= 0, id < descriptorsByFirstToken.count else { return nil }
        let candidates = descriptorsByFirstToken[id]
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

    static let connectorWords: Set<String> = [
        "of", "the", "for", "and", "de", "des", "du", "la", "le", "von", "der", "al", "bin", "van", "on", "a", "da", "di",
    ]
}
