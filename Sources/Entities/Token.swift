import Foundation

/// A word of the text: where it stands, how it was written, and its folded form for matching.
struct Token {
    /// Offset in unicode scalars from the start of the text.
    var start: Int
    var end: Int
    var surface: String
    /// Lower-cased, diacritics and dots removed, possessive dropped: what aliases are compared on.
    var norm: String
    var isCapitalized: Bool
    var isAllCaps: Bool
    /// Index of the sentence holding the token.
    var sentence: Int
    /// True when a hyphen joins this token to the next ("Trump-Putin").
    var hyphenatedToNext: Bool
    /// True when the token opens its sentence (capitalisation then says nothing).
    var opensSentence: Bool
}

/// Splits text into tokens and sentences in one pass over its unicode scalars.
struct Tokenizer {
    /// Abbreviations whose final period does not end a sentence.
    /// Source: common English news-style abbreviations (AP Stylebook titles, months, states).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "st", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "ltd", "co", "mt", "ft",
    ]

    static func tokenize(_ text: String) -> (tokens: [Token], sentences: [Range<Int>]) {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var sentences: [Range<Int>] = []
        var sentenceStart = 0
        var sentenceIndex = 0
        var index = 0
        var newSentence = true
        func endSentence(at position: Int) {
            if position > sentenceStart { sentences.append(sentenceStart..<position) }
            sentenceStart = position
            sentenceIndex = sentences.count
            newSentence = true
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                let start = index
                var end = index
                while end < scalars.count {
                    let current = scalars[end]
                    if isWordScalar(current) { end += 1; continue }
                    // Internal period (U.S., D.C.) or apostrophe (O'Brien), but not a possessive 's.
                    if (current == "." || current == "'" || current == "\u{2019}"), end + 1 < scalars.count, isLetter(scalars[end + 1]) {
                        if current != ".", end + 2 <= scalars.count, scalars[end + 1] == "s" || scalars[end + 1] == "S",
                           end + 2 == scalars.count || !isWordScalar(scalars[end + 2]) { break }
                        end += 1
                        continue
                    }
                    break
                }
                // Keep the final period of a dotted abbreviation (U.S.) as part of the token.
                if end < scalars.count, scalars[end] == ".", scalars[start..<end].contains(".") { end += 1 }
                let surfaceScalars = scalars[start..<end]
                var surface = String(String.UnicodeScalarView(surfaceScalars))
                let hyphenated = end + 1 < scalars.count && (scalars[end] == "-" || scalars[end] == "\u{2011}") && isWordScalar(scalars[end + 1])
                let letters = surfaceScalars.filter { isLetter($0) }
                let capitalized = letters.first.map { CharacterSet.uppercaseLetters.contains($0) } ?? false
                let allCaps = letters.count > 0 && letters.allSatisfy { CharacterSet.uppercaseLetters.contains($0) }
                if surface.hasSuffix(".") && !surface.dropLast().contains(".") { surface.removeLast() }
                tokens.append(Token(start: start, end: end, surface: surface, norm: fold(surface), isCapitalized: capitalized,
                                    isAllCaps: allCaps, sentence: sentenceIndex, hyphenatedToNext: hyphenated, opensSentence: newSentence))
                newSentence = false
                index = end
                // Skip a possessive ending.
                if index + 1 < scalars.count, scalars[index] == "'" || scalars[index] == "\u{2019}", scalars[index + 1] == "s" || scalars[index + 1] == "S" {
                    index += 2
                }
                if let last = tokens.last, last.surface.hasSuffix("."), index < scalars.count, scalars[index] == " " || scalars[index] == "\n",
                   last.surface.count <= 5, last.norm.count <= 3, nextIsSentenceStart(scalars, from: index), !isAcronymCountry(last.norm) {
                    endSentence(at: index)
                }
                continue
            }
            if scalar == "\n" {
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { endSentence(at: index) }
            } else if scalar == "." || scalar == "!" || scalar == "?" {
                let previous = tokens.last
                let isAbbreviation = previous.map { $0.end == index && abbreviations.contains($0.norm) } ?? false
                if !isAbbreviation, nextIsSentenceStart(scalars, from: index + 1) { endSentence(at: index + 1) }
            }
            index += 1
        }
        endSentence(at: scalars.count)
        return (tokens, sentences)
    }

    private static func isAcronymCountry(_ norm: String) -> Bool { norm == "us" || norm == "uk" || norm == "dc" }

    private static func nextIsSentenceStart(_ scalars: [Unicode.Scalar], from start: Int) -> Bool {
        var index = start
        while index < scalars.count, scalars[index] == "\"" || scalars[index] == "\u{201D}" || scalars[index] == "'" || scalars[index] == "\u{2019}" || scalars[index] == ")" { index += 1 }
        guard index < scalars.count, scalars[index] == " " || scalars[index] == "\n" else { return index >= scalars.count }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\n" || scalars[index] == "\"" || scalars[index] == "\u{201C}" { index += 1 }
        guard index < scalars.count else { return true }
        return CharacterSet.uppercaseLetters.contains(scalars[index]) || CharacterSet.decimalDigits.contains(scalars[index])
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        CharacterSet.alphanumerics.contains(scalar)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { CharacterSet.letters.contains(scalar) }

    /// Lower case, no diacritics, no dots: "Zelenskyy" → "zelenskyy", "Erdoğan" → "erdogan", "U.S." → "us".
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(word.lowercased().filter { $0 != "." && $0 != "'" })
        }
        let folded = word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var out = ""
        for character in folded where character != "." && character != "'" && character != "\u{2019}" {
            switch character {
            case "ø": out += "o"
            case "ł": out += "l"
            case "đ": out += "d"
            case "ß": out += "ss"
            case "æ": out += "ae"
            case "ı": out += "i"
            default: out.append(character)
            }
        }
        return out
    }

    /// An alias as the token norms it must match.
    static func aliasTokens(_ alias: String) -> [String] {
        tokenize(alias).tokens.map(\.norm)
    }
}
