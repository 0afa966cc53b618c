import ChangeLog
import Dedup
import Foundation
import Model
import Store

/// Decides what a prepared article is (new, a new version, a duplicate) and stores it, inside the writer's batch:
/// decisions are made one at a time in input order, and each sees what the batch stored before it, so two copies
/// of a wire story in one batch cannot both start a story.
enum ArticleDecision {
    enum Result: Sendable {
        case new(articleID: Int64)
        case joinedStory(articleID: Int64)
        case updated(articleID: Int64)
        case duplicate(articleID: Int64)
        case unchanged(articleID: Int64)

        var articleID: Int64 {
            switch self {
            case .new(let id), .joinedStory(let id), .updated(let id), .duplicate(let id), .unchanged(let id): return id
            }
        }
    }

    /// Fingerprints within this many bits are the same story (issue: Hamming ≤ 3 on 64-bit SimHash).
    static let nearDuplicateDistance = 3
    /// A SimHash neighbour is the same story only if at least half of the wording (sampled four-word shingles) is
    /// shared: a wire copy with a new dateline and a changed word shares ~90 %, distinct long texts on one topic
    /// share almost none even when their SimHashes agree (measured in DedupTests).
    static let minimumResemblance = 0.5

    /// - Parameter knownArticleID: set when re-checking a stored article: it can only be unchanged or a new version.
    static func commit(
        _ prepared: PreparedArticle, in batch: ArticleBatch, feedID: Int64, feedName: String, now: Date, knownArticleID: Int64? = nil
    ) throws(StoreError) -> (Result, [ChangeLine]) {
        let write = prepared.write(feedID: feedID, fetched: now)
        let existing: ArticleIdentity?
        if let knownArticleID {
            existing = try batch.articleIdentity(id: knownArticleID)
        } else {
            existing = try batch.article(identityKey: write.identityKey)
        }
        let kind: ArticleWriteKind
        let result: (Int64) -> Result
        if let existing, knownArticleID == nil, URLCanonicalizer.canonical(existing.url) != URLCanonicalizer.canonical(prepared.link) {
            // The same article reached at another address (its AMP page, a syndication URL that names it as
            // canonical): a source, never a version. Versions come from re-fetching the same address.
            kind = .alias(articleID: existing.id)
            result = Result.duplicate
        } else if let existing {
            switch EditClassifier.compare(old: existing.text, new: write.text) {
            case .unchanged:
                kind = .unchanged(articleID: existing.id)
                result = Result.unchanged
            case .edited(let diff):
                kind = .newVersion(articleID: existing.id, diff: diff.text, diffStats: DiffStats(added: diff.added, removed: diff.removed))
                result = Result.updated
            }
        } else if let twin = try batch.article(textHash: write.textHash) {
            kind = .exactDuplicate(articleID: twin.id)
            result = Result.duplicate
        } else if let near = try batch.nearDuplicates(of: write.simhashes, maxDistance: nearDuplicateDistance)
            .first(where: { TextFingerprint.resemblance($0.text, write.text) >= minimumResemblance })
        {
            kind = .new(joiningStory: near.storyID)
            result = Result.joinedStory
        } else {
            kind = .new(joiningStory: nil)
            result = Result.new
        }
        let stored = try batch.store(write, as: kind, feedName: feedName)
        return (result(stored.articleID), stored.lines)
    }
}
