/// How much an article is about a summit or the diplomacy around one: cue words of negotiation, the issues
/// on the table, leaders of more than one country, and detected summits. Calibrated on ../shared/corpus/entities-dev.
enum RelevanceScorer {
    /// Weights of cue words (folded). Source: the vocabulary of summit and peace-talks coverage.
    static let cues: [String: Double] = [
        "summit": 3, "summits": 3, "talks": 2, "negotiations": 2, "negotiation": 2, "negotiators": 2, "negotiator": 2,
        "negotiate": 1.5, "negotiating": 1.5, "diplomacy": 1.5, "diplomatic": 1, "envoy": 1.5, "envoys": 1.5, "delegation": 1.5,
        "delegations": 1.5, "meeting": 1, "met": 0.5, "peace": 1.5, "ceasefire": 2, "truce": 2, "deal": 0.5, "agreement": 1,
        "plan": 0.5, "proposal": 1, "framework": 1, "mediation": 1.5, "mediator": 1.5, "trilateral": 2, "bilateral": 1,
    ]
    /// Cue weight per 100 words at or above which an article is about summit diplomacy. On entities-dev the
    /// negatives (war economy, energy strikes, a visa story) stay below 1.4 and the positives start at 2.7.
    static let threshold = 2.0
    /// Below this much cue weight in all, an article is too thin on the subject whatever its length.
    static let minimumCues = 6.0

    /// The score is the density of negotiation vocabulary (detected summits count as strong cues): a long
    /// economy story that mentions "talks" twice stays low, a short summit preview scores high.
    static func score(analysis: ArticleAnalysis, entities: [FoundEntity], summits: [DetectedSummit]) -> (relevant: Bool, score: Double) {
        var cueScore = 0.0
        var counts: [Int32: Int] = [:]
        for token in analysis.tokens {
            let weight = analysis.lexicon.cueWeight(of: token.id)
            guard weight > 0 else { continue }
            counts[token.id, default: 0] += 1
            if counts[token.id]! <= 6 { cueScore += weight }  // a word repeated endlessly says little more
        }
        let evidence = cueScore + Double(summits.count) * 4
        let density = 100 * evidence / Double(max(analysis.tokens.count, 150))
        return (density >= threshold && evidence >= minimumCues, (density * 100).rounded() / 100)
    }
}
