import Foundation
import Model
import Pipeline
import Report
import Store
import TestSupport
import Testing

/// The report on a store filled by a real fetch of the demo site (see DemoSite), read back through a real HTML parser.
@Suite struct ReportPageTests {
    static func demoReport(_ folder: borrowing TemporaryFolder) async throws -> (html: String, page: ParsedElement) {
        let context = try await DemoSite.fill(folder)
        let now = Date()
        let html = ReportPage.render(try context.store.reportData(since: now.addingTimeInterval(-86_400), until: now.addingTimeInterval(60)))
        return (html, try ParsedPage.parse(html))
    }

    @Test func theDemoReportShowsSummitsStoriesChangesEntitiesAndTheFailingFeed() async throws {
        let folder = try TemporaryFolder()
        let (_, page) = try await Self.demoReport(folder)

        let summits = try require(page.element(id: "summits"), "summits section")
        let alaska = try require(summits.elements(withClass: "summit").first { $0.text.contains("Alaska") }, "the Alaska summit")
        #expect(alaska.elements(withClass: "participant").map(\.text) == ["Donald Trump", "Vladimir Putin"])
        #expect(alaska.elements(withClass: "place").map(\.text) == ["Alaska"])
        #expect(alaska.text.contains("2025-08-15"))
        #expect(alaska.elements(named: "a").count >= 2, "the articles behind the summit are linked")

        let stories = try require(page.element(id: "stories"), "stories section")
        let carried = try require(stories.elements(withClass: "story").first, "top story")
        #expect(carried.text.contains("2 feeds · 2 sources"), "the wire story carried by the europe feed ranks first")
        #expect(carried.elements(withClass: "sources").flatMap { $0.elements(named: "li") }.map(\.text).contains { $0.hasPrefix("europe") })
        #expect(carried.elements(withClass: "sources").flatMap { $0.elements(named: "li") }.map(\.text).contains { $0.hasPrefix("wire") })

        let changes = try require(page.element(id: "changes"), "changes section")
        let update = try require(changes.elements(withClass: "update").first, "updated article")
        #expect(update.elements(withClass: "headline").first?.elements(named: "ins").map(\.text) == [DemoSite.editedHeadline])
        let diff = try require(update.elements(withClass: "diff").first, "word diff")
        #expect(diff.elements(named: "ins").contains { $0.text.contains("prisoner exchanges") })
        #expect(diff.elements(named: "del").contains { $0.text.contains("focus") })

        let entities = try require(page.element(id: "entities"), "entities section")
        let charts = entities.elements(named: "svg")
        #expect(!charts.isEmpty)
        for chart in charts {
            let heights = chart.elements(named: "rect").compactMap { $0.attribute("height").flatMap(Int.init) }
            #expect(heights.count == 14, "one bar a day for 14 days")
            #expect(heights.contains { $0 > 1 }, "every chart drawn has a day with mentions")
        }
        #expect(entities.elements(withClass: "trend").contains { $0.text.contains("Vladimir Putin") })

        let feeds = try require(page.element(id: "feeds"), "feed health section")
        let failing = feeds.elements(withClass: "failing")
        #expect(failing.count == 1)
        #expect(failing.first?.text.contains("broken") == true)
        #expect(failing.first?.text.contains("http_4xx") == true)
        #expect(failing.first?.text.contains("Failing since") == false && feeds.text.contains("UTC"), "since when and next try are times")

        let articleIDs = page.elements(withClass: "id").map(\.text)
        #expect(articleIDs.contains("id 1"), "articles show their `summitwatch show ID` id")
    }

    @Test func theDemoReportIsValidHTML5AndSelfContained() async throws {
        let folder = try TemporaryFolder()
        let (html, page) = try await Self.demoReport(folder)
        #expect(try ExternalTools.html5Errors(html) == [])
        #expect(page.elements(named: "script").isEmpty)
        #expect(page.elements(named: "link").isEmpty && page.elements(named: "img").isEmpty, "nothing to fetch when opened")
        #expect(page.elements(named: "style").count == 1)
        #expect(html.contains("@media print") && html.contains("prefers-color-scheme: dark") && html.contains("name=\"viewport\""))
    }

    @Test func anEmptyStoreSaysSoAndDrawsNoChart() throws {
        let folder = try TemporaryFolder()
        let store = try SummitStore(path: folder.file("summitwatch.db"))
        let now = Date()
        let html = ReportPage.render(try store.reportData(since: now.addingTimeInterval(-86_400), until: now))
        let page = try ParsedPage.parse(html)
        #expect(page.element(id: "empty")?.text.contains("The store is empty") == true)
        #expect(page.elements(named: "svg").isEmpty)
        #expect(page.element(id: "summits") == nil)
        #expect(try ExternalTools.html5Errors(html) == [])
    }
}
