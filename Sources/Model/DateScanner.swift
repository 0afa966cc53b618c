/// A tiny cursor over ASCII bytes for the date readers.
struct DateScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index >= bytes.count }
    var rest: String { String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self) }

    func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits, or nil (the cursor stays put).
    mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        index += count
        return value
    }

    /// One or more digits (as many as there are), with how many there were.
    mutating func number() -> (value: Int64, length: Int)? {
        let start = index
        var value: Int64 = 0
        while let byte = peek(), byte >= 0x30 && byte <= 0x39, index - start < 18 {
            value = value * 10 + Int64(byte - 0x30)
            index += 1
        }
        return index > start ? (value, index - start) : nil
    }
}
