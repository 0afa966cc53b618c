import Testing

@testable import ArticleExtraction

@Suite struct ScriptStripperTests {
    static func stripped(_ html: String) -> String { String(decoding: ScriptStripper.stripped(Array(html.utf8)), as: UTF8.self) }

    @Test func scriptBodiesGoAndJSONLDStays() {
        let html = "<p>a</p><SCRIPT type=\"text/javascript\">x('</div>')</SCRIPT><script type=\"application/ld+json\">{\"a\":1}</script><p>b</p>"
        #expect(Self.stripped(html) == "<p>a</p><SCRIPT type=\"text/javascript\"></SCRIPT><script type=\"application/ld+json\">{\"a\":1}</script><p>b</p>")
    }

    @Test func anEscapedScriptEndsWhereABrowserEndsIt() {
        let html = "<script><!-- document.write('<script>f()</script>'); g(); --></script><p>after</p>"
        #expect(Self.stripped(html) == "<script></script><p>after</p>")
    }

    @Test func commentsAndUnclosedScriptsAreLeftAlone() {
        let commented = "<!-- <script> --><p>story</p><script>x()</script>"
        #expect(Self.stripped(commented) == "<!-- <script> --><p>story</p><script></script>")
        let unclosed = "<p>story</p><script>x()"
        #expect(Self.stripped(unclosed) == unclosed)
    }
}
