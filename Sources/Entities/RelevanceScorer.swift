/// How much an article is about a summit or the diplomacy around one, read over the whole article: the share of
/// its sentences that speak of meeting, negotiating or making peace. A news story, an analysis and a newsletter
/// about the talks all keep returning to them; a foreign-affairs story that mentions talks once or twice does not.
enum RelevanceScorer {
    /// Words that put a sentence on the subject (folded). Source: the vocabulary of summit and peace-talks coverage
    /// (AP and Reuters style: meetings, negotiations, the people who conduct them, what they aim at). Generic words
    /// of any story ("deal", "plan", "agreement", "diplomatic", "meeting") are left out: they occur as often in business news.
    static let cueWords: Set<String> = [
        "summit", "summits", "talks", "negotiations", "negotiation", "negotiators", "negotiator", "negotiate", "negotiated",
        "negotiating", "diplomacy", "envoy", "envoys", "delegation", "delegations", "ceasefire", "truce",
        "mediation", "mediator", "mediators", "mediated", "trilateral", "bilateral", "peace",
    ]
    /// Share of sentences (in %) carrying a cue at or above which the article is about summit diplomacy: halfway
    /// between the classes of the 22 development articles (negatives up to 9.2 %, positives from 21.3 %). Checked by
    /// leave-one-document-out: each article judged with the midpoint fitted on the other 21 is classed correctly.
    static let threshold = 15.0
    /// Fewer cue sentences than this is a passing mention, whatever the article's length; two are enough in a
    /// short wire dispatch of five sentences, where one would be a side remark.
    static let minimumCueSentences = 2

    struct Result {
        var relevant: Bool
        var score: Double
        var reasons: [String]
    }

    static func score(analysis: ArticleAnalysis, summitSentences: Set<Int>, summits: [DetectedSummit]) -> Result {
        let tokens = analysis.tokens
        var cueSentences = Set<Int>()
        var counts: [String: Int] = [:]
        for token in tokens where token.flags.contains(.relevanceCue) {
            cueSentences.insert(token.sentence)
            counts[token.norm, default: 0] += 1
        }
        // A sentence that names a summit is on the subject even when it says "met" or "hosted".
        cueSentences.formUnion(summitSentences)
        var sentenceCount = 0
        var lastSentence = -1
        for token in tokens where token.sentence != lastSentence {  // sentence numbers only grow along the tokens
            sentenceCount += 1
            lastSentence = token.sentence
        }
        sentenceCount = max(1, sentenceCount)
        let share = 100 * Double(cueSentences.count) / Double(sentenceCount)
        let relevant = share >= threshold && cueSentences.count >= minimumCueSentences
        var reasons = summits.map { summit in
            "summit: " + summit.participants.joined(separator: " + ") + (summit.place.map { " in " + $0 } ?? "") + (summit.date.map { " on " + $0 } ?? "")
        }
        let topCues = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(6)
        reasons.append("cue sentences: \(cueSentences.count) of \(sentenceCount) (\(Int(share.rounded())) %, threshold \(threshold) %)")
        if !topCues.isEmpty { reasons.append("cues: " + topCues.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")) }
        return Result(relevant: relevant, score: (share * 100).rounded() / 100, reasons: reasons)
    }
}
