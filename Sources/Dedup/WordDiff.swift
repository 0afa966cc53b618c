/// A word-level diff between two versions of a text: unchanged words plain, removals `[-…-]`, additions `{+…+}`
/// (wdiff's notation), with counts. Common prefix and suffix are trimmed first, so typical edits stay cheap.
public struct WordDiff: Sendable, Equatable {
    public let text: String
    public let added: Int
    public let removed: Int

    /// Differences beyond this many words per side are summarised instead of aligned word by word.
    static let maxAlignedWords = 4000

    public init(old: String, new: String) {
        let a = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = new.split(whereSeparator: \.isWhitespace).map(String.init)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        var parts: [String] = []
        if prefix > 0 { parts.append(Self.context(a[max(0, prefix - 8)..<prefix], leading: prefix > 8)) }
        var added = 0
        var removed = 0
        if middleA.count > Self.maxAlignedWords || middleB.count > Self.maxAlignedWords {
            parts.append("[-" + middleA.joined(separator: " ") + "-]")
            parts.append("{+" + middleB.joined(separator: " ") + "+}")
            added = middleB.count
            removed = middleA.count
        } else {
            let ops = Self.align(middleA, middleB)
            for op in ops {
                switch op {
                case .same(let words):
                    parts.append(
                        words.count > 16
                            ? words.prefix(6).joined(separator: " ") + " … " + words.suffix(6).joined(separator: " ") : words.joined(separator: " "))
                case .removed(let words):
                    parts.append("[-" + words.joined(separator: " ") + "-]")
                    removed += words.count
                case .added(let words):
                    parts.append("{+" + words.joined(separator: " ") + "+}")
                    added += words.count
                }
            }
        }
        if suffix > 0 { parts.append(Self.context(b[(b.count - suffix)..<min(b.count, b.count - suffix + 8)], trailing: suffix > 8)) }
        text = parts.filter { !$0.isEmpty }.joined(separator: " ")
        self.added = added
        self.removed = removed
    }

    private static func context(_ words: ArraySlice<String>, leading: Bool = false, trailing: Bool = false) -> String {
        (leading ? "… " : "") + words.joined(separator: " ") + (trailing ? " …" : "")
    }

    enum Op: Equatable {
        case same([String])
        case removed([String])
        case added([String])
    }

    /// Myers' alignment (the standard library's `difference(from:)`: time and memory grow with the edit, not
    /// with the product of the lengths), grouped into runs; at one place, removals come before additions.
    static func align(_ a: [String], _ b: [String]) -> [Op] {
        let difference = b.difference(from: a)
        var removedAt = Set<Int>(minimumCapacity: difference.removals.count)
        var insertedAt = Set<Int>(minimumCapacity: difference.insertions.count)
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removedAt.insert(offset)
            case .insert(let offset, _, _): insertedAt.insert(offset)
            }
        }
        var ops: [Op] = []
        func push(_ op: Op) {
            switch (ops.last, op) {
            case (.same(let x)?, .same(let y)): ops[ops.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): ops[ops.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): ops[ops.count - 1] = .added(x + y)
            default: ops.append(op)
            }
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, removedAt.contains(i) {
                push(.removed([a[i]]))
                i += 1
            } else if j < b.count, insertedAt.contains(j) {
                push(.added([b[j]]))
                j += 1
            } else {
                push(.same([a[i]]))
                i += 1
                j += 1
            }
        }
        return ops
    }
}
