extension String {
    /// Without leading and trailing whitespace. Native: Foundation's trimmingCharacters bridges through NSString,
    /// which showed as the largest cost of parsing small feeds. Most feed values start and end with an ASCII
    /// letter or digit, which is told from the bytes without looking up Unicode properties.
    package var trimmed: String {
        let bytes = utf8
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return self }
        if Self.isASCIIInk(firstByte) && Self.isASCIIInk(lastByte) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// A printable ASCII byte other than the space: never whitespace, and never part of a longer character.
    private static func isASCIIInk(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}

extension String {
    /// Whether the text is all ASCII, read from its UTF-8 storage eight bytes at a time.
    package var isAllASCII: Bool {
        utf8.withContiguousStorageIfAvailable(UTF8Validation.isASCII) ?? utf8.allSatisfy { $0 < 0x80 }
    }
}
