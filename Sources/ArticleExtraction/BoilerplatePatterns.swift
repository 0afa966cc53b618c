/// What marks an element as page furniture rather than story. The class/id word lists follow Arc90's
/// Readability (readability-lxml's `REGEXES`) and Mozilla Readability, extended with the consent, language
/// and share widgets news sites add (seen in the motivating article, Deploy/bench/corpus/seed, and the extraction corpus).
enum BoilerplatePatterns {
    /// Elements never part of the story.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select", "input",
        "textarea", "nav", "footer", "aside", "object", "embed", "video", "audio", "map", "dialog", "menu",
    ]

    /// Elements whose content is never text a reader sees, whatever the page: the lenient pass drops only these.
    static let neverTextTags: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select", "input", "textarea",
        "object", "embed", "video", "audio", "map",
    ]

    /// A form holding less visible text than this is a widget (search box, sign-up, comment box) and dropped; a
    /// bigger one wraps the page (ASP.NET's page-wide form). 500 is Readability's smallest story (its retry threshold).
    static let smallFormCharacters = 500

    /// Class/id words of furniture: a match drops the element unless a positive word also matches.
    static let unlikely = [
        "combx", "comment", "community", "disqus", "extra", "foot", "header", "menu", "remark", "rss", "shoutbox",
        "sidebar", "sponsor", "ad-break", "agegate", "pagination", "pager", "popup", "cookie",
        "consent", "gdpr", "banner", "share", "sharing", "social", "related", "recommend", "newsletter", "subscribe",
        "signup", "promo", "outbrain", "taboola", "breadcrumb", "language", "lang-", "masthead", "navbar", "nav-",
        "toolbar", "byline-share", "tags", "author-bio", "login", "modal", "overlay", "skip", "print",
        "caption", "credit", "copyright", "license", "licence", "widget", "advert", "ads-", "-ads",
        "trending", "most-read", "mostread", "more-stories", "read-more", "readmore", "follow", "donate", "hotline",
    ]

    /// Class/id words that keep an element even when an unlikely word matches too.
    static let maybeCandidate = ["and", "article", "body", "column", "main", "shadow", "content", "story", "post-text", "entry"]

    static let positive = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
        "blog", "story", "paragraph", "prose", "rich-text", "richtext",
    ]

    static let negative = [
        "hidden", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "masthead", "media", "meta",
        "outbrain", "promo", "related", "scroll", "shoutbox", "sidebar", "sponsor", "shopping", "tags", "tool",
        "widget", "share", "social", "byline", "author", "caption", "newsletter", "cookie", "consent", "nav",
        "menu", "breadcrumb", "advert", "recommend", "subscribe", "signup", "login", "copyright",
    ]

    /// Headings after which a page lists other content, not more of the story ("Most popular", "Related").
    /// Rendering stops at them. Compared lower-cased, whole or as a prefix. Source: section titles of news and
    /// blog templates in English, Russian, Portuguese, Spanish, German and French.
    static let tailHeadings = [
        "most popular", "most read", "popular", "related", "related stories", "related articles", "related posts", "read more",
        "more stories", "more from", "recommended", "recommended for you", "trending", "you may also like", "you might also like",
        "also read", "see also", "comments", "leave a comment", "leave a reply", "join the conversation", "tags", "share this",
        "share this article", "sign up", "newsletter", "about the author", "more on this", "latest news", "top stories",
        "отзывы", "комментарии", "похожие", "популярные", "самые популярные", "читайте также", "по теме",
        "comentários", "comentarios", "leia também", "veja também", "relacionados", "notícias relacionadas", "noticias relacionadas",
        "lee también", "te puede interesar", "lesen sie auch", "mehr zum thema", "kommentare", "à lire aussi", "sur le même sujet",
        "commentaires", "articles similaires",
    ]

    /// Whole lines that are furniture whatever element holds them (seen in Deploy/bench/corpus/seed: consent notices,
    /// language pickers, licence numbers and hotlines). Matched case-insensitively on the line's start.
    static let boilerplateLinePrefixes = [
        "by continuing to browse", "we use cookies", "this website uses cookies", "this site uses cookies",
        "choose your language", "select your language", "disinformation report hotline", "互联网新闻信息许可证",
        "sign up for our newsletter", "subscribe to our newsletter", "share this article", "share on facebook",
        "click here to", "advertisement", "all rights reserved", "copyright ©", "© copyright",
        "read more:", "related:", "follow us on", "skip to content", "skip to main content",
    ]
}
