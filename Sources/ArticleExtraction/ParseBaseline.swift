import Foundation

/// The yardstick for extraction speed: libxml2's HTML parse of a page and one walk over all its text, with the
/// same charset handling, and nothing else. Used by the benchmark, never by the pipeline.
public enum ParseBaseline {
    /// Parses a page and walks every text node, counting its bytes (returned so the work is not optimised away).
    public static func parseAndWalk(_ data: Data, url: String? = nil) -> Int {
        let bytes = [UInt8](data)
        guard let tree = try? HTMLTree(bytes: bytes, url: url, encoding: HTMLCharsetSniffer.encoding(of: bytes, httpCharset: nil)),
              let root = tree.root else { return 0 }
        return tree.textAndLinkLength(root).text
    }
}
