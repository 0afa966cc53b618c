import Entities
import Foundation
import Model
import Testing

@Suite struct EntityExtractorTests {
    static let extractor: EntityExtractor = {
        let gazetteer = try! Gazetteer.load(watchlist: [GazetteerEntry(type: .person, name: "Jon Michaels", aliases: ["Michaels"], origin: .watchlist)])
        return EntityExtractor(gazetteer: gazetteer)
    }()

    /// The eight story paragraphs of the motivating article (Deploy/bench/corpus/seed), as the extractor receives them.
    static let seed = """
        The meeting in Alaska between Russian president Vladimir Putin and U.S. President Donald Trump is about establishing a ceasefire to lead to an eventual peace agreement in Ukraine after three and a half years of conflict.

        This is a face-to-face meeting only between Trump and Putin, and there are concerns that that may not lead to a stable agreement because the Ukrainians are not represented.

        There's been lots of talk in the last few days where Trump has said that he will listen to Putin's concerns. But he's also said that there would be severe consequences if the fighting carries on.

        There's been also talk about the Ukrainians ceding territory – namely Kherson, Zaporizhzhia, Luhansk and Donetsk, the four provinces in the east that are controlled by Russia and where the fighting continues today, as well as the Crimean Peninsula. That is a red line for many, many Ukrainians.

        Despite Ukrainians feeling tired of this war because of an increasing casualty list, they feel that they should have security guarantees to make sure that any agreement in the future can actually last. But it's unlikely that Russia will give back those four provinces as well as Crimea.

        Russia's red lines are different. The Kremlin doesn't want Ukraine to join NATO or the European Union in the future, so it's very unlikely they would agree to that. And they also oppose having Western forces stationed in Ukraine even as peacekeepers.

        The U.S. and Russia may agree on economic cooperation – and that would be interesting because that would that they might sign deals on mining rare minerals or drilling for oil.

        But the big prize would be if they agree to have another round of talks – and if next time, Ukrainian President Volodymyr Zelenskyy could be there with them.
        """

    static func names(_ report: EntityReport, _ type: EntityType) -> Set<String> {
        Set(report.entities.filter { $0.type == type }.map(\.name))
    }

