import Foundation

/// A word of the text: where it stands, how it was written, and its folded form for matching.
struct Token {
    /// Offset in unicode scalars from the start of the text.
    var start: Int
    var end: Int
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
    /// The word's number in the extractor's lexicon (-1 when unknown) and what the lexicon knows of it.
    var id: Int32 = -1
    var flags: WordFlags = []
}

/// Splits text into tokens and sentences in one pass over its unicode scalars.
struct Tokenizer {
    /// Abbreviations whose final period does not end a sentence.
    /// Source: common English news-style abbreviations (AP Stylebook titles, months, states).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "st", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "ltd", "co", "mt", "ft",
    ]

    /// The text once tokenised: its scalars, its UTF-8 bytes with the byte offset of every scalar (so strings are
    /// cut from bytes, not rebuilt scalar by scalar), tokens and sentence ranges (in scalars).
    struct Output {
        var scalars: [Unicode.Scalar]
        var utf8: [UInt8]
        var byteOffsets: [Int]
        var tokens: [Token]
        var sentences: [Range<Int>]

        /// The text of scalars `range`, decoded straight from the UTF-8 bytes.
        func text(_ range: Range<Int>) -> String {
            String(decoding: utf8[byteOffsets[range.lowerBound]..<byteOffsets[range.upperBound]], as: UTF8.self)
        }
    }

    static func tokenize(_ text: String) -> (tokens: [Token], sentences: [Range<Int>]) {
        let output = run(text)
        return (output.tokens, output.sentences)
    }

    static func run(_ text: String) -> Output {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar) }  // append(contentsOf:) would count them first: one more pass
        let utf8 = Array(text.utf8)
        var byteOffsets = [Int](repeating: 0, count: scalars.count + 1)
        var byte = 0
        for (position, scalar) in scalars.enumerated() {
            byteOffsets[position] = byte
            byte += UTF8.width(scalar)
        }
        byteOffsets[scalars.count] = byte
        func slice(_ range: Range<Int>) -> String {
            String(decoding: utf8[byteOffsets[range.lowerBound]..<byteOffsets[range.upperBound]], as: UTF8.self)
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
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
                    if isWordScalar(current) {
                        end += 1
                        continue
                    }
                    // Internal period (U.S., D.C.) or apostrophe (O'Brien), but not a possessive 's.
                    if current == "." || current == "'" || current == "\u{2019}", end + 1 < scalars.count, isLetter(scalars[end + 1]) {
                        if current != ".", end + 2 <= scalars.count, scalars[end + 1] == "s" || scalars[end + 1] == "S",
                            end + 2 == scalars.count || !isWordScalar(scalars[end + 2])
                        {
                            break
                        }
                        end += 1
                        continue
                    }
                    break
                }
                // Keep the final period of a dotted abbreviation (U.S.) as part of the token.
                if end < scalars.count, scalars[end] == ".", scalars[start..<end].contains(".") { end += 1 }
                var surfaceEnd = end
                if scalars[end - 1] == ".", !scalars[start..<(end - 1)].contains(".") { surfaceEnd = end - 1 }
                let hyphenated = end + 1 < scalars.count && (scalars[end] == "-" || scalars[end] == "\u{2011}") && isWordScalar(scalars[end + 1])
                var capitalized = false
                var allCaps = true
                var sawLetter = false
                for scalar in scalars[start..<end] where isLetter(scalar) {
                    let upper = isUppercase(scalar)
                    if !sawLetter { capitalized = upper }
                    sawLetter = true
                    if !upper { allCaps = false }
                }
                allCaps = allCaps && sawLetter
                let norm = foldBytes(utf8, byteOffsets[start]..<byteOffsets[surfaceEnd]) ?? fold(slice(start..<surfaceEnd))
                tokens.append(
                    Token(
                        start: start, end: end, norm: norm, isCapitalized: capitalized,
                        isAllCaps: allCaps, sentence: sentenceIndex, hyphenatedToNext: hyphenated, opensSentence: newSentence))
                newSentence = false
                index = end
                // Skip a possessive ending.
                if index + 1 < scalars.count, scalars[index] == "'" || scalars[index] == "\u{2019}", scalars[index + 1] == "s" || scalars[index + 1] == "S" {
                    index += 2
                }
                if let last = tokens.last, scalars[last.end - 1] == ".", index < scalars.count, scalars[index] == " " || scalars[index] == "\n",
                    last.end - last.start <= 5, last.norm.utf8.count <= 3, nextIsSentenceStart(scalars, from: index), !isAcronymCountry(last.norm)
                {
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
        return Output(scalars: scalars, utf8: utf8, byteOffsets: byteOffsets, tokens: tokens, sentences: sentences)
    }

    /// Dotted acronyms that open names ("U.S. Army", "U.N. General Assembly"): their period ends no sentence.
    private static func isAcronymCountry(_ norm: String) -> Bool { norm == "us" || norm == "uk" || norm == "dc" || norm == "un" || norm == "eu" }

    private static func nextIsSentenceStart(_ scalars: [Unicode.Scalar], from start: Int) -> Bool {
        var index = start
        while index < scalars.count,
            scalars[index] == "\"" || scalars[index] == "\u{201D}" || scalars[index] == "'" || scalars[index] == "\u{2019}" || scalars[index] == ")"
        { index += 1 }
        guard index < scalars.count, scalars[index] == " " || scalars[index] == "\n" else { return index >= scalars.count }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\n" || scalars[index] == "\"" || scalars[index] == "\u{201C}" { index += 1 }
        guard index < scalars.count else { return true }
        return isUppercase(scalars[index]) || isDigit(scalars[index])
    }

    // Scalar classes, ASCII first: Foundation's CharacterSet costs a bridged lookup per scalar.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39) }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) }
        return scalar.properties.isAlphabetic
    }

    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return scalar.properties.isUppercase
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return scalar.properties.numericType == .decimal
    }

    /// The folded form of an ASCII token read straight from the document's bytes (nil when not ASCII: `fold` then).
    static func foldBytes(_ utf8: [UInt8], _ range: Range<Int>) -> String? {
        for index in range where utf8[index] >= 0x80 { return nil }
        // Written straight into the string's storage (inline for words up to 15 bytes): no buffer per token.
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            var count = 0
            for index in range {
                let byte = utf8[index]
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "'") { continue }
                buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                count += 1
            }
            return count
        }
    }

    /// Lower case, no diacritics, no dots: "Zelenskyy" → "zelenskyy", "Erdoğan" → "erdogan", "U.S." → "us".
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(word.utf8.count)
            for byte in word.utf8 where byte != UInt8(ascii: ".") && byte != UInt8(ascii: "'") {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
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
