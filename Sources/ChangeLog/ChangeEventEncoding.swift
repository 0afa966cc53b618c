import Foundation
import Model

/// The one encoder of change-log lines: a compact JSON object with `time`, `kind`, `id`, `feed` and the kind's
/// fields (spelled out in ChangeEvent.swift), keys sorted so that a line is the same bytes every time; a field
/// without a value is written as `null`, so every line of a kind has the same keys.
extension ChangeEvent: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var header = encoder.container(keyedBy: FieldKey.self)
        try header.encode(ISOTime.format(time), forKey: "time")
        try header.encode(kind, forKey: "kind")
        try header.encodeIfPresent(id, forKey: "id")
        try header.encode(feed, forKey: "feed")
        switch payload {
        case .articleNew(let fields): try fields.encode(to: encoder)
        case .articleUpdated(let fields): try fields.encode(to: encoder)
        case .articleDuplicate(let fields): try fields.encode(to: encoder)
        case .feedError(let fields): try fields.encode(to: encoder)
        case .feedRecovered(let fields): try fields.encode(to: encoder)
        case .feedMoved(let fields): try fields.encode(to: encoder)
        case .entityFirstSeen(let fields): try fields.encode(to: encoder)
        case .summitDetected(let fields): try fields.encode(to: encoder)
        }
    }

    /// The event as its change-log line (no newline).
    public var line: String {
        // Cannot fail: the payloads hold strings, integers and string enums only (no floating point to reject).
        String(decoding: try! Self.encoder.encode(self), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A JSON key written as a string literal, so each payload's `encode(to:)` reads as the list of its keys.
struct FieldKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}
