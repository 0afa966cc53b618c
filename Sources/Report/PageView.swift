import Foundation
import Model
import Store

// What the template shows, already worded and measured: the template only places values (each one HTML-escaped by
// the engine) and never decides anything. Property names are the template's `{{names}}`.

struct LinkView { var href: String }

struct ArticleView {
    var id: Int64
    var title: String
    /// Set only for an http(s) URL; otherwise the URL is shown as text beside the title.
    var link: LinkView?
    var url: String
    var source: String
    var seen: String

    init(_ article: ReportArticle) {
        id = article.id
        title = article.title.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 } ?? article.url
        link = SafeLink.href(article.url).map(LinkView.init)
        url = article.url
        source = [article.feed, article.siteName].compactMap { $0 }.uniqued().joined(separator: " · ")
        seen = PageView.time(article.firstSeen)
    }

    /// Titles are one line: runs of whitespace (newlines from feeds) become one space.
    static func clean(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

struct FigureView {
    var value: String
    var label: String
    var alert: Bool
}

struct SummitView {
    var participants: [NameView]
    var place: String?
    var date: String?
    var badge: String
    var firstSeen: String
    var articleCount: String
    var articles: [ArticleView]
}

struct NameView {
    var name: String
    var kind: String
    var last: Bool
}

struct SourceView {
    var feed: String
    var site: String?
    var link: LinkView?
    var url: String
    var articleID: Int64
}

struct StoryView {
    var id: Int64
    var lead: ArticleView
    var breadth: String
    var sources: [SourceView]
    var entities: [NameView]
    var hasEntities: Bool
}

struct UpdateView {
    var article: ArticleView
    var version: Int
    var fetched: String
    var headline: HeadlineChangeView?
    var segments: [SegmentView]
    var hasDiff: Bool
    var counts: String
}

struct HeadlineChangeView {
    var before: String
    var after: String
}

struct SegmentView {
    var text: String
    var same: Bool
    var added: Bool
    var removed: Bool
}

struct EntityGroupView {
    var heading: String
    var entities: [EntityTrendView]
}

struct EntityTrendView {
    var name: String
    var kind: String
    var roles: String?
    var counts: String
    var chart: TrendChart?
    var quiet: Bool
}

struct NewEntityView {
    var name: String
    var kind: String
    var detail: String?
    var articleID: Int64?
}

struct FeedFailureView {
    var name: String
    var link: LinkView?
    var url: String
    var errorKind: String
    var error: String?
    var since: String
    var nextTry: String
    var failures: String
}

/// The whole page as the template sees it.
struct PageView {
    var title: String
    var period: String
    var generated: String
    var storeEmpty: Bool
    var periodQuiet: Bool
    var figures: [FigureView]
    var summits: [SummitView]
    /// "6 of 9" when the section shows fewer than the period had.
    var summitsShown: String?
    var stories: [StoryView]
    var updates: [UpdateView]
    var updatesShown: String?
    var entityGroups: [EntityGroupView]
    var hasEntityGroups: Bool
    var newEntities: [NewEntityView]
    var newEntitiesMore: String?
    var failingFeeds: [FeedFailureView]
    var hasFailingFeeds: Bool
    var trendWindow: String

    static func time(_ date: Date) -> String {
        let iso = ISOTime.format(date)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}

extension Sequence where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
