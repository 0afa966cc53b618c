import Foundation
import Model

/// The entity stage: finds people (with roles), organisations, places and issues in an article, detects
/// summits, and scores how much the article is about summit diplomacy. Pure and Sendable: one instance
/// serves every article.
public struct EntityExtractor: Sendable {
    public let gazetteer: Gazetteer
    let index: AliasIndex
    let cityIndex: AliasIndex
    let lexicon: Lexicon
    public let rules: DiscoveryRules

    public init(gazetteer: Gazetteer, rules: DiscoveryRules = .all) {
        self.gazetteer = gazetteer
        self.rules = rules
        var lexicon = Lexicon()
        index = AliasIndex(entries: gazetteer.entries, lexicon: &lexicon)
        cityIndex = AliasIndex(entries: gazetteer.cities, lexicon: &lexicon)
        self.lexicon = lexicon
    }

    /// - Parameters:
    ///   - title: the headline (part of the main text for entities).
    ///   - text: the article text.
    ///   - published: the article's date, for years of summit dates.
    /// Mention offsets count unicode scalars in `title + "\n\n" + text`.
    public func extract(title: String?, text: String, published: Date? = nil) -> EntityReport {
        let document = [title, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        var analysis = ArticleAnalysis(document: document, index: index, cityIndex: cityIndex, gazetteer: gazetteer, lexicon: lexicon, rules: rules)
        analysis.run()
        let entities = analysis.foundEntities()
        let (summits, summitSentences) = SummitDetector(analysis: analysis, published: published).detect()
        let relevance = RelevanceScorer.score(analysis: analysis, summitSentences: summitSentences, summits: summits)
        return EntityReport(relevant: relevance.relevant, score: relevance.score, entities: entities, summits: summits, reasons: relevance.reasons)
    }
}

/// The working state for one article: tokens, which of them are claimed, and what each claim is.
struct ArticleAnalysis {
    struct Claim {
        var key: EntityKey
        var range: Range<Int>
    }
    struct Candidate {
        var type: EntityType
        var name: String
        var origin: EntityOrigin
        var role: String?
        var country: String?
        var firstToken: Int
        /// The folded first and last words of the first mention, and its length, for matching later short forms.
        var firstWord: String
        var lastWord: String
        var wordCount: Int
    }

    let document: String
    let text: Tokenizer.Output
    // Stored, not computed from `text`: a computed array property retains and releases its buffer on every access.
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    let sentences: [Range<Int>]
    let index: AliasIndex
    let cityIndex: AliasIndex
    let rules: DiscoveryRules
    let gazetteer: Gazetteer
    let lexicon: Lexicon
    private(set) var claimed: [Bool]
    private(set) var claims: [Claim] = []
    private(set) var candidates: [EntityKey: Candidate] = [:]
    /// Acronyms the article defined ("(ICIJ)"), folded, to the key of what they stand for.
    private var acronyms: [String: EntityKey] = [:]
    /// Positions of capitalised tokens by folded form, for "does this surname recur".
    private let capitalizedPositions: [String: [Int]]

    init(document: String, index: AliasIndex, cityIndex: AliasIndex, gazetteer: Gazetteer, lexicon: Lexicon, rules: DiscoveryRules) {
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
        self.cityIndex = cityIndex
        self.rules = rules
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
        if rules.contains(.cities) { matchCities() }
        if rules.contains(.acronyms) { linkAcronyms() }
        if rules.contains(.shortForms) { resolveShortForms() }
        resolveDescriptors()
        assignRoles()
    }

    // MARK: - Gazetteer

    private mutating func matchGazetteer() {
        scan(AliasIndex.match, in: gazetteer.entries) { analysis, entry, range in
            // "Kyiv School of Economics", "Moscow Times": a place that opens an organisation's name is not a place here.
            if entry.type == .place, analysis.organisationNameContinues(after: range) || analysis.institutionWordPrecedes(range) { return false }
            // "Lt. Gen. Derek France": a given name right before makes the place a surname.
            if entry.type == .place, analysis.rules.contains(.titledNames), analysis.givenNamePrecedes(range) { return false }
            // "Central Asia", "South Caucasus": a compass word before a continent or macro-region is part of its name.
            if entry.type == .place, analysis.rules.contains(.compassRegions), let start = analysis.compassWordBefore(range) {
                analysis.claim(
                    type: .place, name: analysis.runText(start..<range.upperBound), origin: .discovered, role: nil, country: nil,
                    range: start..<range.upperBound)
                return true
            }
            analysis.claim(type: entry.type, name: entry.name, origin: entry.origin, role: entry.role, country: entry.country, range: range)
            return true
        }
        // Issues overlap names freely and never block them, so they are matched apart and claim no tokens.
        scan(AliasIndex.matchIssue, in: gazetteer.entries) { analysis, entry, range in
            analysis.record(type: entry.type, name: entry.name, origin: entry.origin, role: nil, country: nil, range: range)
            return true
        }
    }

