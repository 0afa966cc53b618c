import CCurl
import Foundation

/// Reads the IP and port out of the address libcurl is about to connect to.
enum SocketAddressText {
    static func ipAndPort(_ address: UnsafeMutablePointer<curl_sockaddr>) -> (String, Int)? {
        let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
        // libcurl allocates curl_sockaddr with room for a full sockaddr_storage behind `addr`.
        let raw = UnsafeMutableRawPointer(address).advanced(by: offset)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch address.pointee.family {
        case AF_INET:
            var sin = raw.loadUnaligned(as: sockaddr_in.self)
            guard inet_ntop(AF_INET, &sin.sin_addr, &text, socklen_t(text.count)) != nil else { return nil }
            return (decode(text), Int(UInt16(bigEndian: sin.sin_port)))
        case AF_INET6:
            var sin6 = raw.loadUnaligned(as: sockaddr_in6.self)
            guard inet_ntop(AF_INET6, &sin6.sin6_addr, &text, socklen_t(text.count)) != nil else { return nil }
            return (decode(text), Int(UInt16(bigEndian: sin6.sin6_port)))
        default:
            return nil
        }
    }

    private static func decode(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
