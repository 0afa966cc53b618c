import Foundation

/// A 128-bit hash of bytes (two FNV-1a passes with different offsets): ample for telling a feed body, a page or
/// a text from the one seen last time, and dependency-free. Not for anything an attacker must not collide.
public enum ContentHash {
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        // Contiguous bytes (Data, arrays) are walked as a buffer: Data's iterator, called through the generic
        // from another module, cost 1.5 % of a cycle's CPU for a page's body.
        bytes.withContiguousStorageIfAvailable { hash($0) } ?? hash(bytes)
    }

    private static func hash(_ bytes: some Sequence<UInt8>) -> String {
        var first = FNV1a64()
        var second = FNV1a64(offset: 0x6c62_272e_07bb_0142)
        for byte in bytes {
            first.add(byte)
            second.add(byte)
        }
        return String(first.value, radix: 16).leftPadded(16) + String(second.value, radix: 16).leftPadded(16)
    }
}

/// FNV-1a, 64 bits: the hash behind `ContentHash` and the SimHash features.
struct FNV1a64 {
    private(set) var value: UInt64
    init(offset: UInt64 = 0xcbf2_9ce4_8422_2325) { value = offset }

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
    }
}
