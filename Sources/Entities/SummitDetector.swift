import Foundation

/// Finds summits in an article: a sentence about a meeting, summit or talks that names two or more leaders
/// (or a hyphenated pair: "the Trump-Putin summit"), with the place it names after "in"/"at" and a day if given.
struct SummitDetector {
    let analysis: ArticleAnalysis
    let published: Date?

    /// Words that make a sentence about a meeting. Source: summit coverage vocabulary (AP, Reuters).
    static let triggers: Set<String> = ["summit", "summits", "meeting", "meet", "met", "meets", "talks", "negotiations", "sit", "facetoface", "face", "hosted", "hosts", "host"]

    func detect() -> [DetectedSummit] {
        var found: [DetectedSummit] = []
        let tokens = analysis.tokens
        var sentenceTokens: [Int: [Int]] = [:]
        for index in tokens.indices { sentenceTokens[tokens[index].sentence, default: []].append(index) }
        for sentence in sentenceTokens.keys.sorted() {
            let indices = sentenceTokens[sentence]!
            let triggerPositions = indices.filter { tokens[$0].flags.contains(.trigger) }
            guard !triggerPositions.isEmpty else { continue }
            guard !triggerPositions.isEmpty else { continue }
            var claims = analysis.claims(inSentence: sentence)
            // "a meeting between Trump and Putin": when the sentence says between whom, only they take part
            // (not the host who offered the venue, nor the official quoted about it).
            if let between = indices.first(where: { tokens[$0].norm == "between" }),
               claims.filter({ $0.range.lowerBound > between && $0.key.hasPrefix("PERSON|") }).count >= 2 {
                claims = claims.filter { $0.range.lowerBound > between || !$0.key.hasPrefix("PERSON|") }
            }
            let leaders = orderedUnique(claims.compactMap { claim -> String? in
                guard let candidate = analysis.candidate(claim.key), candidate.type == .person else { return nil }
                return isLeader(candidate) || isHyphenPair(claim, claims) ? candidate.name : nil
            })
            guard leaders.count >= 2 else { continue }
            let place = placeNear(triggerPositions, claims: claims)
            let summit = DetectedSummit(participants: leaders.sorted(), place: place, date: date(in: indices),
                                        sentence: analysis.sentenceText(sentence))
            merge(summit, into: &found)
        }
        return found
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
           claims.contains(where: { $0.range.lowerBound == claim.range.upperBound && $0.key.hasPrefix("PERSON|") }) { return true }
        if claim.range.lowerBound > 0, tokens[claim.range.lowerBound - 1].hyphenatedToNext,
           claims.contains(where: { $0.range.upperBound == claim.range.lowerBound && $0.key.hasPrefix("PERSON|") }) { return true }
        return false
    }

    /// The place named after "in"/"at" nearest to a trigger word.
    private func placeNear(_ triggers: [Int], claims: [ArticleAnalysis.Claim]) -> String? {
        let tokens = analysis.tokens
        let places = claims.filter { claim in
            claim.key.hasPrefix("PLACE|") && claim.range.lowerBound > 0 && ["in", "at"].contains(tokens[claim.range.lowerBound - 1].norm)
        }
        let nearest = places.min { a, b in
            distance(a.range.lowerBound, triggers) < distance(b.range.lowerBound, triggers)
        }
        return nearest.flatMap { analysis.candidate($0.key)?.name }
    }

    private func distance(_ position: Int, _ triggers: [Int]) -> Int {
        triggers.map { abs($0 - position) + ($0 > position ? 2 : 0) }.min() ?? .max
    }

    static let monthNames: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// "August 15", "15 August", "Aug. 15, 2025": the day, with the year given or the article's year.
    private func date(in indices: [Int]) -> String? {
        let tokens = analysis.tokens
        for (offset, index) in indices.enumerated() {
            guard tokens[index].flags.contains(.month) else { continue }
            let word = tokens[index].norm
            guard let month = Self.months.firstIndex(where: { $0 == word || ($0.hasPrefix(word) && word.count >= 3 && word != "mar" && word != "may" || $0 == word) }) else { continue }
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

    private func merge(_ summit: DetectedSummit, into found: inout [DetectedSummit]) {
        if let index = found.firstIndex(where: { $0.participants == summit.participants && ($0.place == summit.place || $0.place == nil || summit.place == nil) }) {
            if found[index].place == nil { found[index].place = summit.place }
            if found[index].date == nil { found[index].date = summit.date }
        } else {
            found.append(summit)
        }
    }

    private func orderedUnique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
