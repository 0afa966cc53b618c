import Model
import Testing

@Suite struct URLCanonicalizerTests {
    @Test func trackingParametersFragmentsPortsAndCaseGo() {
        let variants = [
            "https://News.Example.org/world/story.html",
            "http://news.example.org:80/world/story.html",
            "https://news.example.org:443/world/story.html#comments",
            "https://news.example.org/world/story.html?utm_source=rss&utm_medium=feed&fbclid=abc",
            "https://news.example.org/world/story.html?gclid=1&mc_cid=2&mc_eid=3&ocid=4&cmpid=5&smid=6",
            "https://news.example.org/world/story.html/",
        ]
        let canonical = Set(variants.map(URLCanonicalizer.canonical))
        #expect(canonical == ["https://news.example.org/world/story.html"])
    }

    @Test func meaningfulParametersStayAndAreSorted() {
        #expect(URLCanonicalizer.canonical("https://a.example/story?id=7&page=2&utm_campaign=x") == "https://a.example/story?id=7&page=2")
        #expect(URLCanonicalizer.canonical("https://a.example/story?page=2&id=7") == URLCanonicalizer.canonical("https://a.example/story?id=7&page=2"))
        #expect(URLCanonicalizer.canonical("https://a.example/story?id=7") != URLCanonicalizer.canonical("https://a.example/story?id=8"))
    }

    @Test func thePagesCanonicalWinsOverTheLink() {
        #expect(
            URLCanonicalizer.identity(link: "https://m.example.org/amp/story", pageCanonical: "https://www.example.org/story")
                == "https://www.example.org/story")
        #expect(URLCanonicalizer.identity(link: "https://www.example.org/story?utm_source=x", pageCanonical: nil) == "https://www.example.org/story")
        #expect(URLCanonicalizer.identity(link: "https://www.example.org/story", pageCanonical: "javascript:void(0)") == "https://www.example.org/story")
    }
}
