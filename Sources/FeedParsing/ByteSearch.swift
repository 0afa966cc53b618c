import Glibc

/// Where a short marker ("<!ENTITY", "charset=") first occurs in bytes. memchr finds each candidate first byte,
/// as the markers are short and their first byte is rare.
/// Shared with article extraction (`package`), which sniffs charsets the same way.
package enum ByteSearch {
    /// The index in `haystack` where `needle` starts, searching from `start` (the slice's start by default).
    package static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int? = nil) -> Int? {
        guard let first = needle.first else { return nil }
        let from = start ?? haystack.startIndex
        guard from >= haystack.startIndex, from + needle.count <= haystack.endIndex else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = from - haystack.startIndex
            let lastStart = buffer.count - needle.count
            while offset <= lastStart {
                guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return nil }
                let position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + position, needle, needle.count) == 0 { return haystack.startIndex + position }
                offset = position + 1
            }
            return nil
        }
    }
}