    /// Left to right, longest alias first; `take` says whether a match was used (the scan then skips past it).
    private mutating func scan(
        _ match: (AliasIndex) -> ([Token], Int) -> AliasIndex.Alias?, in entries: [GazetteerEntry],
        take: (inout ArticleAnalysis, GazetteerEntry, Range<Int>) -> Bool
    ) {
        let matcher = match(index)  // bound once: partial application per token would allocate a closure each time
        let tokens = self.tokens
        var position = 0
        while position < tokens.count {
            guard let alias = matcher(tokens, position) else {
                position += 1
                continue
            }
            let range = position..<(position + alias.tokens.count)
            position = take(&self, entries[alias.entry], range) ? range.upperBound : position + 1
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
        while end < tokens.count, end < range.upperBound + 4, tokens[end].sentence == sentence, gapIsSpace(before: end),
            tokens[end].isCapitalized || tokens[end].flags.contains(.connector)
        {
            if tokens[end].flags.contains(.institution) || tokens[end].flags.contains(.orgSuffix) && tokens[end].isCapitalized {
                return true
            }
            if !tokens[end].isCapitalized && !tokens[end].flags.contains(.connector) { break }
            end += 1
        }
        return false
    }

    private func givenNamePrecedes(_ range: Range<Int>) -> Bool {
        let before = range.lowerBound - 1
        guard range.count == 1, before >= 0, !claimed[before], tokens[before].sentence == tokens[range.lowerBound].sentence,
            tokens[before].isCapitalized, tokens[before].flags.contains(.givenName) || titleBefore(before) != nil,
            gapIsSpace(before: range.lowerBound)
        else { return false }
        return !tokens[range.lowerBound].isAllCaps
    }

    private func compassWordBefore(_ range: Range<Int>) -> Int? {
        let before = range.lowerBound - 1
        guard range.count == 1, before >= 0, !claimed[before], tokens[range.lowerBound].flags.contains(.macroRegion),
            tokens[before].isCapitalized, tokens[before].flags.contains(.compass), gapIsSpace(before: range.lowerBound)
        else { return nil }
        return before
    }

    // MARK: - Cities

    /// GeoNames cities, on what the other rules left: a capitalised name standing alone (not inside a longer name).
    private mutating func matchCities() {
        var position = 0
        while position < tokens.count {
            // Only a capitalised word nothing else claimed can open a city's name: no index lookup for the rest.
            guard !claimed[position], tokens[position].isCapitalized, let alias = cityIndex.match(tokens, at: position) else {
                position += 1
                continue
            }
            let range = position..<(position + alias.tokens.count)
            guard range.allSatisfy({ !claimed[$0] }), standsAlone(range) else {
                position += 1
                continue
            }
            let entry = gazetteer.cities[alias.entry]
            claim(type: .place, name: entry.name, origin: entry.origin, role: nil, country: entry.country, range: range)
            claimStateAbbreviation(after: range)
            position = range.upperBound
        }
    }

    /// Neither the word before nor the word after continues a capitalised name.
    private func standsAlone(_ range: Range<Int>) -> Bool {
        let before = range.lowerBound - 1
        // "m'Bari", "Tel-Aviv-Yafo": a name glued to the word before is part of it.
        if before >= 0, let last = gap(before: range.lowerBound).unicodeScalars.last, !Self.isSpace(last), last != "(", last != "\"", last != "\u{201C}" {
            return false
        }
        if before >= 0, tokens[before].sentence == tokens[range.lowerBound].sentence, tokens[before].isCapitalized,
            !tokens[before].flags.contains(.notName) || claimed[before], gapIsSpace(before: range.lowerBound)
        {
            return false
        }
        let after = range.upperBound
        if after < tokens.count, tokens[after].sentence == tokens[range.lowerBound].sentence, tokens[after].isCapitalized,
            gapIsSpace(before: after)
        {
            return false
        }
        // A city at the start of a sentence is a city when something else says so: a comma or a place word next.
        if tokens[range.lowerBound].opensSentence, range.count == 1 {
            return after < tokens.count && (gap(before: after).hasPrefix(",") || tokens[after].norm == "is" || tokens[after].norm == "has")
        }
        return true
    }

    /// "Nashville, Tenn.": an AP state abbreviation after a city is the state.
    private mutating func claimStateAbbreviation(after range: Range<Int>) {
        let next = range.upperBound
        guard next < tokens.count, !claimed[next], tokens[next].isCapitalized, gap(before: next) == ", ",
            let state = EntityVocabulary.stateAbbreviations[tokens[next].norm]
        else { return }
        let written = text.text(tokens[next].start..<tokens[next].end)
        guard written.hasSuffix(".") || next + 1 < tokens.count && scalars[tokens[next].end] == "." else { return }
        claim(type: .place, name: state, origin: .gazetteer, role: nil, country: "United States", range: next..<(next + 1))
    }

    // MARK: - Discovery

    private mutating func discoverNames() {
        for claim in claims where claim.key.type == .org { defineAcronym(after: claim.range, key: claim.key) }
        var position = 0
        while position < tokens.count {
            if !claimed[position], tokens[position].isAllCaps, let key = acronyms[tokens[position].norm] {
                claimRepeat(key: key, range: position..<(position + 1))
                position += 1
                continue
            }
            guard !claimed[position], var run = capitalizedRun(from: position) else {
                position += 1
                continue
            }
            if run.count == 1, tokens[run.lowerBound].isAllCaps, let key = acronyms[tokens[run.lowerBound].norm] {
                claimRepeat(key: key, range: run)
                position = run.upperBound
                continue
            }
            // "…and Migration Minister Jim O'Callaghan": a title and a given name inside a run start a new name.
            if rules.contains(.institutionNames), let split = internalTitle(in: run) { run = run.lowerBound..<split }
            if var type = classify(run) {
                let name = runText(run)
                if type.0 == .person, run.count == 1, rules.contains(.shortForms), let full = personNamed(surname: tokens[run.lowerBound].norm) {
                    type.1 = full
                }
                if type.0 != .person, type.1 == nil, rules.contains(.shortForms), let earlier = variant(of: run, type: type.0) { type.1 = earlier }
                claim(type: type.0, name: type.1 ?? name, origin: .discovered, role: nil, country: nil, range: run)
                defineAcronym(after: run, key: EntityKey(type: type.0, name: type.1 ?? name))
            }
            position = max(run.upperBound, position + 1)
        }
    }

    /// Where a title followed by a given name starts inside a run, if it does (not at the run's start).
    private func internalTitle(in run: Range<Int>) -> Int? {
        for index in (run.lowerBound + 1)..<run.upperBound where index + 1 < run.upperBound && tokens[index + 1].flags.contains(.givenName) {
            if let title = titleBefore(index + 1), title.start > run.lowerBound { return title.start }
        }
        return nil
    }

    /// An organisation or place already found that this run names again: "the Post" after "New York Post",
    /// "Etosha Park" after "Etosha National Park" (same first and last word, or both ending in a place word).
    private func variant(of run: Range<Int>, type: EntityType) -> String? {
        let first = tokens[run.lowerBound].norm
        let last = tokens[run.upperBound - 1].norm
        let lastIsPlaceWord = tokens[run.upperBound - 1].flags.contains(.placeSuffix)
        let matches = candidates.values.filter { candidate in
            guard candidate.type == type, candidate.wordCount > 1 else { return false }
            if run.count == 1 { return candidate.lastWord == last && !tokens[run.lowerBound].flags.contains(.institution) }
            let sameEnd = candidate.lastWord == last || lastIsPlaceWord && EntityVocabulary.placeSuffixes.contains(candidate.lastWord)
            return candidate.firstWord == first && sameEnd && candidate.wordCount != run.count
        }
        return matches.count == 1 ? matches[0].name : nil
    }

    /// The full name of a person already found whose last word is `surname` ("Prof. Wassenaar" after "Theo Wassenaar").
    private func personNamed(surname: String) -> String? {
        let matches = candidates.values.filter { $0.type == .person && $0.wordCount > 1 && $0.lastWord == surname }
        return matches.count == 1 ? matches[0].name : nil
    }

    /// A maximal run of capitalised, unclaimed tokens in one sentence; connectors (of, for, the) may join two parts.
    private func capitalizedRun(from start: Int) -> Range<Int>? {
        guard isNameToken(start) else { return nil }
        var end = start + 1
        while end < tokens.count, tokens[end].sentence == tokens[start].sentence, !claimed[end],
            gapIsSpace(before: end) || possessiveOpensInstitution(at: end) || listContinuesInstitution(at: end, from: start) || nicknameJoin(at: end) != nil
        {
            if let resume = nicknameJoin(at: end) {
                end = resume
            } else if isNameToken(end) {
                end += 1
            } else if tokens[end].flags.contains(.connector), !tokens[end].isCapitalized, end + 1 < tokens.count,
                tokens[end + 1].sentence == tokens[start].sentence, isNameToken(end + 1), !claimed[end + 1],
                tokens[end - 1].flags.contains(.orgSuffix) || tokens[end].norm != "and" || listContinuesInstitution(at: end + 1, from: start)
            {
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
            // "New York Post", "Al Udeid Air Base": written with a capital inside a sentence, these open the name.
            if rules.contains(.institutionNames), tokens[lower].norm == "new" || tokens[lower].norm == "al", tokens[lower].isCapitalized,
                !tokens[lower].opensSentence,
                lower + 1 < end, isNameToken(lower + 1)
            {
                break
            }
            if lower + 1 < end, possessiveOpensInstitution(at: lower + 1) { break }
            lower += 1
        }
        // "Queen Mary University", "King Fahd Hospital": in an institution's name a royal title is part of the name.
        let keepsTitle =
            rules.contains(.institutionNames) && namesInstitution && lower < end && ["king", "queen", "prince", "princess", "st"].contains(tokens[lower].norm)
        while !keepsTitle, lower < end, tokens[lower].flags.contains(.titleStart),
            let title = lexicon.titles.first(where: { title in
                lower + title.count <= end && title.indices.allSatisfy { tokens[lower + $0].id == title[$0] }
            })
        {
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

    /// "Kenneth “Frank” McKenzie": a quoted one-word nickname between two names; returns where the run resumes.
    private func nicknameJoin(at index: Int) -> Int? {
        guard rules.contains(.titledNames), index > 0, index + 1 < tokens.count, isNameToken(index - 1), isNameToken(index), isNameToken(index + 1),
            !claimed[index], !claimed[index + 1], tokens[index + 1].sentence == tokens[index].sentence
        else { return nil }
        let open = gap(before: index)
        let close = gap(before: index + 1)
        guard open == " \u{201C}" || open == " \"", close == "\u{201D} " || close == "\" " else { return nil }
        return index + 2
    }

    /// "King's College London": a possessive joins a name only when an institution word follows it.
    private func possessiveOpensInstitution(at index: Int) -> Bool {
        guard rules.contains(.institutionNames), index > 0, index + 1 < tokens.count, tokens[index].isCapitalized, tokens[index - 1].isCapitalized,
            tokens[index - 1].flags.contains(.titleEnd) || tokens[index - 1].norm == "st"
        else { return false }
        let gap = gap(before: index)
        guard gap == "'s " || gap == "\u{2019}s " else { return false }
        return tokens[index].flags.contains(.institution) || tokens[index + 1].flags.contains(.institution) && gapIsSpace(before: index + 1)
    }

    /// "Ministry of Environment, Forestry and Tourism": after "Ministry/Department of", a comma list of capitalised
    /// words closed by "and" belongs to the name.
    private func listContinuesInstitution(at index: Int, from start: Int) -> Bool {
        guard rules.contains(.institutionNames), index < tokens.count, index - start >= 3,
            scalars[tokens[index - 1].end] == "," || tokens[index - 1].norm == "and"
        else { return false }
        guard (start..<(index - 1)).contains(where: { tokens[$0].flags.contains(.institution) && tokens[$0 + 1].norm == "of" }) else { return false }
        if tokens[index - 1].norm == "and" { return isNameToken(index) }
        guard gap(before: index) == ", " else { return false }
        // The list must close with "and" and a capitalised word within the sentence, before anything else.
        var probe = index
        while probe < tokens.count, probe < index + 8, tokens[probe].sentence == tokens[index].sentence {
            if tokens[probe].norm == "and" { return probe + 1 < tokens.count && isNameToken(probe + 1) }
            guard isNameToken(probe) else { return false }
            probe += 1
        }
        return false
    }

    /// "Center for a New…", "Ministry of the Interior": after an institution word, a connector and an article may
    /// join the next capitalised word; returns where the run resumes.
    private func institutionArticleJoin(at index: Int, sentence: Int) -> Int? {
        guard index + 2 < tokens.count, index > 0,
            tokens[index - 1].flags.contains(.orgSuffix) || tokens[index - 1].flags.contains(.institution),
            tokens[index].flags.contains(.connector), !tokens[index].isCapitalized, tokens[index].norm != "and",
            ["a", "an", "the"].contains(tokens[index + 1].norm), !tokens[index + 1].isCapitalized,
            tokens[index + 2].sentence == sentence, isNameToken(index + 2), !claimed[index + 1], !claimed[index + 2],
            gapIsSpace(before: index + 1), gapIsSpace(before: index + 2)
        else { return nil }
        return index + 2
    }

    /// The characters between token `index - 1` and token `index`.
    func gap(before index: Int) -> String {
        guard index > 0, index < tokens.count else { return "" }
        let start = tokens[index - 1].end
        let end = tokens[index].start
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
        if tokens[run.lowerBound].opensSentence && run.count == 1 && !isFollowedBySpeech(run)
            && !(rules.contains(.organisationContext) && isOutletReporting(run))
        {
            return nil
        }
        if run.count == 1, scalars[tokens[run.lowerBound].start..<tokens[run.lowerBound].end].contains("."),
            tokens[run.lowerBound].norm.hasSuffix("ru") || tokens[run.lowerBound].norm.hasSuffix("com")
        {
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
        if run.count == 2, rules.contains(.contextPlaces), tokens[run.lowerBound].flags.contains(.placePrefix),
            !tokens[run.upperBound - 1].flags.contains(.givenName)
        {
            return (.place, nil)
        }
        if rules.contains(.contextPlaces), isPlaceByContext(run) { return (.place, nil) }
        if rules.contains(.organisationContext), appositiveNamesOrganisation(run) { return (.org, nil) }
        if words.allSatisfy({ $0.utf8.count > 1 }) && run.count >= 2 && run.count <= 4 && looksLikePersonName(run) {
            if hasTitleBefore(run) || isFollowedBySpeech(run) || isPrecededBySpeech(run) || surnameRecurs(run)
                || hasAppositive(run) || isPrecededByAccordingTo(run) || tokens[run.lowerBound].flags.contains(.givenName)
            {
                return (.person, nil)
            }
        }
        if run.count == 1, hasTitleBefore(run), looksLikePersonName(run), !lastFlags.contains(.institution) { return (.person, nil) }
        if run.count == 1, isOutletLike(run.lowerBound), isPrecededByAccordingTo(run) || isAfter(["told"], run) || isAfter(["interview", "with"], run) {
            return (.org, nil)
        }
        if run.count <= 3, hasOrganisationNounBefore(run), !tokens[run.lowerBound].flags.contains(.givenName) { return (.org, nil) }
        if isAffiliation(run), run.count >= 2 || isOutletLike(run.lowerBound) { return (.org, nil) }
        if rules.contains(.organisationContext), isOrganisationByContext(run) { return (.org, nil) }
        if rules.contains(.acronyms), let acronym = acronymAfter(run), initials(of: run) == acronym { return (.org, nil) }
        return nil
    }

    /// "Top Rank, a U.S. boxing promotion company", "Plaid Cymru, the Welsh nationalist party": the description after
    /// the comma says what kind of organisation the name is.
    private func appositiveNamesOrganisation(_ run: Range<Int>) -> Bool {
        guard run.upperBound < tokens.count, scalars[tokens[run.upperBound - 1].end] == ",",
            ["a", "an", "the"].contains(tokens[run.upperBound].norm)
        else { return false }
        var index = run.upperBound + 1
        while index < tokens.count, index <= run.upperBound + 6, tokens[index].sentence == tokens[run.lowerBound].sentence {
            let token = tokens[index]
            if !token.isCapitalized, token.flags.contains(.orgSuffix) || token.flags.contains(.organisationNoun) || token.flags.contains(.institution) {
                return true
            }
            if scalars[tokens[index - 1].end] == "," || token.norm == "who" { return false }
            index += 1
        }
        return false
    }

    /// "Caerphilly, Wales", "a Kyiv-based firm": a name followed by the region it lies in, after "in/near/from/at",
    /// or written before "-based", is a place.
    private func isPlaceByContext(_ run: Range<Int>) -> Bool {
        guard !tokens[run.lowerBound].flags.contains(.givenName), run.allSatisfy({ !tokens[$0].isAllCaps }) else { return false }
        let last = run.upperBound - 1
        if tokens[last].hyphenatedToNext, run.upperBound < tokens.count, tokens[run.upperBound].norm == "based" { return true }
        guard run.lowerBound > 0, ["in", "near", "from", "at"].contains(tokens[run.lowerBound - 1].norm), run.count <= 3,
            gapAfter(run) == ", ", run.upperBound < tokens.count
        else { return false }
        return claimKey(at: run.upperBound)?.type == .place
    }

    /// Outlets quoted or spoken to ("told Politico Europe", "speaking to Czech Radio Plus"), names written like an
    /// outlet that report or speak ("ICU said"), outlets listed with a known one ("IAR and Reuters"), names
    /// introduced by what they are after a comma ("a local news outlet, Network Media Hub"), and parties whose
    /// name does not say "Party" ("the Georgian Dream party").
    private func isOrganisationByContext(_ run: Range<Int>) -> Bool {
        let first = tokens[run.lowerBound]
        if first.flags.contains(.givenName) { return false }
        if run.count <= 4, EntityVocabulary.outletCuePhrases.contains(where: { isAfter($0, run) }),
            !run.contains(where: { tokens[$0].flags.contains(.titleEnd) }),
            !looksLikePersonName(run) || run.count == 1 && isOutletLike(run.lowerBound)
        {
            return true
        }
        if isOutletReporting(run) || isRecurringCompanyName(run) { return true }
        if run.count == 1, isOutletLike(run.lowerBound), isCoordinatedWithOrganisation(run) { return true }
        if run.count <= 3, run.lowerBound >= 2, tokens[run.lowerBound - 1].flags.contains(.organisationNoun), gapBefore(run) == ", ",
            !tokens[run.lowerBound - 1].isCapitalized, [",", "."].contains(gapAfter(run).trimmingCharacters(in: .whitespaces).first.map(String.init) ?? "")
        {
            return true
        }
        if run.count <= 3, run.upperBound < tokens.count, !tokens[run.upperBound].isCapitalized,
            EntityVocabulary.partyNouns.contains(tokens[run.upperBound].norm), gapAfter(run) == " "
        {
            return true
        }
        return false
    }

    /// "SpaceX", "OpenAI": a word with a capital inside, used more than once, is a company or outlet; the prefixes
    /// of surnames written that way (McKenzie, DeSantis, MacArthur, LeBlanc) are not.
    private func isRecurringCompanyName(_ run: Range<Int>) -> Bool {
        let token = tokens[run.lowerBound]
        guard run.count == 1, !token.isAllCaps, isOutletLike(run.lowerBound), (capitalizedPositions[token.norm]?.count ?? 0) >= 2 else { return false }
        // Inside an identifier or a URL ("MODIS_Terra_TrueColor") it is no name.
        let glue: Set<Character> = ["_", "/", "=", "&", "."]
        if let before = gapBefore(run).last, glue.contains(before) { return false }
        if let after = gapAfter(run).first, glue.contains(after), gapAfter(run).count == 1 { return false }
        return !["mc", "mac", "de", "di", "da", "la", "le", "van", "von", "o"].contains { token.norm.hasPrefix($0) }
    }

    /// "ZVN reported", "ICU said": a single name in capitals that reports.
    private func isOutletReporting(_ run: Range<Int>) -> Bool {
        run.count == 1 && tokens[run.lowerBound].isAllCaps && isOutletLike(run.lowerBound) && run.upperBound < tokens.count
            && EntityVocabulary.reportingVerbs.contains(tokens[run.upperBound].norm)
    }

    /// "IAR and Reuters", "Reuters and IAR": joined by "and" to an organisation already found.
    private func isCoordinatedWithOrganisation(_ run: Range<Int>) -> Bool {
        let after = run.upperBound
        if after + 1 < tokens.count, tokens[after].norm == "and", claimKey(at: after + 1)?.type == .org { return true }
        let before = run.lowerBound
        return before >= 2 && tokens[before - 1].norm == "and" && claimKey(at: before - 2)?.type == .org
    }

    /// The key of the claim covering token `position`, if any.
    func claimKey(at position: Int) -> EntityKey? {
        guard position >= 0, position < tokens.count, claimed[position] else { return nil }
        return claims.last { $0.range.contains(position) }?.key
    }

    // MARK: - Acronyms

    /// "International Criminal Court (ICC)": the all-capital word in brackets right after a name, if there is one.
    private func acronymAfter(_ run: Range<Int>) -> String? {
        let next = run.upperBound
        guard next < tokens.count, tokens[next].isAllCaps, tokens[next].norm.utf8.count >= 2, tokens[next].norm.utf8.count <= 8,
            gapAfter(run) == " (", gap(before: next + 1).hasPrefix(")") || next + 1 == tokens.count
        else { return nil }
        return tokens[next].norm
    }

    /// First letters of a name's capitalised words ("International Consortium of Investigative Journalists" → "icij").
    private func initials(of run: Range<Int>) -> String {
        String(run.compactMap { tokens[$0].isCapitalized ? tokens[$0].norm.first : nil })
    }

    /// An organisation followed by its acronym in brackets: the acronym is claimed as a mention, and so is every
    /// later use of it.
    private mutating func defineAcronym(after range: Range<Int>, key: EntityKey) {
        guard rules.contains(.acronyms), key.type == .org, let acronym = acronymAfter(range), !claimed[range.upperBound],
            let first = acronym.first, tokens[range.lowerBound].norm.first == first || initials(of: range).contains(first)
        else { return }
        acronyms[acronym] = key
        claimRepeat(key: key, range: range.upperBound..<(range.upperBound + 1))
    }

    /// Claims one more mention of an entity already found.
    private mutating func claimRepeat(key: EntityKey, range: Range<Int>) {
        guard let candidate = candidates[key] else { return }
        claim(type: candidate.type, name: candidate.name, origin: candidate.origin, role: nil, country: nil, range: range)
    }

    /// Acronyms defined after organisations the gazetteer found, then every later use of any defined acronym.
    private mutating func linkAcronyms() {
        for claim in claims where claim.key.type == .org { defineAcronym(after: claim.range, key: claim.key) }
        guard !acronyms.isEmpty else { return }
        for position in tokens.indices where !claimed[position] && tokens[position].isAllCaps {
            if let key = acronyms[tokens[position].norm] { claimRepeat(key: key, range: position..<(position + 1)) }
        }
    }

    // MARK: - Short forms

    /// "the ministry", "the Council": an institution word after "the", standing alone, is the organisation of that
    /// kind the article named last.
    private mutating func resolveShortForms() {
        for position in tokens.indices.dropFirst() where !claimed[position] && tokens[position].flags.contains(.institution) {
            guard tokens[position - 1].norm == "the", position + 1 >= tokens.count || !(tokens[position + 1].isCapitalized || tokens[position + 1].norm == "of")
            else { continue }
            let noun = tokens[position].norm
            guard
                let key = claims.last(where: { claim in
                    claim.range.upperBound <= position && claim.key.type == .org && claim.range.contains { tokens[$0].norm == noun }
                })?.key
            else { continue }
            claimRepeat(key: key, range: position..<(position + 1))
        }
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
        guard gapBefore(run).hasSuffix("("), !definesTerm(run) else { return false }
        let after = gapAfter(run)
        if after.hasPrefix(")") || after.hasPrefix(";") { return true }
        guard after.hasPrefix(","), run.upperBound < tokens.count else { return false }
        return tokens[run.upperBound].flags.contains(.month)
    }

    /// "in-situ resource utilization (ISRU)": an acronym spelling the words before the bracket names a term.
    private func definesTerm(_ run: Range<Int>) -> Bool {
        guard run.count == 1, tokens[run.lowerBound].isAllCaps else { return false }
        let letters = Array(tokens[run.lowerBound].norm)
        let start = run.lowerBound - letters.count
        guard start >= 0 else { return false }
        return (0..<letters.count).allSatisfy { tokens[start + $0].norm.first == letters[$0] }
    }

    /// "Jim Townsend, a former Pentagon official", "Rob Lee, senior fellow at…": a name followed by who they are.
    private func hasAppositive(_ run: Range<Int>) -> Bool {
        guard gapAfter(run).hasPrefix(","), run.upperBound < tokens.count else { return false }
        let next = tokens[run.upperBound]
        return next.flags.contains(.appositive) || next.flags.contains(.titleStart)
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
            // "Nicholas II": a regnal number closes a name.
            if rules.contains(.titledNames), index == run.upperBound - 1, index > run.lowerBound, ["ii", "iii", "iv"].contains(token.norm) { return true }
            return !token.isAllCaps && !token.flags.contains(.notName) && !token.flags.contains(.orgSuffix)
                && !token.flags.contains(.placeSuffix) && lexicon.nationality(of: token.id) == nil
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
        for index in lexicon.titlesByLastWord[tokens[position - 1].id] ?? [] {
            let title = lexicon.titles[index]
            let start = position - title.count
            guard start >= 0 else { continue }
            if (0..<title.count).allSatisfy({ tokens[start + $0].id == title[$0] && tokens[start + $0].sentence == tokens[position].sentence }) {
                if !rules.contains(.titledNames), title.count == 1, EntityVocabulary.occupations.contains(EntityVocabulary.titles[index][0]) { continue }
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
            bySurname[surname] = bySurname[surname] == nil ? person.name : ""  // ambiguous surnames resolve to nothing
        }
        for position in tokens.indices where !claimed[position] && tokens[position].isCapitalized {
            guard let name = bySurname[tokens[position].norm], !name.isEmpty, let person = candidates[EntityKey(type: .person, name: name)] else { continue }
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
            let named = candidates[EntityKey(type: entry.type, name: entry.name)] != nil
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
            guard claim.key.type == .person, var candidate = candidates[claim.key],
                let (title, start) = titleBefore(claim.range.lowerBound)
            else { continue }
            let role = title.joined(separator: " ")
            guard !EntityVocabulary.honorifics.contains(role), !rolesSet.contains(claim.key) else { continue }
            candidate.role = role
            if start > 0, let country = lexicon.nationality(of: tokens[start - 1].id) { candidate.country = country }
            candidates[claim.key] = candidate
            rolesSet.insert(claim.key)
        }
    }
    private var rolesSet: Set<EntityKey> = []

    // MARK: - Claims

    private mutating func claim(type: EntityType, name: String, origin: EntityOrigin, role: String?, country: String?, range: Range<Int>) {
        record(type: type, name: name, origin: origin, role: role, country: country, range: range)
        for position in range { claimed[position] = true }
    }

    private mutating func record(type: EntityType, name: String, origin: EntityOrigin, role: String?, country: String?, range: Range<Int>) {
        let key = EntityKey(type: type, name: name)
        if candidates[key] == nil {
            candidates[key] = Candidate(
                type: type, name: name, origin: origin, role: role, country: country, firstToken: range.lowerBound,
                firstWord: tokens[range.lowerBound].norm, lastWord: tokens[range.upperBound - 1].norm, wordCount: range.count)
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
        var mentions: [EntityKey: [EntityMention]] = [:]
        var contexts: [ContextKey: String] = [:]  // built once per sentence or window, however many mentions it holds
        for claim in claims {
            let first = tokens[claim.range.lowerBound]
            let key = contextKey(sentence: first.sentence, position: first.start)
            let context = contexts[key] ?? contextText(key)
            contexts[key] = context
            mentions[claim.key, default: []].append(EntityMention(offset: first.start, surface: runText(claim.range), sentence: context))
        }
        return candidates.values.sorted { $0.firstToken < $1.firstToken }.map { candidate in
            FoundEntity(
                type: candidate.type, name: candidate.name, origin: candidate.origin, role: candidate.role,
                country: candidate.country, mentions: mentions[EntityKey(type: candidate.type, name: candidate.name)] ?? [])
        }
    }

    /// Claims in one sentence, in order: (key, first token).
    func claims(inSentence sentence: Int) -> [Claim] {
        claims.filter { tokens[$0.range.lowerBound].sentence == sentence }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    func candidate(_ key: EntityKey) -> Candidate? { candidates[key] }

    func isClaimed(_ position: Int) -> Bool { claimed[position] }
}
