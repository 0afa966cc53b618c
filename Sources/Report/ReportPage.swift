import Foundation
import Model
import Mustache
import Store

/// The daily report: one self-contained HTML5 page (inline CSS and SVG, no script, nothing fetched when opened)
/// built from the store's report values. Every value reaches the page through the template engine's `{{value}}`,
/// which HTML-escapes it; only http(s) URLs become links.
public enum ReportPage {
    public static func render(_ data: ReportData, generated: Date = Date()) -> String {
        template.render(PageView(data, generated: generated), library: library)
    }

    private static let library = MustacheLibrary(templates: ["article": template(ReportTemplate.article)])
    private static let template = template(ReportTemplate.page)

    /// The templates are constants of this module: a parse error is a bug caught by any test that renders a page.
    private static func template(_ text: String) -> MustacheTemplate {
        do { return try MustacheTemplate(string: text) } catch { fatalError("report template: \(error)") }
    }
}

extension PageView {
    init(_ data: ReportData, generated: Date) {
        let days = data.until.timeIntervalSince(data.since) / 86_400
        title = "SummitWatch daily report"
        period = "\(Self.time(data.since)) – \(Self.time(data.until))" + (days >= 1.5 ? " (\(Int(days.rounded())) days)" : "")
        self.generated = Self.time(generated)
        storeEmpty = !data.storeHasArticles
        let figures = data.figures
        periodQuiet = data.storeHasArticles && figures.newArticles == 0 && figures.updatedArticles == 0 && data.summits.isEmpty
        self.figures = [
            FigureView(value: String(figures.newArticles), label: figures.newArticles == 1 ? "new article" : "new articles", alert: false),
            FigureView(value: String(figures.newStories), label: figures.newStories == 1 ? "new story" : "new stories", alert: false),
            FigureView(value: String(figures.updatedArticles), label: figures.updatedArticles == 1 ? "article updated" : "articles updated", alert: false),
            FigureView(value: String(figures.summits), label: figures.summits == 1 ? "summit in the news" : "summits in the news", alert: false),
            FigureView(value: String(figures.newEntities), label: figures.newEntities == 1 ? "new entity" : "new entities", alert: false),
            FigureView(
                value: String(figures.failingFeeds), label: figures.failingFeeds == 1 ? "feed failing" : "feeds failing", alert: figures.failingFeeds > 0),
        ]
        summits = data.summits.map(SummitView.init)
        stories = data.stories.map(StoryView.init)
        updates = data.updates.map(UpdateView.init)
        summitsShown = Self.shown(summits.count, of: figures.summits)
        updatesShown = Self.shown(updates.count, of: figures.updatedArticles)
        entityGroups = EntityGroupView.groups(data.topEntities, trendStart: data.trendStart)
        hasEntityGroups = !entityGroups.isEmpty
        newEntities = data.newEntities.map(NewEntityView.init)
        let more = figures.newEntities - data.newEntities.count
        newEntitiesMore = more > 0 ? "and \(more) more (summitwatch query entities --since …)" : nil
        failingFeeds = data.failingFeeds.map(FeedFailureView.init)
        hasFailingFeeds = !failingFeeds.isEmpty
        trendWindow = "\(ISOTime.day(data.trendStart.addingTimeInterval(1))) to \(ISOTime.day(data.until.addingTimeInterval(-1)))"
    }
}

extension PageView {
    static func shown(_ count: Int, of total: Int) -> String? { total > count ? "\(count) of \(total) shown" : nil }
}

extension EntityType {
    var label: String {
        switch self {
        case .person: "person"
        case .org: "organisation"
        case .place: "place"
        case .issue: "issue"
        }
    }
}

extension SummitView {
    init(_ summit: ReportSummit) {
        participants = summit.participants.enumerated().map { NameView(name: $1, kind: "person", last: $0 == summit.participants.count - 1) }
        place = summit.place
        date = summit.date
        badge = summit.isNew ? "new" : "update"
        firstSeen = PageView.time(summit.firstSeen)
        articleCount = summit.articleCount == 1 ? "1 article" : "\(summit.articleCount) articles"
        articles = summit.articles.map(ArticleView.init)
    }
}

