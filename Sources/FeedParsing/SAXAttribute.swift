import CLibXML2

/// An attribute as libxml2's SAX2 start-element callback reports it, decoded the way its tree builder would.
struct SAXAttribute {
    let localName: String
    let prefix: String?
    let namespace: String?
    let value: String

    /// Reads libxml2's packed attribute array: five pointers each (local name, prefix, URI, value start, value end).
    /// Attributes defaulted from the DTD are left out, as the tree builder leaves them out.
    static func list(_ packed: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int32, defaulted: Int32) -> [SAXAttribute] {
        guard let packed, count > defaulted else { return [] }
        return (0..<Int(count - defaulted)).map { index in
            let base = packed + index * 5
            let start = base[3]!
            let end = base[4]!
            return SAXAttribute(
                localName: String(cString: base[0]!), prefix: base[1].map { String(cString: $0) },
                namespace: base[2].map { String(cString: $0) },
                value: decodedValue(UnsafeBufferPointer(start: start, count: end - start)))
        }
    }

    /// The value of the first attribute with this local name (and this prefix, if one is given), read from the packed
    /// array without decoding the other attributes: the reader asks for one or two names on nearly every element.
    static func value(of name: String, prefix: String? = nil, in packed: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int32) -> String? {
        guard let packed, count > 0 else { return nil }
        for index in 0..<Int(count) {
            let base = packed + index * 5
            if let prefix {  // checked first: most attributes have no prefix
                guard let written = base[1], spells(written, prefix) else { continue }
            }
            guard spells(base[0]!, name) else { continue }
            return decodedValue(UnsafeBufferPointer(start: base[3]!, count: base[4]! - base[3]!))
        }
        return nil
    }

    /// Whether a NUL-terminated libxml2 string spells `string` (bytes compared directly, no C string made).
    static func spells(_ pointer: UnsafePointer<xmlChar>, _ string: String) -> Bool {
        var index = 0
        for byte in string.utf8 {
            guard pointer[index] == byte else { return false }
            index += 1
        }
        return pointer[index] == 0
    }

    /// Without entity substitution libxml2 hands over `&amp;` as `&#38;` and declared entities as `&name;`; its
    /// tree builder then decodes character references and predefined entities and keeps other references as
    /// nodes that carry no text. The same here.
    static func decodedValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), let semicolon = bytes[index...].firstIndex(of: UInt8(ascii: ";")) else {
                out.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            if let scalar = characterReference(name) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else if let predefined = predefinedEntities[name] {
                out.append(predefined)
            }
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let predefinedEntities: [String: UInt8] = ["amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27]

    private static func characterReference(_ name: String) -> Unicode.Scalar? {
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }
}

/// A namespace declaration (`xmlns` or `xmlns:prefix`) on an element.
struct SAXNamespace {
    let prefix: String?
    let uri: String

    /// libxml2's packed declarations: two pointers each (prefix, URI).
    static func list(_ packed: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int32) -> [SAXNamespace] {
        guard let packed, count > 0 else { return [] }
        return (0..<Int(count)).map { index in
            SAXNamespace(
                prefix: packed[index * 2].map { String(cString: $0) },
                uri: packed[index * 2 + 1].map { String(cString: $0) } ?? "")
        }
    }
}
