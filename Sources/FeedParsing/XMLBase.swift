import CLibXML2
import Model

/// Relative links in feeds resolve against xml:base in scope, then the document's URL: libxml2's
/// `xmlNodeGetBase` rules, applied to the xml:base values a streaming reader collected on the way down.
enum XMLBase {
    /// - Parameter bases: xml:base values from the outermost element to the link's own.
    static func resolve(_ link: String, bases: [String], documentURL: String?) -> String {
        let trimmed = link.trimmed
        // libxml2 returns a reference with a scheme unchanged (or fails on it, and then it stays as written too).
        guard !trimmed.isEmpty, !hasScheme(trimmed), let base = effectiveBase(bases, documentURL: documentURL) else { return trimmed }
        return build(trimmed, against: base) ?? trimmed
    }

    /// Starts with an RFC 3986 scheme and its colon: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
    static func hasScheme(_ reference: String) -> Bool {
        var bytes = reference.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) else { return false }
        while let byte = bytes.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard
                isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return false }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }

    /// Innermost first, each xml:base resolved against the next one out; an absolute http/ftp/urn base ends the
    /// walk before the document URL is reached.
    private static func effectiveBase(_ bases: [String], documentURL: String?) -> String? {
        var combined: String?
        for base in bases.reversed() {
            if let inner = combined {
                guard let built = build(inner, against: base) else { return nil }
                combined = built
            } else {
                combined = base
            }
            if let current = combined, current.hasPrefix("http://") || current.hasPrefix("ftp://") || current.hasPrefix("urn:") {
                return current
            }
        }
        guard let documentURL else { return combined }
        guard let combined else { return documentURL }
        return build(combined, against: documentURL)
    }

    private static func build(_ reference: String, against base: String) -> String? {
        guard let built = xmlBuildURI(reference, base) else { return nil }
        defer { sw_xml_free(built) }
        return String(cString: built)
    }
}
