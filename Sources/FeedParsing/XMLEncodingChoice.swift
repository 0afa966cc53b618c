/// Which encoding to hand libxml2, the way RFC 3023 and feedparser choose it: a BOM wins, then the HTTP charset,
/// then the XML declaration (libxml2 reads that itself), then UTF-8. Bytes that are not valid in the declared
/// encoding fall back to windows-1252, which maps every byte.
enum XMLEncodingChoice {
    static func encoding(for bytes: [UInt8], httpCharset: String?) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }  // libxml2 reads UTF-16 BOMs
        if let httpCharset, !httpCharset.isEmpty { return httpCharset }
        if declaresEncoding(bytes) { return nil }
        return isValidUTF8(bytes) ? "UTF-8" : "windows-1252"
    }

    private static func declaresEncoding(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return false }
        return head[..<end.lowerBound].contains("encoding")
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
