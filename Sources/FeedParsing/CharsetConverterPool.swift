import Glibc
import Synchronization

/// iconv converters to UTF-8 for the encodings we do not decode ourselves (Big5, EUC-KR, Shift_JIS, ISO-8859-7…),
/// kept open for reuse. Opening one costs more than parsing a small feed, and glibc unloads an encoding's module
/// when its last converter closes, so opening one per document (as libxml2 does) paid a dlopen each time.
final class CharsetConverterPool: Sendable {
    /// A converter nobody is using. It only moves between threads through the pool's lock, and is used by the one
    /// conversion that took it, so no two threads ever touch it at once.
    private struct IdleConverter: @unchecked Sendable {
        let handle: iconv_t
    }

    private let idle = Mutex<[String: [IdleConverter]]>([:])
    private static let maxEncodings = 32
    private static let maxIdlePerEncoding = 4

    deinit {
        idle.withLock { pools in
            for converter in pools.values.joined() { iconv_close(converter.handle) }
            pools.removeAll()
        }
    }

    /// The bytes as UTF-8, and how many sequences that were not valid in the encoding became U+FFFD (as a browser
    /// decodes them: the text around a bad byte survives, and so do the items after it). Nil when iconv does not
    /// know the encoding.
    func utf8(from bytes: [UInt8], encoding: String) -> (utf8: [UInt8], replaced: Int)? {
        let name = encoding.uppercased()
        guard let handle = idle.withLock({ $0[name]?.popLast()?.handle }) ?? Self.open(name) else { return nil }
        let output = Self.convert(bytes, with: handle)
        let kept = idle.withLock { pools in
            guard pools[name] != nil || pools.count < Self.maxEncodings, pools[name, default: []].count < Self.maxIdlePerEncoding else { return false }
            pools[name, default: []].append(IdleConverter(handle: handle))
            return true
        }
        if !kept { iconv_close(handle) }
        return output
    }

    private static func open(_ name: String) -> iconv_t? {
        let handle = iconv_open("UTF-8", name)
        guard let handle, handle != iconv_t(bitPattern: -1) else { return nil }
        return handle
    }

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Every input byte yields at most 3 output bytes, and so does each U+FFFD put in for a skipped byte, so the output
    /// never outgrows `count * 3` and iconv never stops for want of room.
    private static func convert(_ bytes: [UInt8], with handle: iconv_t) -> (utf8: [UInt8], replaced: Int) {
        _ = iconv(handle, nil, nil, nil, nil)  // back to the initial shift state
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var input = bytes
        var replaced = 0
        let written: Int = input.withUnsafeMutableBytes { source in
            output.withUnsafeMutableBytes { target in
                var inPointer = source.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = source.count
                var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = target.count
                // Stops at a byte invalid in the encoding (EILSEQ) or a sequence cut off at the end (EINVAL): that byte
                // becomes U+FFFD and conversion resumes after it.
                while iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == -1, errno == EILSEQ || errno == EINVAL,
                    inLeft > 0, outLeft >= 3
                {
                    replaced += 1
                    for byte in replacementCharacter {
                        outPointer!.pointee = CChar(bitPattern: byte)
                        outPointer! += 1
                    }
                    outLeft -= 3
                    inPointer! += 1
                    inLeft -= 1
                }
                _ = iconv(handle, nil, nil, &outPointer, &outLeft)
                return target.count - outLeft
            }
        }
        output.removeSubrange(written...)
        return (output, replaced)
    }
}
