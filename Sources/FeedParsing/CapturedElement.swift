import CLibXML2
import Model

/// One feed or item field (`<title>`, `<content>`, `<link>`…) gathered from parser events: its attributes, its
/// text, and its children written back out as markup when the field turns out to hold any. Built while the
/// element is open, read by `FeedFieldRules` once it closes. The handler keeps one and restarts it for each field,
/// so its byte buffers keep their capacity from field to field.
struct CapturedElement {
    private(set) var depth = 0
    private(set) var name = ElementName.other
    private(set) var namespace: String?
    private(set) var attributes: [SAXAttribute] = []
    /// xml:base values in scope, outermost first (this element's own last).
    private(set) var bases: [String] = []

    /// Text of every descendant text and CDATA node, in document order (entity references left out).
    private var textBytes: [UInt8] = []
    /// The children as markup; only written once the field has an element, reference or comment child, since
    /// until then it is the escaped text (`hasMarkup` says which).
    private var markup: [UInt8] = []
    private var hasMarkup = false
    /// Where the text run not yet written to `markup` starts in `textBytes`.
    private var runStart = 0
    /// The innermost element's start tag still lacks its ">" (it may end up `<br />`).
    private var openTagPending = false
    private(set) var elementChildren = 0
    private var firstChildIsDiv = false
    private var divInnerStart: Int?
    private var divInner: Range<Int>?
    private var directChildTextStart = 0
    private var nameText: Range<Int>?
    private var emailText: Range<Int>?

    /// Deeper than this below the field, content is dropped (the parser itself stops at 256 levels).
    private static let nestingCap = 256

    /// Starts capturing a new field, forgetting the previous one.
    mutating func start(depth: Int, name: ElementName, namespace: String?, attributes: [SAXAttribute], bases: [String]) {
        self.depth = depth
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.bases = bases
        textBytes.removeAll(keepingCapacity: true)
        markup.removeAll(keepingCapacity: true)
        hasMarkup = false
        runStart = 0
        openTagPending = false
        elementChildren = 0
        firstChildIsDiv = false
        divInnerStart = nil
        divInner = nil
        directChildTextStart = 0
        nameText = nil
        emailText = nil
    }

    // MARK: - Events

    mutating func appendText(_ pointer: UnsafePointer<xmlChar>, count: Int) {
        if hasMarkup { closePendingTag() }
        textBytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
    }

    mutating func startChild(
        at childDepth: Int, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
        namespaces: [SAXNamespace], attributes: [SAXAttribute]
    ) {
        guard childDepth - depth <= Self.nestingCap else { return }
        if childDepth == depth + 1 {
            elementChildren += 1
            firstChildIsDiv = elementChildren == 1 && ElementName(localName) == .div
            directChildTextStart = textBytes.count
        }
        beginMarkup()
        closePendingTag()
        markup.append(UInt8(ascii: "<"))
        Self.appendQualifiedName(localName, prefix: prefix, to: &markup)
        writeAttributes(namespaces: namespaces, attributes: attributes)
        openTagPending = true
    }

