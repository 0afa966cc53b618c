import Foundation

/// The stored word diff (wdiff notation: unchanged words plain, `[-removed-]`, `{+added+}`) cut into runs the
/// page marks up as `<del>` and `<ins>`.
struct DiffSegment: Equatable {
    enum Kind: Equatable { case same, removed, added }
    var kind: Kind
    var text: String
}

enum DiffSegments {
    /// At most this many characters of a diff are shown: the page is a digest, `summitwatch show ID --diff` has the rest.
    static let maxCharacters = 1_200

    static func parse(_ diff: String) -> [DiffSegment] {
        var segments: [DiffSegment] = []
        var rest = Substring(diff)
        var budget = maxCharacters
        while !rest.isEmpty, budget > 0 {
            let removal = rest.range(of: "[-")
            let addition = rest.range(of: "{+")
            let next = [removal, addition].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
            guard let next else {
                append(.same, rest, to: &segments, budget: &budget)
                break
            }
            append(.same, rest[..<next.lowerBound], to: &segments, budget: &budget)
            let isRemoval = next == removal
            let closing = rest[next.upperBound...].range(of: isRemoval ? "-]" : "+}")
            let body = rest[next.upperBound..<(closing?.lowerBound ?? rest.endIndex)]
            append(isRemoval ? .removed : .added, body, to: &segments, budget: &budget)
            rest = closing.map { rest[$0.upperBound...] } ?? ""
        }
        if budget <= 0 { segments.append(DiffSegment(kind: .same, text: "…")) }
        return segments
    }

    private static func append(_ kind: DiffSegment.Kind, _ text: Substring, to segments: inout [DiffSegment], budget: inout Int) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        let shown = trimmed.count > budget ? String(trimmed.prefix(budget)) + "…" : trimmed
        budget -= trimmed.count
        segments.append(DiffSegment(kind: kind, text: shown))
    }
}
