/// Decides the encoding libxml2's HTML parser gets: the HTTP charset, else a BOM, else `<meta charset>` /
/// `http-equiv` in the first 4 KiB, else UTF-8 if the bytes are valid UTF-8, else windows-1252.
/// libxml2 left to itself assumes ISO-8859-1 and turns UTF-8 pages without a meta charset into mojibake.
enum HTMLCharsetSniffer {
    static func encoding(of bytes: [UInt8], httpCharset: String?) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if let httpCharset = normalized(httpCharset) { return httpCharset }
        if let declared = normalized(metaCharset(bytes)) { return declared }
        return isValidUTF8(bytes) ? "UTF-8" : "windows-1252"
    }

    private static func normalized(_ charset: String?) -> String? {
        guard let charset = charset?.trimmingCharacters(in: .whitespaces), !charset.isEmpty else { return nil }
        switch charset.lowercased() {
        case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii": return "windows-1252"  // as browsers do (WHATWG)
        case "utf8": return "UTF-8"
        default: return charset
        }
    }

    private static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head: [UInt8] = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard let found = ByteSearch.firstIndex(of: key, in: head) else { return nil }
        let start = found + key.count
        let value = head[start...].drop { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: " ") }
        let name = value.prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }

    /// UTF-8 validity without building a String: eight ASCII bytes at a time, then sequence by sequence.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            let count = buffer.count
            var index = 0
            while index < count {
                if index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let lead = base[index]
                if lead < 0x80 { index += 1; continue }
                let length: Int
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: return false
                }
                guard index + length <= count else { return false }
                for offset in 1..<length where base[index + offset] & 0xC0 != 0x80 { return false }
                let second = base[index + 1]
                if lead == 0xE0 && second < 0xA0 { return false }   // overlong
                if lead == 0xED && second > 0x9F { return false }   // surrogates
                if lead == 0xF0 && second < 0x90 { return false }   // overlong
                if lead == 0xF4 && second > 0x8F { return false }   // beyond U+10FFFF
                index += length
            }
            return true
        }
    }
}
