import Foundation

/// The entity stage: finds people (with roles), organisations, places and issues in an article, detects
/// summits, and scores how much the article is about summit diplomacy. Pure and Sendable: one instance
/// serves every article.
public struct EntityExtractor: Sendable {
    public let gazetteer: Gazetteer
    let index: AliasIndex

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        index = AliasIndex(entries: gazetteer.entries)
    }

    /// - Parameters:
    ///   - title: the headline (part of the main text for entities).
    ///   - text: the article text.
    ///   - published: the article's date, for years of summit dates.
    /// Mention offsets count unicode scalars in `title + "\n\n" + text`.
    public func extract(title: String?, text: String, published: Date? = nil) -> EntityReport {
        let document = [title, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        var analysis = ArticleAnalysis(document: document, index: index, gazetteer: gazetteer)
        analysis.run()
        let entities = analysis.foundEntities()
        let summits = SummitDetector(analysis: analysis, published: published).detect()
        let relevance = RelevanceScorer.score(analysis: analysis, entities: entities, summits: summits)
        return EntityReport(relevant: relevance.relevant, score: relevance.score, entities: entities, summits: summits)
    }
}

/// The working state for one article: tokens, which of them are claimed, and what each claim is.
struct ArticleAnalysis {
    struct Claim {
        var key: String
        var range: Range<Int>
    }
    struct Candidate {
        var type: EntityType
        var name: String
        var origin: EntityOrigin
        var role: String?
        var country: String?
        var firstToken: Int
    }

    let document: String
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    let sentences: [Range<Int>]
    let index: AliasIndex
    let gazetteer: Gazetteer
    private(set) var claimed: [Bool]
    private(set) var claims: [Claim] = []
    private(set) var candidates: [String: Candidate] = [:]

    init(document: String, index: AliasIndex, gazetteer: Gazetteer) {
        self.document = document
        scalars = Array(document.unicodeScalars)
        (tokens, sentences) = Tokenizer.tokenize(document)
        self.index = index
        self.gazetteer = gazetteer
        claimed = [Bool](repeating: false, count: tokens.count)
    }

    mutating func run() {
        matchGazetteer()
        discoverNames()
        resolveSurnames()
        resolveDescriptors()
        assignRoles()
    }

    // MARK: - Gazetteer

    private mutating func matchGazetteer() {
        var position = 0
        while position < tokens.count {
            guard let alias = index.match(tokens, at: position) else {
                position += 1
                continue
            }
            let entry = gazetteer.entries[alias.entry]
            let range = position..<(position + alias.tokens.count)
            // "Kyiv School of Economics", "Moscow Times": a place that opens an organisation's name is not a place here.
            if entry.type == .place, organisationNameContinues(after: range) || institutionWordPrecedes(range) {
                position += 1
                continue
            }
            claim(type: entry.type, name: entry.name, origin: entry.origin, role: entry.role, country: entry.country, range: range)
            position = range.upperBound
        }
        matchIssues()
    }

    /// Issues overlap names freely and never block them, so they are matched apart and claim no tokens.
    private mutating func matchIssues() {
        var position = 0
        while position < tokens.count {
            guard let alias = index.matchIssue(tokens, at: position) else {
                position += 1
                continue
            }
            let entry = gazetteer.entries[alias.entry]
            let range = position..<(position + alias.tokens.count)
            record(type: entry.type, name: entry.name, origin: entry.origin, role: nil, country: nil, range: range)
            position = range.upperBound
        }
    }

    /// "King's College London", "University of Geneva": the place closes an institution's name.
    private func institutionWordPrecedes(_ range: Range<Int>) -> Bool {
        var index = range.lowerBound - 1
        if index >= 0, tokens[index].norm == "of", gapIsSpace(before: index + 1) { index -= 1 }
        guard index >= 0, tokens[index].isCapitalized, gapIsSpace(before: index + 1) else { return false }
        return EntityVocabulary.institutionWords.contains(tokens[index].norm)
    }

    private func organisationNameContinues(after range: Range<Int>) -> Bool {
        var end = range.upperBound
        let sentence = tokens[range.lowerBound].sentence
        while end < tokens.count, end < range.upperBound + 4, tokens[end].sentence == sentence,
              tokens[end].isCapitalized || AliasIndex.connectorWords.contains(tokens[end].norm) {
            if EntityVocabulary.institutionWords.contains(tokens[end].norm) || EntityVocabulary.orgSuffixes.contains(tokens[end].norm) && tokens[end].isCapitalized {
                return true
            }
            if !tokens[end].isCapitalized && !AliasIndex.connectorWords.contains(tokens[end].norm) { break }
            end += 1
        }
        return false
    }

