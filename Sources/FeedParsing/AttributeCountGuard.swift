import Glibc

/// libxml2 checks each attribute of an element against every earlier one, so an element with 100,000 attributes
/// takes seconds and one with millions takes hours. Feeds carry a handful; a document with an element carrying
/// more than `limit` is refused before it reaches the parser.
enum AttributeCountGuard {
    static let limit = 1_000

    /// The byte offset of the first start tag with more than `limit` attributes, if any. Counts the '=' outside
    /// quotes between a '<' followed by a letter and its closing '>'.
    static func firstExcess(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var index = 0
            while index < buffer.count, let hit = memchr(base + index, Int32(UInt8(ascii: "<")), buffer.count - index) {
                let tagStart = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                var position = tagStart + 1
                guard position < buffer.count, (base[position] | 0x20) >= UInt8(ascii: "a"), (base[position] | 0x20) <= UInt8(ascii: "z") else {
                    index = position
                    continue
                }
                var equals = 0
                var quote: UInt8 = 0
                while position < buffer.count {
                    let byte = base[position]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "=") {
                        equals += 1
                        if equals > limit { return tagStart }
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                    position += 1
                }
                index = position + 1
            }
            return nil
        }
    }
}
