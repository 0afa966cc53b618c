import Foundation

/// One URL per article: lower-case scheme and host, no default port, no fragment, no tracking parameters,
/// remaining parameters sorted, `http` treated as `https` for identity.
public enum URLCanonicalizer {
    /// Tracking parameters dropped from URLs. Sources: Mozilla's query-stripping list, Brave's
    /// `query_filter`, and the ClearURLs "globalRules" (utm_*, fbclid, gclid, mc_*, …). Prefix entries end in `*`.
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
        "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "smtyp", "ref", "ref_src", "ref_url", "referrer", "src", "source",
        "igshid", "mkt_tok", "_hsenc", "_hsmi", "hsctatracking", "vero_id", "oly_anon_id", "oly_enc_id", "rb_clickid",
        "s_cid", "cid", "icid", "ito", "itm_source", "itm_medium", "itm_campaign", "at_medium", "at_campaign",
        "xtor", "ns_source", "ns_mchannel", "ns_campaign", "ncid", "sr_share", "share", "CMP", "cmp", "taid", "ftag",
        "guccounter", "guce_referrer", "guce_referrer_sig", "soc_src", "soc_trk", "rss", "feed", "outputType", "amp",
    ]
    private static let trackingPrefixes = ["utm_", "pk_", "piwik_", "mtm_", "matomo_", "hmb_", "at_", "__twitter"]

    public static func canonical(_ text: String) -> String {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return text }
        components.scheme = "https"
        components.host = components.host?.lowercased()
        if components.port == 80 || components.port == 443 { components.port = nil }
        components.fragment = nil
        let kept = (components.queryItems ?? []).filter { !isTracking($0.name) }
        components.queryItems = kept.isEmpty ? nil : kept.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        if components.path.isEmpty { components.path = "/" }
        if components.path.count > 1, components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? text
    }

    /// The identity of an article: its page's canonical URL when it names one on an http(s) URL, else the link.
    public static func identity(link: String, pageCanonical: String?) -> String {
        if let pageCanonical, let scheme = URL(string: pageCanonical)?.scheme?.lowercased(), scheme == "http" || scheme == "https" {
            return canonical(pageCanonical)
        }
        return canonical(link)
    }

    static func isTracking(_ name: String) -> Bool {
        let lower = name.lowercased()
        return trackingParameters.contains(name) || trackingParameters.contains(lower) || trackingPrefixes.contains { lower.hasPrefix($0) }
    }
}
