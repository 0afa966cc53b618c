import Foundation
import Model

/// Turns a feed's bytes into UTF-8 the way RFC 3023 and feedparser decide: a BOM (or the UTF-16/32 byte
/// pattern of `<?xml`) wins; then the HTTP charset of an XML media type, then the XML declaration, then UTF-8.
/// Bytes that are not valid in the chosen encoding are read as windows-1252, which maps every byte, and the feed is
/// flagged. ISO-8859-1 and US-ASCII are read as windows-1252, as browsers and feedparser do.
package struct FeedDecoding {
    var utf8: [UInt8]
    /// Set when the encoding had to be overridden or the media type is not XML (feedparser's bozo reasons).
    var problem: String?
    /// The encoding iconv must transcode the bytes from, when they are not UTF-8 or windows-1252 (Big5, Shift_JIS…).
    var iconvEncoding: String?

    static func decode(_ bytes: [UInt8], httpContentType: String?) -> FeedDecoding {
        var problem: String? = nil
        let mediaType = httpContentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        let httpCharset = httpContentType.flatMap(ContentType.charset(in:))
        if let mediaType, !isXMLMediaType(mediaType) { problem = "served as \(mediaType), not an XML media type" }

        if let (encoding, bomLength) = unicodeEncoding(bytes),
            let text = String(data: Data(bytes[bomLength...]), encoding: encoding)
        {
            return FeedDecoding(utf8: Array(text.utf8), problem: problem)
        }
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
        let declared = declaredEncoding(body)
        var chosen = declared ?? "utf-8"
        if let httpCharset, mediaType.map(isXMLMediaType) ?? true {
            chosen = httpCharset.lowercased()
        } else if let mediaType, mediaType.hasPrefix("text/"), httpCharset == nil, !body.allSatisfy({ $0 < 0x80 }) {
            // RFC 3023: text/xml without a charset is US-ASCII, whatever the document says.
            problem = problem ?? "text/* served without a charset (US-ASCII) but holds non-ASCII bytes"
        }
        switch declared == nil && httpCharset == nil ? "utf-8" : CharsetName.normalized(chosen) {
        case "utf-8":
            if UTF8Validation.isValid(body) { return FeedDecoding(utf8: body, problem: problem) }
            return FeedDecoding(utf8: Windows1252.decode(body), problem: problem ?? "bytes are not valid \(chosen); read as windows-1252")
        case "windows-1252":
            return FeedDecoding(utf8: Windows1252.decode(body), problem: problem)
        default:
            return FeedDecoding(utf8: body, problem: problem, iconvEncoding: chosen)
        }
    }

    /// feedparser's fallback when no converter knows the chosen encoding: UTF-8 if the bytes are valid UTF-8, else
    /// windows-1252, which maps every byte. A byte-order mark would have been taken before any declaration, so none
    /// is left to consult here.
    func fallingBack(from encoding: String) -> FeedDecoding {
        let problem = problem ?? "unknown encoding \(encoding)"
        if UTF8Validation.isValid(utf8) { return FeedDecoding(utf8: utf8, problem: problem + "; read as utf-8") }
        return FeedDecoding(utf8: Windows1252.decode(utf8), problem: problem + "; read as windows-1252")
    }

    static func isXMLMediaType(_ type: String) -> Bool {
        type.hasSuffix("/xml") || type.hasSuffix("+xml") || type == "application/xml-dtd" || type == "application/xml-external-parsed-entity"
            || type == "application/octet-stream"
            || type == "application/x-netcdf" || type == "application/json" || type == "application/feed+json"
    }

    /// UTF-16/32 by BOM or by the byte pattern of "<?" (XML 1.0 Appendix F), with the BOM's length.
    private static func unicodeEncoding(_ b: [UInt8]) -> (String.Encoding, Int)? {
        guard b.count >= 4 else { return nil }
        switch (b[0], b[1], b[2], b[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): return (.utf32BigEndian, 4)
        case (0xFF, 0xFE, 0x00, 0x00): return (.utf32LittleEndian, 4)
        case (0xFE, 0xFF, _, _): return (.utf16BigEndian, 2)
        case (0xFF, 0xFE, _, _): return (.utf16LittleEndian, 2)
        case (0x00, 0x00, 0x00, 0x3C): return (.utf32BigEndian, 0)
        case (0x3C, 0x00, 0x00, 0x00): return (.utf32LittleEndian, 0)
        case (0x00, 0x3C, 0x00, 0x3F): return (.utf16BigEndian, 0)
        case (0x3C, 0x00, 0x3F, 0x00): return (.utf16LittleEndian, 0)
        default: return nil
        }
    }

    /// The encoding named in `<?xml … encoding="…"?>`, read from the bytes.
    private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.count > 5, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "?"), bytes[2] == UInt8(ascii: "x"),
            bytes[3] == UInt8(ascii: "m"), bytes[4] == UInt8(ascii: "l")
        else { return nil }
        let head = bytes.prefix(256)
        // The declaration ends at the first "?" after "<?xml" (the one that opens it does not count).
        guard let end = head.dropFirst(5).firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let declaration = Array(head[..<end])
        let key = Array("encoding".utf8)
        guard declaration.count > key.count,
            let at = (0...(declaration.count - key.count)).first(where: { declaration[$0..<($0 + key.count)].elementsEqual(key) })
        else { return nil }
        var index = at + key.count
        while index < declaration.count, declaration[index] == UInt8(ascii: " ") || declaration[index] == UInt8(ascii: "=") { index += 1 }
        guard index < declaration.count, declaration[index] == UInt8(ascii: "\"") || declaration[index] == UInt8(ascii: "'") else { return nil }
        let quote = declaration[index]
        let value = declaration[(index + 1)...].prefix { $0 != quote }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }
}

