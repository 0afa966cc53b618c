import Foundation
import Model

/// The entity stage: finds people (with roles), organisations, places and issues in an article, detects
/// summits, and scores how much the article is about summit diplomacy. Pure and Sendable: one instance
/// serves every article.
public struct EntityExtractor: Sendable {
    public let gazetteer: Gazetteer
    let index: AliasIndex
    let lexicon: Lexicon

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var lexicon = Lexicon()
        index = AliasIndex(entries: gazetteer.entries, lexicon: &lexicon)
        self.lexicon = lexicon
    }

    /// - Parameters:
    ///   - title: the headline (part of the main text for entities).
    ///   - text: the article text.
    ///   - published: the article's date, for years of summit dates.
    /// Mention offsets count unicode scalars in `title + "\n\n" + text`.
    public func extract(title: String?, text: String, published: Date? = nil) -> EntityReport {
        let document = [title, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        var analysis = ArticleAnalysis(document: document, index: index, gazetteer: gazetteer, lexicon: lexicon)
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
    let text: Tokenizer.Output
    // Stored, not computed from `text`: a computed array property retains and releases its buffer on every access.
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    let sentences: [Range<Int>]
    let index: AliasIndex
    let gazetteer: Gazetteer
    let lexicon: Lexicon
    private(set) var claimed: [Bool]
    private(set) var claims: [Claim] = []
    private(set) var candidates: [String: Candidate] = [:]
    /// Positions of capitalised tokens by folded form, for "does this surname recur".
    private let capitalizedPositions: [String: [Int]]

    init(document: String, index: AliasIndex, gazetteer: Gazetteer, lexicon: Lexicon) {
        self.document = document
        var text = Tokenizer.run(document)
        for position in text.tokens.indices {
            let id = lexicon.lookup(text.tokens[position].norm)
            text.tokens[position].id = id
            text.tokens[position].flags = lexicon.flags(of: id)
        }
        self.text = text
        scalars = text.scalars
        tokens = text.tokens
        sentences = text.sentences
        self.index = index
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        claimed = [Bool](repeating: false, count: text.tokens.count)
        var positions: [String: [Int]] = [:]
        for (position, token) in text.tokens.enumerated() where token.isCapitalized { positions[token.norm, default: []].append(position) }
        capitalizedPositions = positions
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
        scan(AliasIndex.match) { analysis, entry, range in
            // "Kyiv School of Economics", "Moscow Times": a place that opens an organisation's name is not a place here.
            if entry.type == .place, analysis.organisationNameContinues(after: range) || analysis.institutionWordPrecedes(range) { return false }
            analysis.claim(type: entry.type, name: entry.name, origin: entry.origin, role: entry.role, country: entry.country, range: range)
            return true
        }
        // Issues overlap names freely and never block them, so they are matched apart and claim no tokens.
        scan(AliasIndex.matchIssue) { analysis, entry, range in
            analysis.record(type: entry.type, name: entry.name, origin: entry.origin, role: nil, country: nil, range: range)
            return true
        }
    }

    /// Left to right, longest alias first; `take` says whether a match was used (the scan then skips past it).
    private mutating func scan(_ match: (AliasIndex) -> ([Token], Int) -> AliasIndex.Alias?,
                               take: (inout ArticleAnalysis, GazetteerEntry, Range<Int>) -> Bool) {
        let matcher = match(index)  // bound once: partial application per token would allocate a closure each time
        let tokens = self.tokens
        var position = 0
        while position < tokens.count {
            guard let alias = matcher(tokens, position) else {
                position += 1
                continue
            }
            let range = position..<(position + alias.tokens.count)
            position = take(&self, gazetteer.entries[alias.entry], range) ? range.upperBound : position + 1
        }
    }

    /// "King's College London", "University of Geneva": the place closes an institution's name.
    private func institutionWordPrecedes(_ range: Range<Int>) -> Bool {
        var index = range.lowerBound - 1
        if index >= 0, tokens[index].norm == "of", gapIsSpace(before: index + 1) { index -= 1 }
        guard index >= 0, tokens[index].isCapitalized, gapIsSpace(before: index + 1) else { return false }
        return tokens[index].flags.contains(.institution)
    }

    private func organisationNameContinues(after range: Range<Int>) -> Bool {
        var end = range.upperBound
        let sentence = tokens[range.lowerBound].sentence
        while end < tokens.count, end < range.upperBound + 4, tokens[end].sentence == sentence,
              tokens[end].isCapitalized || tokens[end].flags.contains(.connector) {
            if tokens[end].flags.contains(.institution) || tokens[end].flags.contains(.orgSuffix) && tokens[end].isCapitalized {
                return true
            }
            if !tokens[end].isCapitalized && !tokens[end].flags.contains(.connector) { break }
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
            } else if tokens[end].flags.contains(.connector), !tokens[end].isCapitalized, end + 1 < tokens.count,
                      tokens[end + 1].sentence == tokens[start].sentence, isNameToken(end + 1), !claimed[end + 1],
                      tokens[end - 1].flags.contains(.orgSuffix) || tokens[end].norm != "and" {
                end += 1
            } else if let resume = institutionArticleJoin(at: end, sentence: tokens[start].sentence) {
                end = resume
            } else {
                break
            }
        }
        // Trim connectors, leading function words and a leading title ("Foreign Minister Hakan Novak"), but keep
        // a leading demonym when the run names an institution ("European Business Association").
        var lower = start
        let namesInstitution = (start..<end).contains { tokens[$0].flags.contains(.institution) } || tokens[end - 1].flags.contains(.orgSuffix)
        while lower < end, tokens[lower].flags.contains(.notName) || tokens[lower].flags.contains(.connector) {
            if namesInstitution, lexicon.nationality(of: tokens[lower].id) != nil, lower + 1 < end { break }
            lower += 1
        }
        while let title = lexicon.titles.first(where: { title in
            lower + title.count <= end && title.indices.allSatisfy { tokens[lower + $0].id == title[$0] }
        }) {
            lower += title.count
            while lower < end, tokens[lower].flags.contains(.connector) { lower += 1 }
        }
        var upper = end
        while upper > lower, tokens[upper - 1].flags.contains(.connector) { upper -= 1 }
        // "told NVR on Tuesday": a connector followed only by function words (days, months) does not join them.
        var tail = upper
        while tail > lower, tokens[tail - 1].flags.contains(.notName), !tokens[tail - 1].flags.contains(.connector) { tail -= 1 }
        if tail < upper, tail - 1 > lower, tokens[tail - 1].flags.contains(.connector) { upper = tail - 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// "Center for a New…", "Ministry of the Interior": after an institution word, a connector and an article may
    /// join the next capitalised word; returns where the run resumes.
    private func institutionArticleJoin(at index: Int, sentence: Int) -> Int? {
        guard index + 2 < tokens.count, index > 0,
              tokens[index - 1].flags.contains(.orgSuffix) || tokens[index - 1].flags.contains(.institution),
              tokens[index].flags.contains(.connector), !tokens[index].isCapitalized, tokens[index].norm != "and",
              ["a", "an", "the"].contains(tokens[index + 1].norm), !tokens[index + 1].isCapitalized,
              tokens[index + 2].sentence == sentence, isNameToken(index + 2), !claimed[index + 1], !claimed[index + 2],
              gapIsSpace(before: index + 1), gapIsSpace(before: index + 2) else { return nil }
        return index + 2
    }

    /// The characters between token `index - 1` and token `index`.
    func gap(before index: Int) -> String {
        guard index > 0, index < tokens.count else { return "" }
        let start = tokens[index - 1].end, end = tokens[index].start
        return start < end ? text.text(start..<end) : ""
    }

    /// Names run on only across plain spaces (or a hyphen inside a name: "Bradley-Schmieg"): a comma, a
    /// bracket, a spaced dash or a possessive ends them.
    private func gapIsSpace(before index: Int) -> Bool {
        guard index > 0, index < tokens.count else { return true }
        if tokens[index - 1].hyphenatedToNext && tokens[index].isCapitalized && tokens[index - 1].isCapitalized { return true }
        var newlines = 0
        for position in tokens[index - 1].end..<tokens[index].start {
            let scalar = scalars[position]
            if scalar == "\n" {
                newlines += 1
                if newlines > 1 { return false }
            } else if scalar != " " && scalar != "\u{00A0}" {
                return false
            }
        }
        return true
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
        let lastFlags = tokens[run.upperBound - 1].flags
        guard run.contains(where: { !tokens[$0].flags.contains(.notName) && !tokens[$0].flags.contains(.connector) }) else { return nil }
        if tokens[run.lowerBound].opensSentence && run.count == 1 && !isFollowedBySpeech(run) { return nil }
        if run.count == 1, scalars[tokens[run.lowerBound].start..<tokens[run.lowerBound].end].contains("."),
           tokens[run.lowerBound].norm.hasSuffix("ru") || tokens[run.lowerBound].norm.hasSuffix("com") {
            return (.org, nil)
        }
        if lastFlags.contains(.orgSuffix) && run.count >= 2 { return (.org, nil) }
        if run.count >= 2, run.dropLast().contains(where: { tokens[$0].flags.contains(.institution) }) { return (.org, nil) }
        if isCitation(run) { return (.org, nil) }
        if lastFlags.contains(.placeSuffix) && run.count >= 2 {
            return lastFlags.contains(.placeFollower) ? (.place, runText(run.lowerBound..<(run.upperBound - 1))) : (.place, nil)
        }
        if run.upperBound < tokens.count, tokens[run.upperBound].flags.contains(.placeFollower), run.count <= 2 {
            return (.place, nil)
        }
        if words.allSatisfy({ $0.utf8.count > 1 }) && run.count >= 2 && run.count <= 4 && looksLikePersonName(run) {
            if hasTitleBefore(run) || isFollowedBySpeech(run) || isPrecededBySpeech(run) || surnameRecurs(run)
                || hasAppositive(run) || isPrecededByAccordingTo(run) || tokens[run.lowerBound].flags.contains(.givenName) { return (.person, nil) }
        }
        if run.count == 1, hasTitleBefore(run), looksLikePersonName(run), !lastFlags.contains(.institution) { return (.person, nil) }
        if run.count == 1, isOutletLike(run.lowerBound), isPrecededByAccordingTo(run) || isAfter(["told"], run) || isAfter(["interview", "with"], run) {
            return (.org, nil)
        }
        if run.count <= 3, hasOrganisationNounBefore(run), !tokens[run.lowerBound].flags.contains(.givenName) { return (.org, nil) }
        if isAffiliation(run), run.count >= 2 || isOutletLike(run.lowerBound) { return (.org, nil) }
        return nil
    }

    /// "public broadcaster DR", "law firm Freeths", "the consultancy ExPro".
    private func hasOrganisationNounBefore(_ run: Range<Int>) -> Bool {
        guard run.lowerBound > 0, gapBefore(run) == " " else { return false }
        let noun = tokens[run.lowerBound - 1]
        return !noun.isCapitalized && noun.sentence == tokens[run.lowerBound].sentence && noun.flags.contains(.organisationNoun)
    }

    /// "a professor of law at UCLA", "a senior fellow at the Center for…": the place of work of a role just named.
    private func isAffiliation(_ run: Range<Int>) -> Bool {
        var index = run.lowerBound - 1
        if index >= 0, tokens[index].norm == "the" { index -= 1 }
        guard index >= 0, tokens[index].norm == "at" else { return false }
        let sentence = tokens[run.lowerBound].sentence
        let window = max(0, index - 6)..<index
        return window.contains { tokens[$0].sentence == sentence && tokens[$0].flags.contains(.affiliationRole) }
    }

    /// "(Radio Svoboda, January 30)", "(Izvestiya; …)": a source cited in brackets, as analysis pieces do.
    private func isCitation(_ run: Range<Int>) -> Bool {
        guard gapBefore(run).hasSuffix("(") else { return false }
        let after = gapAfter(run)
        if after.hasPrefix(")") || after.hasPrefix(";") { return true }
        guard after.hasPrefix(","), run.upperBound < tokens.count else { return false }
        return tokens[run.upperBound].flags.contains(.month)
    }

    /// "Jim Townsend, a former Pentagon official", "Rob Lee, senior fellow at…": a name followed by who they are.
    private func hasAppositive(_ run: Range<Int>) -> Bool {
        guard gapAfter(run).hasPrefix(","), run.upperBound < tokens.count else { return false }
        let next = tokens[run.upperBound]
        return next.flags.contains(.appositive) || lexicon.titles.contains { $0.first == next.id }
    }

    /// A single word written like an outlet or company: all capitals ("DR", "ICU") or a capital inside ("ExPro").
    private func isOutletLike(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.norm.utf8.count >= 2, !token.flags.contains(.notName) else { return false }
        if token.isAllCaps { return token.norm.utf8.count <= 6 }
        return scalars[(token.start + 1)..<token.end].contains { Tokenizer.isUppercase($0) }
    }

    private func isAfter(_ words: [String], _ run: Range<Int>) -> Bool {
        guard run.lowerBound >= words.count else { return false }
        return words.indices.allSatisfy { tokens[run.lowerBound - words.count + $0].norm == words[$0] }
    }

    private func isPrecededByAccordingTo(_ run: Range<Int>) -> Bool { isAfter(["according", "to"], run) }

    private func looksLikePersonName(_ run: Range<Int>) -> Bool {
        run.allSatisfy { index in
            let token = tokens[index]
            return !token.isAllCaps && !token.flags.contains(.notName) && !token.flags.contains(.orgSuffix)
                && !token.flags.contains(.placeSuffix)
        }
    }

    private func hasTitleBefore(_ run: Range<Int>) -> Bool { titleBefore(run.lowerBound) != nil }

    private func isFollowedBySpeech(_ run: Range<Int>) -> Bool {
        guard run.upperBound < tokens.count else { return false }
        return tokens[run.upperBound].flags.contains(.speechVerb)
    }

    private func isPrecededBySpeech(_ run: Range<Int>) -> Bool {
        guard run.lowerBound > 0 else { return false }
        return tokens[run.lowerBound - 1].flags.contains(.speechVerb)
    }

    /// The run's last word appears again on its own, capitalised: journalists name a person in full once.
    private func surnameRecurs(_ run: Range<Int>) -> Bool {
        let surname = tokens[run.upperBound - 1].norm
        return (capitalizedPositions[surname] ?? []).contains { index in
            !run.contains(index)
                && (index == 0 || !tokens[index - 1].isCapitalized || tokens[index - 1].opensSentence == false && tokens[index - 1].flags.contains(.notName))
                && (index + 1 >= tokens.count || !tokens[index + 1].isCapitalized || tokens[index + 1].sentence != tokens[index].sentence)
        }
    }

    /// A title phrase ending right before `position` (with an optional nationality before it): its words and start.
    func titleBefore(_ position: Int) -> (words: [String], start: Int)? {
        guard position > 0, tokens[position - 1].flags.contains(.titleEnd) else { return nil }
        for (index, title) in lexicon.titles.enumerated() {
            let start = position - title.count
            guard start >= 0 else { continue }
            if (0..<title.count).allSatisfy({ tokens[start + $0].id == title[$0] && tokens[start + $0].sentence == tokens[position].sentence }) {
                return (EntityVocabulary.titles[index], start)
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
            if start > 0, let country = lexicon.nationality(of: tokens[start - 1].id) { candidate.country = country }
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
        var end = tokens[run.upperBound - 1].end
        let start = tokens[run.lowerBound].start
        if scalars[end - 1] == ".", !scalars[start..<(end - 1)].contains(".") { end -= 1 }
        let value = text.text(start..<end)
        return value.utf8.contains(UInt8(ascii: "\n")) ? String(value.map { $0 == "\n" ? " " : $0 }) : value
    }

    func sentenceText(_ index: Int) -> String {
        let range = trimmedSentence(index)
        return range.isEmpty ? "" : text.text(range)
    }

    private func trimmedSentence(_ index: Int) -> Range<Int> {
        guard sentences.indices.contains(index) else { return 0..<0 }
        var range = sentences[index]
        while range.lowerBound < range.upperBound, Self.isSpace(scalars[range.lowerBound]) { range = (range.lowerBound + 1)..<range.upperBound }
        while range.lowerBound < range.upperBound, Self.isSpace(scalars[range.upperBound - 1]) { range = range.lowerBound..<(range.upperBound - 1) }
        return range
    }

    /// A sentence longer than this many scalars is quoted by window: a few lines of context, as a reader needs.
    static let contextWidth = 400
    /// Windows start every this many scalars (half a width), so each mention sits at least a quarter width from a
    /// window edge, and a sentence's windows together hold at most twice its text however many mentions it has.
    static let contextStep = 200
    /// A window edge moves out at most this far to the nearest space, so no word is cut (a typical long word).
    static let contextWordSlack = 24

    /// Which context a mention at scalar `position` is quoted with: its sentence (number, nil) when short, else
    /// (sentence, window) with the window of that sentence chosen on a fixed grid, so mentions share windows.
    func contextKey(sentence index: Int, position: Int) -> ContextKey {
        let range = trimmedSentence(index)
        guard range.count > Self.contextWidth else { return ContextKey(sentence: index, window: nil) }
        let quarter = Self.contextStep / 2
        let last = max(0, (range.count - Self.contextWidth + Self.contextStep - 1) / Self.contextStep)
        let window = min(max(0, (position - range.lowerBound - quarter) / Self.contextStep), last)
        return ContextKey(sentence: index, window: window)
    }

    struct ContextKey: Hashable {
        var sentence: Int
        var window: Int?
    }

    func contextText(_ key: ContextKey) -> String {
        guard let window = key.window else { return sentenceText(key.sentence) }
        let sentence = trimmedSentence(key.sentence)
        var start = sentence.lowerBound + window * Self.contextStep
        var end = min(sentence.upperBound, start + Self.contextWidth)
        let earliest = max(sentence.lowerBound, start - Self.contextWordSlack)
        while start > earliest, !Self.isSpace(scalars[start - 1]) { start -= 1 }
        let latest = min(sentence.upperBound, end + Self.contextWordSlack)
        while end < latest, !Self.isSpace(scalars[end]) { end += 1 }
        let body = text.text(start..<end).trimmingCharacters(in: .whitespacesAndNewlines)
        return (start > sentence.lowerBound ? "…" : "") + body + (end < sentence.upperBound ? "…" : "")
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{00A0}"
    }

    /// Entities in order of first appearance, each with every mention.
    func foundEntities() -> [FoundEntity] {
        var mentions: [String: [EntityMention]] = [:]
        var contexts: [ContextKey: String] = [:]  // built once per sentence or window, however many mentions it holds
        for claim in claims {
            let first = tokens[claim.range.lowerBound]
            let key = contextKey(sentence: first.sentence, position: first.start)
            let context = contexts[key] ?? contextText(key)
            contexts[key] = context
            mentions[claim.key, default: []].append(EntityMention(offset: first.start, surface: runText(claim.range), sentence: context))
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
