import Foundation

/// A page reduced to its story: the main text as paragraphs, and what the page says about itself.
public struct ExtractedArticle: Sendable, Equatable {
    public var title: String?
    public var byline: String?
    public var published: Date?
    public var modified: Date?
    public var canonicalURL: String?
    public var siteName: String?
    public var language: String?
    public var description: String?
    /// Paragraphs, in page order, without boilerplate or the headline.
    public var paragraphs: [String] {
        didSet { words = Self.countWords(paragraphs) }
    }
    /// Whitespace-separated words in the text.
    public private(set) var words: Int

    public init(
        title: String? = nil, byline: String? = nil, published: Date? = nil, modified: Date? = nil,
        canonicalURL: String? = nil, siteName: String? = nil, language: String? = nil,
        description: String? = nil, paragraphs: [String] = []
    ) {
        self.title = title
        self.byline = byline
        self.published = published
        self.modified = modified
        self.canonicalURL = canonicalURL
        self.siteName = siteName
        self.language = language
        self.description = description
        self.paragraphs = paragraphs
        self.words = Self.countWords(paragraphs)
    }

    private static func countWords(_ paragraphs: [String]) -> Int {
        var count = 0
        for paragraph in paragraphs {
            var inWord = false
            for byte in paragraph.utf8 {
                let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !space && !inWord { count += 1 }
                inWord = !space
            }
        }
        return count
    }

    /// The text, paragraphs separated by a blank line.
    public var text: String { paragraphs.joined(separator: "\n\n") }
}

/// Why a page could not be read at all.
public struct ExtractionError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
    public var description: String { "\(source): cannot extract article: \(reason)" }
}
