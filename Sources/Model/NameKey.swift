/// The form a name is looked up by, so that people can type names as they say them: case, diacritics and
/// punctuation folded away, and the common English transliterations of Slavic endings made one
/// (Zelensky, Zelenskyy, Zelenskiy and Zelenskyi all give `zelensky`). The store indexes every name and surface
/// form of an entity under this key; the query CLI looks names up by it.
public enum NameKey {
    public static func of(_ name: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar.properties.generalCategory == .nonspacingMark || isApostrophe(scalar) {
                continue  // é → e; O'Brien → obrien
            } else if !word.isEmpty {
                words.append(foldEnding(word))
                word = ""
            }
        }
        if !word.isEmpty { words.append(foldEnding(word)) }
        return words.joined(separator: " ")
    }

    /// -yy, -iy, -yi, -ii, -ij at the end of a word → -y: the variants English news uses for Russian and
    /// Ukrainian -ий/-ій (Zelenskyy, Zelenskiy, Zelenskyi, Zelensky; Dmitriy, Dmitry).
    private static func foldEnding(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        while scalars.count > 2, let last = scalars.last, let before = scalars.dropLast().last,
            "iyj".unicodeScalars.contains(last), "iy".unicodeScalars.contains(before)
        {
            scalars.removeLast(2)
            scalars.append("y")
        }
        var folded = String.UnicodeScalarView()
        folded.append(contentsOf: scalars)
        return String(folded)
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "`"
    }

    /// Edit distance between two keys (Levenshtein, two rows): how near a name the store knows is to one typed.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
