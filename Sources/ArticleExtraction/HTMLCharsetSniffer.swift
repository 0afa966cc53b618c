import Model

/// Decides the encoding libxml2's HTML parser gets: the HTTP charset, else a BOM, else `<meta charset>` /
/// `http-equiv` in the first 4 KiB (a Latin label on valid multi-byte UTF-8 read as UTF-8), else UTF-8 if the bytes are valid UTF-8, else windows-1252.
/// libxml2 left to itself assumes ISO-8859-1 and turns UTF-8 pages without a meta charset into mojibake.
enum HTMLCharsetSniffer {
    static func encoding(of bytes: [UInt8], httpCharset: String?) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if let declared = normalized(httpCharset) ?? normalized(metaCharset(bytes)) {
            // A Latin label on bytes that are valid UTF-8 with multi-byte sequences lies (a template's default
            // left in place): browsers' and trafilatura's detectors end up reading such pages as UTF-8.
            if declared == "windows-1252" && !isASCII(bytes) && UTF8Validation.isValid(bytes) { return "UTF-8" }
            return declared
        }
        return UTF8Validation.isValid(bytes) ? "UTF-8" : "windows-1252"
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) }
    }

    /// Latin-1 and ASCII as windows-1252 (as browsers do, WHATWG), UTF-8 by any of its names: the feeds' table.
    private static func normalized(_ charset: String?) -> String? {
        guard let charset = charset?.trimmingCharacters(in: .whitespaces), !charset.isEmpty else { return nil }
        return CharsetName.normalized(charset)
    }

    private static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head: [UInt8] = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard let found = ByteSearch.firstIndex(of: key, in: head[...]) else { return nil }
        let start = found + key.count
        let value = head[start...].drop { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: " ") }
        let name = value.prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }
}