    // MARK: - Discovery

    private mutating func discoverNames() {
        var position = 0
        while position < tokens.count {
            guard !claimed[position], let run = capitalizedRun(from: position) else {
                position += 1
                continue
            }
            if let type = classify(run) {
                let name = runText(run)
                claim(type: type.0, name: type.1 ?? name, origin: .discovered, role: nil, country: nil, range: run)
            }
            position = run.upperBound
        }
    }

    /// A maximal run of capitalised, unclaimed tokens in one sentence; connectors (of, for, the) may join two parts.
    private func capitalizedRun(from start: Int) -> Range<Int>? {
        guard isNameToken(start) else { return nil }
        var end = start + 1
        while end < tokens.count, tokens[end].sentence == tokens[start].sentence, !claimed[end], gapIsSpace(before: end) {
            if isNameToken(end) {
                end += 1
            } else if AliasIndex.connectorWords.contains(tokens[end].norm), !tokens[end].isCapitalized, end + 1 < tokens.count,
                      tokens[end + 1].sentence == tokens[start].sentence, isNameToken(end + 1), !claimed[end + 1],
                      EntityVocabulary.orgSuffixes.contains(tokens[end - 1].norm) || tokens[end].norm != "and" {
                end += 1
            } else {
                break
            }
        }
        // Trim connectors, leading function words and a leading title ("Foreign Minister Hakan Novak").
        var lower = start
        while lower < end, EntityVocabulary.notNames.contains(tokens[lower].norm) || AliasIndex.connectorWords.contains(tokens[lower].norm) { lower += 1 }
        while let title = EntityVocabulary.titles.first(where: { title in
            lower + title.count <= end && title.indices.allSatisfy { tokens[lower + $0].norm == title[$0] }
        }) {
            lower += title.count
            while lower < end, AliasIndex.connectorWords.contains(tokens[lower].norm) { lower += 1 }
        }
        var upper = end
        while upper > lower, AliasIndex.connectorWords.contains(tokens[upper - 1].norm) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// The characters between token `index - 1` and token `index`.
    func gap(before index: Int) -> String {
        guard index > 0, index < tokens.count else { return "" }
        let start = tokens[index - 1].end, end = tokens[index].start
        return start < end ? String(String.UnicodeScalarView(scalars[start..<end])) : ""
    }

    /// Names run on only across plain spaces: a comma, a bracket, a dash or a possessive ends them.
    private func gapIsSpace(before index: Int) -> Bool {
        gap(before: index).unicodeScalars.allSatisfy { $0 == " " || $0 == "\u{00A0}" || $0 == "\n" } && !gap(before: index).contains("\n\n")
    }

    private func gapAfter(_ run: Range<Int>) -> String { run.upperBound < tokens.count ? gap(before: run.upperBound) : "" }
    private func gapBefore(_ run: Range<Int>) -> String { gap(before: run.lowerBound) }

    private func isNameToken(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isCapitalized, token.norm.first?.isLetter == true else { return false }
        return true
    }

    /// What a capitalised run is, by the words inside and around it; nil when the rules do not know.
    private func classify(_ run: Range<Int>) -> (EntityType, String?)? {
        let words = run.map { tokens[$0].norm }
        let last = words.last!
        let content = words.filter { !EntityVocabulary.notNames.contains($0) && !AliasIndex.connectorWords.contains($0) }
        guard !content.isEmpty else { return nil }
        if tokens[run.lowerBound].opensSentence && run.count == 1 && !isFollowedBySpeech(run) { return nil }
        if run.contains(where: { tokens[$0].surface.contains(".") && tokens[$0].norm.hasSuffix("ru") || tokens[$0].norm.hasSuffix("com") }) && run.count == 1 {
            return (.org, nil)
        }
        if EntityVocabulary.orgSuffixes.contains(last) && run.count >= 2 { return (.org, nil) }
        if run.count >= 2, words.dropLast().contains(where: EntityVocabulary.institutionWords.contains) { return (.org, nil) }
        if isCitation(run) { return (.org, nil) }
        if EntityVocabulary.placeSuffixes.contains(last) && run.count >= 2 {
            return EntityVocabulary.placeFollowers.contains(last) ? (.place, runText(run.lowerBound..<(run.upperBound - 1))) : (.place, nil)
        }
        if run.upperBound < tokens.count, EntityVocabulary.placeFollowers.contains(tokens[run.upperBound].norm), run.count <= 2 {
            return (.place, nil)
        }
        if words.allSatisfy({ $0.count > 1 }) && run.count >= 2 && run.count <= 4 && looksLikePersonName(run) {
            if hasTitleBefore(run) || isFollowedBySpeech(run) || isPrecededBySpeech(run) || surnameRecurs(run)
                || hasAppositive(run) || isPrecededByAccordingTo(run) || EntityVocabulary.givenNames.contains(words[0]) { return (.person, nil) }
        }
        if run.count == 1, hasTitleBefore(run), looksLikePersonName(run), !EntityVocabulary.institutionWords.contains(last) { return (.person, nil) }
        return nil
    }

    /// "(Radio Svoboda, January 30)", "(Izvestiya; …)": a source cited in brackets, as analysis pieces do.
    private func isCitation(_ run: Range<Int>) -> Bool {
        guard gapBefore(run).hasSuffix("(") else { return false }
        let after = gapAfter(run)
        if after.hasPrefix(")") || after.hasPrefix(";") { return true }
        guard after.hasPrefix(","), run.upperBound < tokens.count else { return false }
        return SummitDetector.monthNames.contains(tokens[run.upperBound].norm)
    }

    /// "Jim Townsend, a former Pentagon official", "Rob Lee, senior fellow at…": a name followed by who they are.
    private func hasAppositive(_ run: Range<Int>) -> Bool {
        guard gapAfter(run).hasPrefix(","), run.upperBound < tokens.count else { return false }
        let next = tokens[run.upperBound].norm
        return ["a", "an", "the", "former", "who", "whose", "senior", "deputy", "acting", "then"].contains(next)
            || EntityVocabulary.titles.contains { $0.first == next }
    }

    private func isPrecededByAccordingTo(_ run: Range<Int>) -> Bool {
        run.lowerBound >= 2 && tokens[run.lowerBound - 2].norm == "according" && tokens[run.lowerBound - 1].norm == "to"
    }

    private func looksLikePersonName(_ run: Range<Int>) -> Bool {
        run.allSatisfy { index in
            let token = tokens[index]
            return !token.isAllCaps && !EntityVocabulary.notNames.contains(token.norm) && !EntityVocabulary.orgSuffixes.contains(token.norm)
                && !EntityVocabulary.placeSuffixes.contains(token.norm)
        }
    }

    private func hasTitleBefore(_ run: Range<Int>) -> Bool { titleBefore(run.lowerBound) != nil }

    private func isFollowedBySpeech(_ run: Range<Int>) -> Bool {
        guard run.upperBound < tokens.count else { return false }
        return EntityVocabulary.speechVerbs.contains(tokens[run.upperBound].norm)
    }

    private func isPrecededBySpeech(_ run: Range<Int>) -> Bool {
        guard run.lowerBound > 0 else { return false }
        return EntityVocabulary.speechVerbs.contains(tokens[run.lowerBound - 1].norm)
    }

    /// The run's last word appears again on its own, capitalised: journalists name a person in full once.
    private func surnameRecurs(_ run: Range<Int>) -> Bool {
        let surname = tokens[run.upperBound - 1].norm
        return tokens.indices.contains { index in
            !run.contains(index) && tokens[index].norm == surname && tokens[index].isCapitalized
                && (index == 0 || !tokens[index - 1].isCapitalized || tokens[index - 1].opensSentence == false && EntityVocabulary.notNames.contains(tokens[index - 1].norm))
                && (index + 1 >= tokens.count || !tokens[index + 1].isCapitalized || tokens[index + 1].sentence != tokens[index].sentence)
        }
    }

    /// A title phrase ending right before `position` (with an optional nationality before it): its words and start.
    func titleBefore(_ position: Int) -> (words: [String], start: Int)? {
        for title in EntityVocabulary.titles {
            let start = position - title.count
            guard start >= 0 else { continue }
            if (0..<title.count).allSatisfy({ tokens[start + $0].norm == title[$0] && tokens[start + $0].sentence == tokens[position].sentence }) {
                return (title, start)
            }
        }
        return nil
    }

    // MARK: - Surnames and descriptors

    /// A person met in full resolves later bare mentions of their surname (or first name for single-word matches).
    private mutating func resolveSurnames() {
        let people = candidates.values.filter { $0.type == .person && $0.name.contains(" ") }
        var bySurname: [String: String] = [:]
        for person in people {
            let surname = Tokenizer.fold(String(person.name.split(separator: " ").last!))
            bySurname[surname] = bySurname[surname] == nil ? person.name : "" // ambiguous surnames resolve to nothing
        }
        for position in tokens.indices where !claimed[position] && tokens[position].isCapitalized {
            guard let name = bySurname[tokens[position].norm], !name.isEmpty, let person = candidates["PERSON|\(name)"] else { continue }
            claim(type: .person, name: name, origin: person.origin, role: nil, country: nil, range: position..<(position + 1))
        }
    }

    /// "The Russian president" stands for Putin once the article has named him.
    private mutating func resolveDescriptors() {
        var position = 0
        while position < tokens.count {
            guard !claimed[position], let alias = index.matchDescriptor(tokens, at: position) else {
                position += 1
                continue
            }
            let range = position..<(position + alias.tokens.count)
            let entry = gazetteer.entries[alias.entry]
            let named = candidates["\(entry.type.rawValue)|\(entry.name)"] != nil
            let nextIsName = range.upperBound < tokens.count && claimed[range.upperBound]
            if named && !nextIsName && range.allSatisfy({ !claimed[$0] }) {
                claim(type: entry.type, name: entry.name, origin: entry.origin, role: nil, country: nil, range: range)
            }
            position = range.upperBound
        }
    }

    // MARK: - Roles

    /// The title before a person's first titled mention becomes their role in this article, with the
    /// nationality before it as their country ("Russian president Vladimir Putin" → president, Russia).
    private mutating func assignRoles() {
        for claimIndex in claims.indices {
            let claim = claims[claimIndex]
            guard claim.key.hasPrefix("PERSON|"), var candidate = candidates[claim.key],
                  let (title, start) = titleBefore(claim.range.lowerBound) else { continue }
            let role = title.joined(separator: " ")
            guard !EntityVocabulary.honorifics.contains(role), !rolesSet.contains(claim.key) else { continue }
            candidate.role = role
            if start > 0, let country = EntityVocabulary.nationalities[tokens[start - 1].norm] { candidate.country = country }
            candidates[claim.key] = candidate
            rolesSet.insert(claim.key)
        }
    }
    private var rolesSet: Set<String> = []

    // MARK: - Claims

    private mutating func claim(type: EntityType, name: String, origin: EntityOrigin, role: String?, country: String?, range: Range<Int>) {
        record(type: type, name: name, origin: origin, role: role, country: country, range: range)
        for position in range { claimed[position] = true }
    }

    private mutating func record(type: EntityType, name: String, origin: EntityOrigin, role: String?, country: String?, range: Range<Int>) {
        let key = "\(type.rawValue)|\(name)"
        if candidates[key] == nil {
            candidates[key] = Candidate(type: type, name: name, origin: origin, role: role, country: country, firstToken: range.lowerBound)
        }
        claims.append(Claim(key: key, range: range))
    }

    func runText(_ run: Range<Int>) -> String {
        let start = tokens[run.lowerBound].start
        let end = tokens[run.upperBound - 1].end
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        if text.hasSuffix("."), !text.dropLast().contains(".") { text.removeLast() }
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    func sentenceText(_ index: Int) -> String {
        guard sentences.indices.contains(index) else { return "" }
        let range = sentences[index]
        return String(String.UnicodeScalarView(scalars[range])).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Entities in order of first appearance, each with every mention.
    func foundEntities() -> [FoundEntity] {
        var mentions: [String: [EntityMention]] = [:]
        for claim in claims {
            let first = tokens[claim.range.lowerBound]
            mentions[claim.key, default: []].append(EntityMention(offset: first.start, surface: runText(claim.range), sentence: sentenceText(first.sentence)))
        }
        return candidates.values.sorted { $0.firstToken < $1.firstToken }.map { candidate in
            FoundEntity(type: candidate.type, name: candidate.name, origin: candidate.origin, role: candidate.role,
                        country: candidate.country, mentions: mentions["\(candidate.type.rawValue)|\(candidate.name)"] ?? [])
        }
    }

    /// Claims in one sentence, in order: (key, first token).
    func claims(inSentence sentence: Int) -> [Claim] {
        claims.filter { tokens[$0.range.lowerBound].sentence == sentence }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    func candidate(_ key: String) -> Candidate? { candidates[key] }
}
