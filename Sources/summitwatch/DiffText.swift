import Dedup

/// The word diff `show --diff` prints, from the dedup stage's differ.
enum DiffText {
    static func between(old: String, new: String) -> WordDiff { WordDiff(old: old, new: new) }
}
