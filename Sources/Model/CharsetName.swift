/// Encoding labels as feeds, pages and HTTP headers write them, reduced to the names the decoders act on.
package enum CharsetName {
    /// An encoding name as the decoders use it: "utf-8", "windows-1252" (for Latin-1 and ASCII too), else lower-cased.
    package static func normalized(_ encoding: String) -> String {
        // Bytes, not characters: names are ASCII, and this runs for every document.
        let lowered = String(decoding: encoding.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        let key = String(decoding: lowered.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252", "iso-ir-100", "ibm819", "cp819":
            return "windows-1252"
        default: return lowered
        }
    }
}
