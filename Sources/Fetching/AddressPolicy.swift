import Foundation

/// Decides whether a connection to an IP address is allowed: public addresses always are; loopback, private,
/// link-local, unspecified and multicast ones only when the config allows them or the request trusts the endpoint.
/// Checked when a socket is opened and again before every request (after DNS, after every redirect, on a reused
/// keep-alive connection too), so neither a redirect, DNS rebinding nor connection reuse gets around it.
struct AddressPolicy: Sendable {
    var allowPrivate: Bool
    var trustedEndpoints: Set<String>

    func allows(ip: String, port: Int) -> Bool {
        if allowPrivate || !Self.isInternal(ip) { return true }
        return trustedEndpoints.contains(Self.endpoint(ip: ip, port: port))
    }

    static func endpoint(ip: String, port: Int) -> String { ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)" }

    /// Ranges from RFC 1918, 5735 (loopback, 0/8), 3927 (link-local), 6598 (CGNAT), 4193 (ULA) and 4291 (IPv6).
    static func isInternal(_ ip: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 {
            let a = UInt32(bigEndian: v4.s_addr)
            return isInternalV4(a)
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, ip, &v6) == 1 else { return true }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {  // ::ffff:a.b.c.d
            let a = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
            return isInternalV4(a)
        }
        if bytes[0] & 0xfe == 0xfc { return true }  // fc00::/7
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return true }  // fe80::/10
        if bytes[0] == 0xff { return true }  // multicast
        return false
    }

    private static func isInternalV4(_ a: UInt32) -> Bool {
        func inRange(_ base: UInt32, _ bits: UInt32) -> Bool { a >> (32 - bits) == base >> (32 - bits) }
        return inRange(0x0000_0000, 8) || inRange(0x0A00_0000, 8) || inRange(0x7F00_0000, 8)
            || inRange(0xA9FE_0000, 16) || inRange(0xAC10_0000, 12) || inRange(0xC0A8_0000, 16)
            || inRange(0x6440_0000, 10) || inRange(0xE000_0000, 4) || a == 0xFFFF_FFFF
    }
}
