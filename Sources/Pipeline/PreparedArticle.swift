import ArticleExtraction
import Dedup
import Entities
import Fetching
import Foundation
import Model
import Store

/// A page fetched, extracted and read for entities, ready for the dedup decision. It keeps what the store needs
/// of the response (address, validators, hash), not its bytes, so pages waiting for the writer stay small.
struct PreparedArticle: Sendable {
    var link: String
    var finalURL: String
    var etag: String?
    var lastModified: String?
    var article: ExtractedArticle
    var fingerprint: TextFingerprint
    /// The hash of the page's bytes, stored so a later recheck can tell the same bytes without extracting them.
    var bodyHash: String
    var report: EntityReport
    var itemPublished: Date?

    /// The article's identity: its canonical URL, else the URL it was fetched from.
    var identityKey: String { URLCanonicalizer.identity(link: finalURL, pageCanonical: article.canonicalURL) }

    func write(feedID: Int64, fetched: Date) -> ArticleWrite {
        ArticleWrite(
            url: link, identityKey: identityKey, canonicalURL: article.canonicalURL, feedID: feedID,
            title: article.title, byline: article.byline, siteName: article.siteName, language: article.language,
            published: article.published ?? itemPublished, modified: article.modified, fetched: fetched,
            text: article.text, textHash: fingerprint.exactHash, simhashes: fingerprint.simhashes, words: article.words,
            etag: etag, lastModified: lastModified, bodyHash: bodyHash, relevant: report.relevant,
            relevanceScore: report.score, entities: report.entities.map(Self.entityWrite),
            summits: report.summits.map { SummitWrite(participants: $0.participants, place: $0.place, date: $0.date) })
    }

    private static func entityWrite(_ entity: FoundEntity) -> EntityWrite {
        EntityWrite(
            type: entity.type, name: entity.name, origin: entity.origin, role: entity.role, country: entity.country,
            mentions: entity.mentions.map { MentionWrite(offset: $0.offset, surface: $0.surface, sentence: $0.sentence) })
    }
}

/// Fetches and reads one page: the network and CPU part, run concurrently for many pages.
struct ArticlePreparer: Sendable {
    let context: PipelineContext
    let clock: StageClock

    enum Outcome: Sendable {
        case prepared(PreparedArticle)
        case notModified(FetchedDocument)
        /// The page could not be had now (network); try again next cycle.
        case transientFailure(FetchError)
        /// The page is there but has no readable article; do not fetch it again.
        case unreadable(String)
    }

    /// - Parameter bodyHash: the hash of the page's bytes last time: the same bytes again count as not modified.
    func prepare(
        link: String, itemPublished: Date?, trustedEndpoints: Set<String>, trustedAuthorities: Set<String> = [], etag: String? = nil,
        lastModified: String? = nil, bodyHash: String? = nil
    ) async -> Outcome {
        let request = FetchRequest(
            url: link, purpose: .page, etag: etag, lastModified: lastModified, trustedEndpoints: trustedEndpoints,
            trustedAuthorities: trustedAuthorities)
        let document: FetchedDocument
        switch await context.fetcher.fetch(request) {
        case .failure(let error): return .transientFailure(error)
        case .success(let fetched): document = fetched
        }
        if document.notModified { return .notModified(document) }
        let currentBodyHash = ContentHash.hex(document.body)
        if currentBodyHash == bodyHash { return .notModified(document) }
        let article: ExtractedArticle
        do {
            article = try clock.measure(.extract) { () throws(ExtractionError) -> ExtractedArticle in
                try ArticleExtractor().extract(document.body, url: document.finalURL, charset: document.contentType.flatMap(ContentType.charset(in:)))
            }
        } catch {
            return .unreadable(error.description)
        }
        guard article.words > 0 else { return .unreadable("\(link): no article text found") }
        let fingerprint = clock.measure(.fingerprint) { TextFingerprint(text: article.text) }
        let report = clock.measure(.entities) {
            context.entityExtractor.extract(title: article.title, text: article.text, published: article.published ?? itemPublished)
        }
        return .prepared(
            PreparedArticle(
                link: link, finalURL: document.finalURL, etag: document.etag, lastModified: document.lastModified, article: article,
                fingerprint: fingerprint, bodyHash: currentBodyHash, report: report, itemPublished: itemPublished))
    }
}
