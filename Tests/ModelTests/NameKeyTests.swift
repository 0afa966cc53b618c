import Model
import Testing

@Suite struct NameKeyTests {
    @Test func transliterationsCaseAndDiacriticsFoldToOneKey() {
        let zelensky = ["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi", "ZELENSKYY", "zélensky", "Zelensky's"]
        #expect(Set(zelensky.map(NameKey.of)).count <= 2)  // "Zelensky's" keeps its possessive s
        #expect(Set(zelensky.dropLast().map(NameKey.of)) == ["zelensky"])
        #expect(NameKey.of("Volodymyr  Zelenskyy") == "volodymyr zelensky")
        #expect(NameKey.of("Dmitriy Peskov") == NameKey.of("Dmitry Peskov"))
        #expect(NameKey.of("O’Brien") == "obrien")
        #expect(NameKey.of("Kyiv") == "kyiv")  // -iv is not an ending to fold
        #expect(NameKey.of("U.S.") == "u s")
    }

    @Test func distanceCountsEdits() {
        #expect(NameKey.distance("trump", "trmp") == 1)
        #expect(NameKey.distance("putin", "putin") == 0)
        #expect(NameKey.distance("", "abc") == 3)
        #expect(NameKey.distance("witkoff", "witkof") == 1)
    }
}
