import Foundation

/// Removes what scripts contain from a page's bytes before libxml2 sees them, so no script text can become
/// story text. libxml2 2.9 ends a script where browsers do not (a `</script>` inside the HTML comment that
/// script-escapes it, a control character, a `</` in recovery edge cases) and parses the rest of the script
/// as words. The ends are found the WHATWG way (script data, escaped and double-escaped states); JSON-LD
/// bodies are kept for the metadata reader.
enum ScriptStripper {
    /// The bytes with every non-JSON-LD script emptied, or the same array when there is nothing to remove.
    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8] in
            var output: [UInt8] = []
            var copied = 0
            var index = 0
            while let open = nextByte(UInt8(ascii: "<"), in: buffer, from: index) {
                if matches("<!--", buffer, at: open) {
                    index = find("-->", in: buffer, from: open + 4).map { $0 + 3 } ?? buffer.count
                    continue
                }
                guard matchesTagName("script", buffer, at: open + 1),
                    let tagEnd = nextByte(UInt8(ascii: ">"), in: buffer, from: open + 7)
                else {
                    index = open + 1
                    continue
                }
                let contentStart = tagEnd + 1
                guard let contentEnd = scriptEnd(buffer, from: contentStart) else { break }
                if contentEnd > contentStart && !isJSONLD(buffer, from: open, to: tagEnd) {
                    if output.isEmpty { output.reserveCapacity(buffer.count) }
                    output.append(contentsOf: buffer[copied..<contentStart])
                    copied = contentEnd
                }
                index = contentEnd + 8
            }
            guard copied > 0 else { return bytes }
            output.append(contentsOf: buffer[copied...])
            return output
        }
    }

    private enum State { case data, escaped, doubleEscaped }

    /// Where the script's closing `</script` starts, or nil when it never closes (then nothing is removed).
    private static func scriptEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var state = State.data
        var index = start
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "-"), matches("-->", buffer, at: index) {
                state = .data
                index += 3
                continue
            }
            guard byte == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if matches("<!--", buffer, at: index), state == .data {
                state = .escaped
                index += 4
                continue
            }
            if matchesTagName("script", buffer, at: index + 1), state == .escaped {
                state = .doubleEscaped
            } else if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "/"), matchesTagName("script", buffer, at: index + 2) {
                if state == .doubleEscaped { state = .escaped } else { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isJSONLD(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        find("ld+json", in: buffer, from: start, to: end, caseInsensitive: true) != nil
    }

    /// `name` (lower-case ASCII) at `index`, case-insensitively, followed by what may end a tag name.
    private static func matchesTagName(_ name: StaticString, _ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let length = name.utf8CodeUnitCount
        guard index + length < buffer.count else { return false }
        for offset in 0..<length where buffer[index + offset] | 0x20 != name.utf8Start[offset] { return false }
        let next = buffer[index + length]
        return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0C || next == 0x0D || next == UInt8(ascii: "/") || next == UInt8(ascii: ">")
    }

    private static func matches(_ text: StaticString, _ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard index + length <= buffer.count else { return false }
        for offset in 0..<length where buffer[index + offset] != text.utf8Start[offset] { return false }
        return true
    }

    /// Where `text` starts in `buffer[start..<end]` (to the buffer's end by default).
    private static func find(_ text: StaticString, in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil, caseInsensitive: Bool = false)
        -> Int?
    {
        let first = text.utf8Start[0]
        let limit = min(end ?? buffer.count, buffer.count)
        var index = start
        while index < limit {
            let byte = caseInsensitive ? buffer[index] | 0x20 : buffer[index]
            if byte == first {
                let length = text.utf8CodeUnitCount
                guard index + length <= limit else { return nil }
                var offset = 1
                while offset < length && (caseInsensitive ? buffer[index + offset] | 0x20 : buffer[index + offset]) == text.utf8Start[offset] { offset += 1 }
                if offset == length { return index }
            }
            index += 1
        }
        return nil
    }

    /// memchr: the scan for `<` is most of this pass, and the C library's is vectorised.
    private static func nextByte(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
