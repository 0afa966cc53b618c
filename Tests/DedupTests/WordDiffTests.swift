import Testing

@testable import Dedup

@Suite struct WordDiffTests {
    /// Deterministic pseudo-random words, so a failure can be replayed.
    struct Words {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// The runs of an alignment give back both texts: same + removed is the old, same + added the new.
    @Test(arguments: [1, 2, 3, 4, 5])
    func anAlignmentRebuildsBothTexts(seed: UInt64) {
        var random = Words(state: seed)
        let old = (0..<1500).map { _ in "w\(random.next(300))" }
        var new = old
        for _ in 0..<40 {
            let at = random.next(new.count)
            switch random.next(3) {
            case 0: new.remove(at: at)
            case 1: new.insert("new\(random.next(50))", at: at)
            default: new[at] = "changed\(random.next(50))"
            }
        }
        let ops = WordDiff.align(old, new)
        var rebuiltOld: [String] = []
        var rebuiltNew: [String] = []
        for op in ops {
            switch op {
            case .same(let words):
                rebuiltOld += words
                rebuiltNew += words
            case .removed(let words): rebuiltOld += words
            case .added(let words): rebuiltNew += words
            }
        }
        #expect(rebuiltOld == old)
        #expect(rebuiltNew == new)
        // Forty one-word edits cost at most eighty words either way: an alignment, not a rewrite.
        let changed = ops.reduce(0) { total, op in
            switch op {
            case .same: total
            case .removed(let words), .added(let words): total + words.count
            }
        }
        #expect(changed <= 80)
    }

    @Test func aTotalRewriteAtTheAlignedLimitIsAlignedAsRemovalThenAddition() {
        let old = (0..<WordDiff.maxAlignedWords).map { "old\($0)" }.joined(separator: " ")
        let new = (0..<WordDiff.maxAlignedWords).map { "new\($0)" }.joined(separator: " ")
        let diff = WordDiff(old: old, new: new)
        #expect(diff.added == WordDiff.maxAlignedWords && diff.removed == WordDiff.maxAlignedWords)
        #expect(diff.text.hasPrefix("[-old0 ") && diff.text.hasSuffix(" new3999+}"))
    }
}