    @Test func theSeedArticleGivesItsPeoplePlacesOrganisationsIssuesAndSummit() throws {
        let published = Date(timeIntervalSince1970: 1_755_216_000)  // 2025-08-15
        let report = Self.extractor.extract(title: nil, text: Self.seed, published: published)
        #expect(Self.names(report, .person) == ["Vladimir Putin", "Donald Trump", "Volodymyr Zelenskyy"])
        #expect(Self.names(report, .place).isSuperset(of: ["Alaska", "Ukraine", "Russia", "Kherson", "Zaporizhzhia", "Luhansk", "Donetsk", "Crimea"]))
        #expect(Self.names(report, .org).isSuperset(of: ["NATO", "European Union", "Kremlin"]))
        #expect(
            Self.names(report, .issue).isSuperset(of: [
                "ceasefire", "peace agreement", "security guarantees", "territorial concessions",
                "peacekeepers", "economic cooperation", "rare minerals", "oil",
            ]))
        let putin = try #require(report.entities.first { $0.name == "Vladimir Putin" })
        #expect(putin.role == "president")
        #expect(putin.country == "Russia")
        #expect(putin.mentions.map(\.surface) == ["Vladimir Putin", "Putin", "Putin"])
        let trump = try #require(report.entities.first { $0.name == "Donald Trump" })
        #expect(trump.role == "president")
        #expect(trump.country == "United States")
        let zelenskyy = try #require(report.entities.first { $0.name == "Volodymyr Zelenskyy" })
        #expect(zelenskyy.country == "Ukraine")
        #expect(report.summits.count == 1)
        #expect(report.summits.first?.participants == ["Donald Trump", "Vladimir Putin"])
        #expect(report.summits.first?.place == "Alaska")
        #expect(report.relevant)
    }

    @Test func spellingsPossessivesAndHyphenatedPairsResolveToOnePerson() throws {
        let text = "Zelensky met envoys in Kyiv. Later Zelenskiy's office said Zelenskyy would travel. The Trump-Putin summit in Alaska ended without a deal."
        let report = Self.extractor.extract(title: nil, text: text)
        let zelenskyy = try #require(report.entities.first { $0.name == "Volodymyr Zelenskyy" })
        #expect(zelenskyy.mentions.map(\.surface) == ["Zelensky", "Zelenskiy", "Zelenskyy"])
        #expect(Self.names(report, .person).isSuperset(of: ["Donald Trump", "Vladimir Putin"]))
        #expect(report.summits.first?.participants == ["Donald Trump", "Vladimir Putin"])
        #expect(report.summits.first?.place == "Alaska")
    }

    @Test func descriptorsResolveOnlyOnceTheArticleHasNamedThePerson() throws {
        let named = Self.extractor.extract(title: nil, text: "Vladimir Putin arrived late. The Russian president then spoke for an hour.")
        #expect(named.entities.first { $0.name == "Vladimir Putin" }?.mentions.count == 2)
        let unnamed = Self.extractor.extract(title: nil, text: "The Russian president spoke for an hour about the economy.")
        #expect(!Self.names(unnamed, .person).contains("Vladimir Putin"))
    }

    @Test func peopleAndOrganisationsOutsideTheGazetteerAreDiscovered() throws {
        let text = """
            Foreign Minister Hakan Novak said the talks were useful. "We are close," said Maria Ostrowska, an analyst at the \
            Baltic Institute for Security Studies. Ostrowska added that envoy Pavel Grinev would return. Kyiv Tractor Company \
            workers went on strike. The word Novak appears again here.
            """
        let report = Self.extractor.extract(title: nil, text: text)
        let people = Self.names(report, .person)
        #expect(people.isSuperset(of: ["Hakan Novak", "Maria Ostrowska", "Pavel Grinev"]))
        #expect(Self.names(report, .org).isSuperset(of: ["Baltic Institute for Security Studies", "Kyiv Tractor Company"]))
        let novak = try #require(report.entities.first { $0.name == "Hakan Novak" })
        #expect(novak.origin == .discovered)
        #expect(novak.role == "foreign minister")
        #expect(report.entities.first { $0.name == "Maria Ostrowska" }?.mentions.count == 2)
        #expect(report.entities.first { $0.name == "Pavel Grinev" }?.role == "envoy")
    }

    @Test func hyphenatedNamesDemonymLedInstitutionsAndQuotedOutletsAreFound() {
        let text = """
            Analyst Clara Brandt-Holm said the deal was fragile. The Estonian Business Association welcomed it. \
            "Nothing is settled," an official told NVR on Tuesday, according to ZetaWire.
            """
        let report = Self.extractor.extract(title: nil, text: text)
        #expect(Self.names(report, .person).contains("Clara Brandt-Holm"))
        #expect(!Self.names(report, .person).contains("Clara Brandt"))
        let organisations = Self.names(report, .org)
        #expect(organisations.isSuperset(of: ["Estonian Business Association", "NVR", "ZetaWire"]))
        #expect(!organisations.contains("Business Association"))
    }

    @Test func organisationsNamedByWhatTheyAreOrByWhoWorksThere() {
        let text = """
            Imports rose, according to the consultancy VoltaPro in Riga. Data came from news agency Kestrel. \
            Ilse Marwick, a professor of history at UCSB, disagreed. Tom Arden, a senior fellow at the Centre for a \
            Secure Baltic, agreed. Sales staff at Nordwind were told nothing.
            """
        let report = Self.extractor.extract(title: nil, text: text)
        let organisations = Self.names(report, .org)
        #expect(organisations.isSuperset(of: ["VoltaPro", "Kestrel", "UCSB", "Centre for a Secure Baltic"]))
        #expect(!organisations.contains("Nordwind"), "an 'at' with no role before it says nothing")
        #expect(Self.names(report, .person).isSuperset(of: ["Ilse Marwick", "Tom Arden"]))
    }

    @Test func acronymsMustBeCapitalisedAndLowercaseWordsAreNotNames() {
        let report = Self.extractor.extract(title: nil, text: "Let us talk about the US economy and the eu of it all.")
        #expect(Self.names(report, .place) == ["United States"])
        #expect(Self.names(report, .org).isEmpty)
    }

    @Test func theWatchlistAddsEntities() {
        let report = Self.extractor.extract(title: nil, text: "Jon Michaels, a law professor, reviewed the documents. Michaels said more.")
        #expect(report.entities.first { $0.name == "Jon Michaels" }?.mentions.count == 2)
        #expect(report.entities.first { $0.name == "Jon Michaels" }?.origin == .watchlist)
    }

    @Test func newsThatIsNotAboutASummitIsNotRelevant() {
        let text = """
            Russian drones struck energy infrastructure in Kharkiv overnight, leaving thousands without power, the regional \
            governor said. Repair crews worked through the night. Temperatures are expected to fall below freezing this week, \
            and the grid operator asked residents to limit their use of electricity during peak hours.
            """
        let report = Self.extractor.extract(title: "Drone strikes cut power in Kharkiv", text: text)
        #expect(!report.relevant)
        #expect(report.summits.isEmpty)
    }
}

@Suite struct SummitDetectionTests {
    @Test func theHostIsNotAParticipantWhenTheSentenceSaysBetweenWhom() {
        let text = "Hungary's Prime Minister Viktor Orbán has offered Budapest for a second meeting between Donald Trump and Vladimir Putin."
        let report = EntityExtractorTests.extractor.extract(title: nil, text: text)
        #expect(report.summits.map(\.participants) == [["Donald Trump", "Vladimir Putin"]])
    }
}

@Suite struct ISOCodesTests {
    @Test func subdivisionsNewsWritesAreKnownAndGenericOnesAreNot() throws {
        try #require(FileManager.default.fileExists(atPath: "/usr/share/iso-codes/json/iso_3166-2.json"), "iso-codes is installed by Deploy/setup.sh")
        let report = EntityExtractorTests.extractor.extract(title: nil, text: "Governors from Texas and Ontario met at the Centre for Economic Studies.")
        #expect(EntityExtractorTests.names(report, .place) == ["Texas", "Ontario"])
        #expect(report.entities.first { $0.name == "Texas" }?.country == "United States")
        #expect(EntityExtractorTests.names(report, .org) == ["Centre for Economic Studies"])
    }
}
