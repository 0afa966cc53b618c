import CLibXML2

/// Relative links in feeds resolve against xml:base in scope, then the document's URL: libxml2's
/// `xmlNodeGetBase` rules, applied to the xml:base values a streaming reader collected on the way down.
enum XMLBase {
    /// - Parameter bases: xml:base values from the outermost element to the link's own.
    static func resolve(_ link: String, bases: [String], documentURL: String?) -> String {
        let trimmed = link.trimmed
        guard !trimmed.isEmpty, let base = effectiveBase(bases, documentURL: documentURL) else { return trimmed }
        return build(trimmed, against: base) ?? trimmed
    }

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