extension StoryView {
    init(_ story: ReportStory) {
        id = story.id
        lead = ArticleView(story.lead)
        breadth = "\(story.feeds) feed\(story.feeds == 1 ? "" : "s") · \(story.sourceCount) source\(story.sourceCount == 1 ? "" : "s")"
        sources = story.sources.map { source in
            SourceView(
                feed: source.feed, site: source.siteName, link: SafeLink.href(source.url).map(LinkView.init), url: source.url,
                articleID: source.articleID)
        }
        entities = story.entities.enumerated().map { index, entity in
            NameView(name: entity.name, kind: entity.type?.label ?? "entity", last: index == story.entities.count - 1)
        }
        hasEntities = !entities.isEmpty
    }
}

extension UpdateView {
    init(_ update: ReportUpdate) {
        article = ArticleView(update.article)
        version = update.version
        fetched = PageView.time(update.fetched)
        headline = update.previousTitle.map { HeadlineChangeView(before: ArticleView.clean($0), after: ArticleView.clean(update.title ?? "")) }
        let parsed = DiffSegments.parse(update.diff ?? "")
        segments = parsed.map { SegmentView(text: $0.text, same: $0.kind == .same, added: $0.kind == .added, removed: $0.kind == .removed) }
        hasDiff = parsed.contains { $0.kind != .same }
        let added = parsed.filter { $0.kind == .added }.reduce(0) { $0 + $1.text.split(separator: " ").count }
        let removed = parsed.filter { $0.kind == .removed }.reduce(0) { $0 + $1.text.split(separator: " ").count }
        counts = "+\(added) −\(removed) words"
    }
}

extension EntityGroupView {
    static let order: [(EntityType, String)] = [(.person, "People"), (.place, "Places"), (.org, "Organisations"), (.issue, "Issues")]

    static func groups(_ trends: [ReportEntityTrend], trendStart: Date) -> [EntityGroupView] {
        order.compactMap { type, heading in
            let members = trends.filter { $0.entity.type == type }.sorted { ($0.mentions, $1.entity.name) > ($1.mentions, $0.entity.name) }
            guard !members.isEmpty else { return nil }
            return EntityGroupView(heading: heading, entities: members.map { EntityTrendView($0, trendStart: trendStart) })
        }
    }
}

extension EntityTrendView {
    init(_ trend: ReportEntityTrend, trendStart: Date) {
        name = trend.entity.name
        kind = trend.entity.type?.label ?? "entity"
        let roles = ([trend.entity.role].compactMap { $0 } + trend.roles).uniqued()
        self.roles = roles.isEmpty ? nil : roles.joined(separator: ", ")
        counts = "\(trend.mentions) mention\(trend.mentions == 1 ? "" : "s") in \(trend.articles) article\(trend.articles == 1 ? "" : "s")"
        chart = TrendChart(daily: trend.daily, start: trendStart)
        quiet = chart == nil
    }
}

extension NewEntityView {
    init(_ entity: ReportEntity) {
        name = entity.name
        kind = entity.type?.label ?? "entity"
        let detail = [entity.role, entity.country].compactMap { $0 }
        self.detail = detail.isEmpty ? nil : detail.joined(separator: ", ")
        articleID = entity.firstArticleID
    }
}

extension FeedFailureView {
    init(_ feed: ReportFeedFailure) {
        name = feed.name
        link = SafeLink.href(feed.url).map(LinkView.init)
        url = feed.url
        errorKind = feed.errorKind?.rawValue ?? "unknown"
        error = feed.error ?? feed.status.map { "HTTP \($0)" }
        since = feed.failingSince.map(PageView.time) ?? "unknown"
        nextTry = feed.nextTry.map(PageView.time) ?? "at the next cycle"
        failures = "\(feed.consecutiveFailures) failure\(feed.consecutiveFailures == 1 ? "" : "s") in a row"
    }
}
