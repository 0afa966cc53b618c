import Foundation
import Testing

@testable import ArticleExtraction

/// Extraction work must grow with the page, not with size × depth: every element is visited a bounded number
/// of times whatever the nesting. Counted in element visits, not timed.
@Suite struct LinearWorkTests {
    /// `levels` nested inline (or block) elements, each holding `perLevel` small elements: a subtree question
    /// asked at every level walks everything below it, size × depth.
    static func nestedPage(tag: String, levels: Int, perLevel: Int) -> Data {
        let level = "<\(tag)>" + String(repeating: "<i>word</i> <a href=\"/x\">link</a>, ", count: perLevel) + "<img src=\"/p.png\">"
        return Data(("<html><body><div><p>" + String(repeating: level, count: levels) + "</p></div></body></html>").utf8)
    }

    @Test(arguments: ["span", "div", "blockquote", "td"])
    func visitsPerElementStayBoundedWhateverTheNesting(tag: String) throws {
        let (article, tree) = try ArticleExtractor().extractKeepingTree(Self.nestedPage(tag: tag, levels: 300, perLevel: 20), url: nil)
        #expect(article.words > 1000)
        #expect(tree.measuredElements > 300 * 20)
        // A handful of linear walks (metadata, pruning, scoring, measuring, rendering) visit each element a few times.
        #expect(tree.visits < 25 * tree.measuredElements, "\(tree.visits) visits for \(tree.measuredElements) elements")
    }

    @Test func aFlatPageCostsAsMuchPerElementAsANestedOne() throws {
        let (_, flat) = try ArticleExtractor().extractKeepingTree(Self.nestedPage(tag: "b", levels: 1, perLevel: 6000), url: nil)
        #expect(flat.visits < 25 * flat.measuredElements)
    }
}
