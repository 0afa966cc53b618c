/// Where a short marker ("<!ENTITY", "charset=") first occurs in bytes: a plain scan, as the markers are short.
/// Shared with article extraction (`package`), which sniffs charsets the same way.
package enum ByteSearch {
    /// The index in `haystack` where `needle` starts, searching from `start` (the slice's start by default).
    package static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int? = nil) -> Int? {
        guard let first = needle.first else { return nil }
        var index = start ?? haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
