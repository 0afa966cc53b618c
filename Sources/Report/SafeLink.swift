import Foundation

/// Decides which URLs from feeds and pages may become an `href`: only absolute http(s) URLs with a host. A
/// `javascript:`, `data:` or any other URL is shown as text. (Escaping of what is allowed is the template's job.)
enum SafeLink {
    static func href(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return nil }
        // Browsers drop tabs and newlines inside URLs and C0 controls are never part of a real link: refuse them.
        guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
            let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        return url
    }
}
