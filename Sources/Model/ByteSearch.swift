import Glibc

/// Where a short marker ("<!ENTITY", "charset=") first occurs in bytes. memchr looks for the marker's rarest
/// byte (its first punctuation other than '<', so '!' or '='), not for '<', which an XML document is full of.
/// Shared with article extraction (`package`), which sniffs charsets the same way.
package enum ByteSearch {
    /// The index in `haystack` where `needle` starts, searching from `start` (the slice's start by default).
    package static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int? = nil) -> Int? {
        guard !needle.isEmpty else { return nil }
        let from = start ?? haystack.startIndex
        guard from >= haystack.startIndex, from + needle.count <= haystack.endIndex else { return nil }
        let pivot =
            needle.firstIndex { byte in
                byte != UInt8(ascii: "<") && !(byte >= 0x30 && byte <= 0x39) && !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            } ?? 0
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var candidate = from - haystack.startIndex  // where the needle would start
            let lastStart = buffer.count - needle.count
            while candidate <= lastStart {
                let searchFrom = candidate + pivot
                guard let hit = memchr(base + searchFrom, Int32(needle[pivot]), lastStart + pivot - searchFrom + 1) else { return nil }
                let start = (UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base) - pivot
                if memcmp(base + start, needle, needle.count) == 0 { return haystack.startIndex + start }
                candidate = start + 1
            }
            return nil
        }
    }
}
