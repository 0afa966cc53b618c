import Foundation

/// Finds summits in an article: a sentence about a meeting, summit or talks that names two or more leaders
/// (or a hyphenated pair: "the Trump-Putin summit"), with the place it names after "in"/"at" and a day if given.
struct SummitDetector {
    let analysis: ArticleAnalysis
    let published: Date?

    /// Words that make a sentence about a meeting. Source: summit coverage vocabulary (AP, Reuters).
    static let triggers: Set<String> = [
        "summit", "summits", "meeting", "meet", "met", "meets", "talks", "negotiations", "sit", "facetoface", "face", "hosted", "hosts", "host",
    ]

    /// Organisations whose meetings are summits of many leaders. Source: the recurring multilateral summits of
    /// international relations (G7/G20, NATO, BRICS, SCO, ASEAN, APEC, EU councils, the UN General Assembly, regional unions).
    static let multilateralBodies: Set<String> = [
        "G7", "G20", "NATO", "BRICS", "Shanghai Cooperation Organisation", "ASEAN", "APEC", "European Council", "European Union",
        "Council of the European Union", "United Nations General Assembly", "African Union", "Arab League", "Gulf Cooperation Council",
        "OSCE", "Council of Europe", "European Political Community", "Commonwealth of Independent States",
    ]
    /// Words that make the sentence's summit a multilateral one ("the NATO summit", "G20 leaders met").
    static let multilateralTriggers: Set<String> = ["summit", "summits", "meeting", "meet", "met", "meets", "leaders", "hosted", "hosts", "host", "gathering"]

    /// Summits found, and the sentences that describe them (for relevance).
    func detect() -> (summits: [DetectedSummit], sentences: Set<Int>) {
        var found: [DetectedSummit] = []
        var summitSentences = Set<Int>()
        var lastSummit: Int?
        var lastSummitSentence = 0
        let tokens = analysis.tokens
        var sentenceTokens: [Int: [Int]] = [:]
        for index in tokens.indices { sentenceTokens[tokens[index].sentence, default: []].append(index) }
        for sentence in sentenceTokens.keys.sorted() {
            let indices = sentenceTokens[sentence]!
            let triggerPositions = indices.filter { tokens[$0].flags.contains(.trigger) }
            guard !triggerPositions.isEmpty else { continue }
            let claims = analysis.claims(inSentence: sentence)
            guard var described = summit(in: sentence, indices: indices, triggers: triggerPositions, claims: claims) else {
                // "The summit will be held in Geneva on May 3": a later sentence about the same meeting adds its place and day.
                if let last = lastSummit, sentence - lastSummitSentence <= 3, refersBack(indices) {
                    if found[last].place == nil { found[last].place = placeNear(triggerPositions, claims: claims) }
                    if found[last].date == nil { found[last].date = date(in: indices) }
                    found[last].hosts = orderedUnique(found[last].hosts + hosts(in: indices, claims: claims))
                    summitSentences.insert(sentence)
                }
                continue
            }
            described.hosts = hosts(in: indices, claims: claims)
            summitSentences.insert(sentence)
            lastSummit = merge(described, into: &found)
            lastSummitSentence = sentence
        }
        return (found, summitSentences)
    }

    /// The summit one sentence describes: two leaders meeting, a multilateral body's summit, or delegations talking.
    private func summit(in sentence: Int, indices: [Int], triggers: [Int], claims allClaims: [ArticleAnalysis.Claim]) -> DetectedSummit? {
        let tokens = analysis.tokens
        var claims = allClaims
        // "a meeting between Trump and Putin": when the sentence says between whom, only they take part
        // (not the host who offered the venue, nor the official quoted about it).
        if let between = indices.first(where: { tokens[$0].norm == "between" }),
            claims.filter({ $0.range.lowerBound > between && $0.key.type == .person }).count >= 2
        {
            claims = claims.filter { $0.range.lowerBound > between || $0.key.type != .person }
        }
        let leaders = orderedUnique(
            claims.compactMap { claim -> String? in
                guard let candidate = analysis.candidate(claim.key), candidate.type == .person else { return nil }
                return isLeader(candidate) || isHyphenPair(claim, claims) ? candidate.name : nil
            })
        let bodies = orderedUnique(
            claims.compactMap { claim -> String? in
                guard claim.key.type == .org, let name = analysis.candidate(claim.key)?.name, Self.multilateralBodies.contains(name) else { return nil }
                return name
            })
        let multilateral = !bodies.isEmpty && triggers.contains { Self.multilateralTriggers.contains(tokens[$0].norm) }
        var participants: [String]
        if multilateral {
            participants = bodies + leaders.sorted()
        } else if leaders.count >= 2 {
            participants = leaders.sorted()
        } else {
            participants = delegations(in: indices, claims: claims)
            guard participants.count >= 2 else { return nil }
        }
        // The host or mediator is named apart, not as a party to the talks.
        let named = Set(hosts(in: indices, claims: claims))
        participants = orderedUnique(participants.filter { !named.contains($0) || multilateral })
        guard multilateral || participants.count >= 2 else { return nil }
        return DetectedSummit(
            participants: participants, place: placeNear(triggers, claims: claims), date: date(in: indices),
            sentence: analysis.sentenceText(sentence))
    }

