import Foundation

/// Decides whether a re-fetched text is a real edit. Whitespace, punctuation and case never count (the
/// fingerprint ignores them); neither do changes confined to timestamps and datelines ("Updated 10:42 GMT",
/// "3 hours ago", "August 15, 2025"). Other numbers ("5 killed" → "7 killed") are edits.
public enum EditClassifier {
    public enum Verdict: Sendable, Equatable {
        case unchanged
        case edited(WordDiff)
    }

    public static func compare(old: String, new: String) -> Verdict {
        if TextFingerprint(text: old).exactHash == TextFingerprint(text: new).exactHash { return .unchanged }
        if TextFingerprint(text: withoutTimeNoise(old)).exactHash == TextFingerprint(text: withoutTimeNoise(new)).exactHash { return .unchanged }
        return .edited(WordDiff(old: old, new: new))
    }

    private static let month = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?"
    private static let noise: [NSRegularExpression] = [
        "\\b(?:last\\s+)?(?:updated|published|modified)\\b:?",
        "\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?\\s*(?:gmt|utc|bst|est|edt|cet|cest|pst|pdt|et)?\\b",
        "\\b\\d+\\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\\s+ago\\b",
        "\\b\(month)\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b",
        "\\b\\d{1,2}\\s+\(month)\\s+\\d{4}\\b",
        "\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b,?",
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    static func withoutTimeNoise(_ text: String) -> String {
        var result = text
        for pattern in noise {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: " ")
        }
        return result
    }
}
