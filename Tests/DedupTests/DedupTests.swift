import Dedup
import Model
import Testing

@Suite struct FingerprintTests {
    /// A wire story of ordinary length (the seed article's eight paragraphs, about 400 words).
    static let wire = """
        The meeting in Alaska between Russian president Vladimir Putin and U.S. President Donald Trump is about establishing a ceasefire to lead to an eventual peace agreement in Ukraine after three and a half years of conflict.
        This is a face-to-face meeting only between Trump and Putin, and there are concerns that that may not lead to a stable agreement because the Ukrainians are not represented.
        There's been lots of talk in the last few days where Trump has said that he will listen to Putin's concerns. But he's also said that there would be severe consequences if the fighting carries on.
        There's been also talk about the Ukrainians ceding territory – namely Kherson, Zaporizhzhia, Luhansk and Donetsk, the four provinces in the east that are controlled by Russia and where the fighting continues today, as well as the Crimean Peninsula. That is a red line for many, many Ukrainians.
        Despite Ukrainians feeling tired of this war because of an increasing casualty list, they feel that they should have security guarantees to make sure that any agreement in the future can actually last. But it's unlikely that Russia will give back those four provinces as well as Crimea.
        Russia's red lines are different. The Kremlin doesn't want Ukraine to join NATO or the European Union in the future, so it's very unlikely they would agree to that. And they also oppose having Western forces stationed in Ukraine even as peacekeepers.
        The U.S. and Russia may agree on economic cooperation – and that would be interesting because that would that they might sign deals on mining rare minerals or drilling for oil.
        But the big prize would be if they agree to have another round of talks – and if next time, Ukrainian President Volodymyr Zelenskyy could be there with them.
        """

    @Test func whitespacePunctuationAndCaseDoNotChangeTheExactHash() {
        let reformatted = Self.wire.uppercased().replacingOccurrences(of: " ", with: "  \n").replacingOccurrences(of: ",", with: ";")
        #expect(TextFingerprint(text: Self.wire).exactHash == TextFingerprint(text: reformatted).exactHash)
        #expect(TextFingerprint(text: Self.wire).exactHash != TextFingerprint(text: Self.wire + " One more sentence.").exactHash)
    }

    @Test func aLightlyEditedCopyIsNearAndAnotherStoryIsFar() {
        // Another site's copy: a dateline added, one word retouched.
        let retouched = "ANCHORAGE, Alaska (Wire) — " + Self.wire.replacingOccurrences(of: "severe consequences", with: "serious consequences")
        let other =
            "Oil prices fell on Wednesday as traders weighed fresh supply data from producers in the Gulf and weaker demand in Asia, "
            + "while analysts said the outlook for the rest of the year remained uncertain after a string of disappointing factory reports."
        let a = TextFingerprint(text: Self.wire).simhashes
        #expect(TextFingerprint.isNear(a, TextFingerprint(text: retouched).simhashes))
        #expect(zip(a, TextFingerprint(text: other).simhashes).allSatisfy { TextFingerprint.hammingDistance($0, $1) > 10 })
    }
}

@Suite struct EditTests {
    @Test func whitespaceAndTimestampChangesAreNotEdits() {
        let text = "Updated 10:42 GMT. Leaders met in Geneva on Monday for talks.\n\nThey agreed to meet again."
        #expect(EditClassifier.compare(old: text, new: text.replacingOccurrences(of: "\n\n", with: "\n \n  ")) == .unchanged)
        #expect(EditClassifier.compare(old: text, new: text.replacingOccurrences(of: "10:42 GMT", with: "11:05 GMT")) == .unchanged)
        #expect(EditClassifier.compare(old: "Published 3 hours ago. Talks continue.", new: "Published 4 hours ago. Talks continue.") == .unchanged)
    }

    @Test func changedNumbersAndWordsAreEditsWithADiff() {
        guard
            case .edited(let diff) = EditClassifier.compare(
                old: "Five people were hurt in the strike on Kharkiv.",
                new: "Seven people were hurt in the strike on Kharkiv, officials said.")
        else {
            Issue.record("expected an edit")
            return
        }
        #expect(diff.text == "[-Five-] {+Seven+} people were hurt in the strike on [-Kharkiv.-] {+Kharkiv, officials said.+}")
        #expect(diff.added == 4)
        #expect(diff.removed == 2)
    }
}