    /// "Russian and Ukrainian delegations met in Istanbul", "talks in Abu Dhabi between Russia and Ukraine": the
    /// countries named right before the delegations (or negotiators), or right after "between", in a sentence about
    /// talks. A country named elsewhere in the sentence is a venue or a source, not a party.
    private func delegations(in indices: [Int], claims: [ArticleAnalysis.Claim]) -> [String] {
        let tokens = analysis.tokens
        guard indices.contains(where: { Self.talkWords.contains(tokens[$0].norm) }) else { return [] }
        var countries: [String] = []
        for index in indices {
            if Self.delegationWords.contains(tokens[index].norm) {
                countries += countrySeries(from: index - 1, step: -1, sentence: tokens[index].sentence)
            } else if tokens[index].norm == "between" {
                countries += countrySeries(from: index + 1, step: 1, sentence: tokens[index].sentence)
            }
        }
        return orderedUnique(countries).sorted()
    }

    /// Words for the teams that negotiate. Source: summit coverage vocabulary (AP, Reuters).
    static let delegationWords: Set<String> = ["delegation", "delegations", "negotiators", "teams"]
    /// Words that make the sentence about talks held.
    static let talkWords: Set<String> = ["talks", "met", "meet", "meeting", "negotiations", "held", "hold"]

    /// Countries (as names or nationality words) joined by "and" or commas, read from `start` in direction `step`.
    private func countrySeries(from start: Int, step: Int, sentence: Int) -> [String] {
        let tokens = analysis.tokens
        var countries: [String] = []
        var index = start
        while index >= 0, index < tokens.count, tokens[index].sentence == sentence {
            if let key = analysis.claimKey(at: index) {
                guard key.type == .place, let candidate = analysis.candidate(key), candidate.country == candidate.name else { break }
                countries.append(candidate.name)
                // Step over the rest of the claimed name ("United Arab Emirates").
                while index + step >= 0, index + step < tokens.count, analysis.claimKey(at: index + step) == key { index += step }
            } else if let country = analysis.lexicon.nationality(of: tokens[index].id), tokens[index].isCapitalized {
                countries.append(country)
            } else if tokens[index].norm != "and" && tokens[index].norm != "the" {
                break
            }
            index += step
        }
        return countries
    }

    /// "hosted by Saudi Arabia", "mediated by Oman", "Turkey, which hosts the talks": the host or mediator named
    /// right after "hosted/mediated by" or right before "hosts/hosted/mediates/mediated".
    private func hosts(in indices: [Int], claims: [ArticleAnalysis.Claim]) -> [String] {
        let tokens = analysis.tokens
        var names: [String] = []
        for claim in claims where claim.key.type != .issue {
            let before = claim.range.lowerBound
            let after = claim.range.upperBound
            let byHost = before >= 2 && tokens[before - 1].norm == "by" && Self.hostVerbs.contains(tokens[before - 2].norm)
            let hostNext =
                after < tokens.count && tokens[after].sentence == tokens[before].sentence
                && Self.hostVerbs.contains(tokens[after].norm) && tokens[after].norm != "hosted"
            if byHost || hostNext, let name = analysis.candidate(claim.key)?.name { names.append(name) }
        }
        return orderedUnique(names)
    }

    /// Verbs of hosting and mediating. Source: summit coverage vocabulary (AP, Reuters).
    static let hostVerbs: Set<String> = ["hosted", "hosts", "host", "hosting", "mediated", "mediates", "mediating", "brokered", "facilitated"]