    mutating func endChild(at childDepth: Int, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        guard childDepth - depth <= Self.nestingCap else { return }
        flushText()
        if childDepth == depth + 1 {
            if elementChildren == 1 && firstChildIsDiv {
                let end = hasMarkup ? markup.count : 0
                divInner = openTagPending ? end..<end : (divInnerStart ?? end)..<end
            }
            let range = directChildTextStart..<textBytes.count
            switch ElementName(localName) {
            case .name where nameText == nil: nameText = range
            case .email where emailText == nil: emailText = range
            default: break
            }
        }
        guard hasMarkup else { return }
        if openTagPending {
            openTagPending = false
            if MarkupSerializer.voidElements.contains(String(cString: localName).lowercased()) {
                markup.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: ">")])
                return
            }
            markup.append(UInt8(ascii: ">"))
        }
        markup.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        Self.appendQualifiedName(localName, prefix: prefix, to: &markup)
        markup.append(UInt8(ascii: ">"))
    }

    /// An entity reference left unexpanded: kept in markup as written, absent from text.
    mutating func appendReference(_ name: UnsafePointer<xmlChar>) {
        beginMarkup()
        closePendingTag()
        markup.append(contentsOf: Array("&\(String(cString: name));".utf8))
    }

    /// A comment or processing instruction: not written, but it ends a text node and makes its parent non-empty.
    mutating func noteOtherChild() {
        beginMarkup()
        closePendingTag()
    }

    // MARK: - Values

    func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.localName == name && (namespace == nil || $0.namespace == namespace) }?.value
    }

    /// Attribute lookup that ignores namespaces and case (feeds write `Type`, `HREF`, …).
    func looseAttribute(_ name: String) -> String? {
        attributes.first { $0.localName.lowercased() == name }?.value
    }

    var hasElementChildren: Bool { elementChildren > 0 }

    var text: String { Windows1252.demoronize(String(decoding: textBytes, as: UTF8.self)) }

    /// `text.trimmed`, with the ASCII whitespace around it left out before the String is made (pretty-printed feeds
    /// wrap most values in newlines and indentation); what `trimmed` then finds is Unicode whitespace, if any.
    var trimmedText: String {
        var start = textBytes.startIndex
        var end = textBytes.endIndex
        while start < end, Self.isASCIIWhitespace(textBytes[start]) { start += 1 }
        while end > start, Self.isASCIIWhitespace(textBytes[end - 1]) { end -= 1 }
        return Windows1252.demoronize(String(decoding: textBytes[start..<end], as: UTF8.self)).trimmed
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The children as markup, the way feedparser writes XHTML content back out.
    var innerMarkup: String {
        guard hasMarkup else { return MarkupSerializer.escaped(text, attribute: false) }
        var written = markup
        MarkupSerializer.appendText(textBytes[runStart...], to: &written)
        return String(decoding: written, as: UTF8.self)
    }

    /// Atom's XHTML constructs wrap their content in one `<div>`, which is not part of the content.
    var xhtmlInner: String {
        if elementChildren == 1, firstChildIsDiv, let divInner, hasMarkup {
            return String(decoding: markup[divInner], as: UTF8.self).trimmed
        }
        return innerMarkup.trimmed
    }

    /// An Atom person construct's first `<name>` and `<email>` children.
    var personName: String? { nameText.map { personText($0) } }
    var personEmail: String? { emailText.map { personText($0) } }

    private func personText(_ range: Range<Int>) -> String {
        Windows1252.demoronize(String(decoding: textBytes[range], as: UTF8.self)).trimmed
    }

    // MARK: - Markup

    private mutating func beginMarkup() {
        hasMarkup = true
        flushText()
    }

    private mutating func flushText() {
        guard hasMarkup, runStart < textBytes.count else { return }
        closePendingTag()
        MarkupSerializer.appendText(textBytes[runStart...], to: &markup)
        runStart = textBytes.count
    }

    private mutating func closePendingTag() {
        guard openTagPending else { return }
        openTagPending = false
        markup.append(UInt8(ascii: ">"))
        if firstChildIsDiv && divInnerStart == nil && elementChildren == 1 { divInnerStart = markup.count }
    }

    /// Namespace declarations (the XHTML one left out) and attributes, sorted by name as feedparser writes them.
    private mutating func writeAttributes(namespaces: [SAXNamespace], attributes: [SAXAttribute]) {
        guard !namespaces.isEmpty || !attributes.isEmpty else { return }
        var pairs: [(String, String)] = namespaces.compactMap { namespace in
            namespace.uri == Namespaces.xhtml ? nil : (namespace.prefix.map { "xmlns:" + $0 } ?? "xmlns", namespace.uri)
        }
        pairs += attributes.map { ((($0.prefix.map { $0 + ":" }) ?? "") + $0.localName, $0.value) }
        for (key, value) in pairs.sorted(by: { $0.0 < $1.0 }) {
            markup.append(UInt8(ascii: " "))
            markup.append(contentsOf: key.utf8)
            markup.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            MarkupSerializer.appendEscaped(value, to: &markup, attribute: true)
            markup.append(UInt8(ascii: "\""))
        }
    }

    private static func appendQualifiedName(_ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, to out: inout [UInt8]) {
        if let prefix {
            appendCString(prefix, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        appendCString(localName, to: &out)
    }

    private static func appendCString(_ string: UnsafePointer<xmlChar>, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: string, count: Int(xmlStrlen(string))))
    }
}