/// windows-1252 to UTF-8. Bytes 0x80–0x9F map to the typographic characters of the Windows code page; the five
/// it leaves undefined become the C1 control of the same value, so no byte is ever lost (WHATWG's mapping).
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Characters U+0080–U+009F (C1 controls, which no feed means) as the windows-1252 characters their
    /// numbers stand for: `&#146;` → ’. feedparser calls this demoronizing.
    static func demoronize(_ text: String) -> String {
        if text.isAllASCII { return text }  // most feed text: nothing to repair
        // Both repairs concern U+0080–U+00FF only, whose UTF-8 leads are 0xC2 and 0xC3: other scripts skip them.
        if !text.utf8.contains(where: { $0 == 0xC2 || $0 == 0xC3 }) { return text }
        let text = repairDoubleEncoding(text)
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) {
                scalars.append(Unicode.Scalar(high[Int(scalar.value - 0x80)])!)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// UTF-8 that was decoded as Latin-1 somewhere upstream ("â\u{80}¦" for "…"): when every character fits in a
    /// byte and those bytes are valid UTF-8 with at least one multi-byte sequence, the UTF-8 reading is the text.
    static func repairDoubleEncoding(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }), scalars.allSatisfy({ $0.value <= 0xFF }) else { return text }
        let bytes = scalars.map { UInt8($0.value) }
        guard UTF8Validation.isValid(bytes) else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.withUnsafeBufferPointer(UTF8Validation.isASCII) { return bytes }  // declared Latin-1, written in ASCII
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            guard byte >= 0x80 else {
                output.append(byte)
                continue
            }
            let value = byte <= 0x9F ? high[Int(byte - 0x80)] : UInt32(byte)
            if value < 0x800 {
                output.append(UInt8(0xC0 | value >> 6))
            } else {
                output.append(UInt8(0xE0 | value >> 12))
                output.append(UInt8(0x80 | (value >> 6) & 0x3F))
            }
            output.append(UInt8(0x80 | value & 0x3F))
        }
        return output
    }
}