    /// A sentence that speaks of "the summit", "the talks", "the meeting" already introduced.
    private func refersBack(_ indices: [Int]) -> Bool {
        let tokens = analysis.tokens
        return indices.indices.contains { offset in
            offset + 1 < indices.count && ["the", "this", "that"].contains(tokens[indices[offset]].norm)
                && ["summit", "talks", "meeting"].contains(tokens[indices[offset + 1]].norm)
        }
    }

    private func isLeader(_ candidate: ArticleAnalysis.Candidate) -> Bool {
        if let role = candidate.role, EntityVocabulary.leaderRoles.contains(role) { return true }
        let entry = analysis.gazetteer.entries.first { $0.name == candidate.name && $0.type == .person }
        return entry?.role.map(EntityVocabulary.leaderRoles.contains) ?? false
    }

    /// "Trump-Putin summit": a person joined by a hyphen to another person.
    private func isHyphenPair(_ claim: ArticleAnalysis.Claim, _ claims: [ArticleAnalysis.Claim]) -> Bool {
        let tokens = analysis.tokens
        if tokens[claim.range.upperBound - 1].hyphenatedToNext,
            claims.contains(where: { $0.range.lowerBound == claim.range.upperBound && $0.key.type == .person })
        {
            return true
        }
        if claim.range.lowerBound > 0, tokens[claim.range.lowerBound - 1].hyphenatedToNext,
            claims.contains(where: { $0.range.upperBound == claim.range.lowerBound && $0.key.type == .person })
        {
            return true
        }
        return false
    }

    /// The place named after "in"/"at" nearest to a trigger word.
    private func placeNear(_ triggers: [Int], claims: [ArticleAnalysis.Claim]) -> String? {
        let tokens = analysis.tokens
        let places = claims.filter { claim in
            claim.key.type == .place && claim.range.lowerBound > 0 && ["in", "at"].contains(tokens[claim.range.lowerBound - 1].norm)
        }
        let nearest = places.min { a, b in
            distance(a.range.lowerBound, triggers) < distance(b.range.lowerBound, triggers)
        }
        return nearest.flatMap { analysis.candidate($0.key)?.name }
    }

    private func distance(_ position: Int, _ triggers: [Int]) -> Int {
        triggers.map { abs($0 - position) + ($0 > position ? 2 : 0) }.min() ?? .max
    }

    static let monthNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// "August 15", "15 August", "Aug. 15, 2025": the day, with the year given or the article's year.
    private func date(in indices: [Int]) -> String? {
        let tokens = analysis.tokens
        for (offset, index) in indices.enumerated() {
            guard tokens[index].flags.contains(.month) else { continue }
            let word = tokens[index].norm
            guard
                let month = Self.months.firstIndex(where: {
                    $0 == word || ($0.hasPrefix(word) && word.count >= 3 && word != "mar" && word != "may" || $0 == word)
                })
            else { continue }
            let after = offset + 1 < indices.count ? Int(tokens[indices[offset + 1]].norm) : nil
            let before = offset > 0 ? Int(tokens[indices[offset - 1]].norm) : nil
            guard let day = after.flatMap({ (1...31).contains($0) ? $0 : nil }) ?? before.flatMap({ (1...31).contains($0) ? $0 : nil }) else { continue }
            let yearToken = offset + 2 < indices.count ? Int(tokens[indices[offset + 2]].norm) : nil
            let year = yearToken.flatMap { (1900...2100).contains($0) ? $0 : nil } ?? published.map(Self.year(of:))
            guard let year else { return nil }
            return String(format: "%04d-%02d-%02d", year, month + 1, day)
        }
        return nil
    }

    private static func year(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: date)
    }

    /// One summit however many sentences describe it: same participants (or one set inside the other) and no
    /// conflicting place. Returns the index of the summit the sentence went to.
    private func merge(_ summit: DetectedSummit, into found: inout [DetectedSummit]) -> Int {
        let new = Set(summit.participants)
        if let index = found.firstIndex(where: { old in
            let known = Set(old.participants)
            return (known.isSubset(of: new) || new.isSubset(of: known)) && (old.place == summit.place || old.place == nil || summit.place == nil)
        }) {
            if found[index].place == nil { found[index].place = summit.place }
            if found[index].date == nil { found[index].date = summit.date }
            if new.count > found[index].participants.count { found[index].participants = summit.participants }
            found[index].hosts = orderedUnique(found[index].hosts + summit.hosts)
            return index
        }
        found.append(summit)
        return found.count - 1
    }

    private func orderedUnique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
