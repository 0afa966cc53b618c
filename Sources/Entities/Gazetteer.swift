import Foundation
import Model

/// One known entity: canonical name, the ways it is written, and what it is.
public struct GazetteerEntry: Sendable, Equatable {
    public var type: EntityType
    public var name: String
    public var aliases: [String]
    public var role: String?
    public var country: String?
    /// Role phrases that stand for this entity once the article has named it ("the Russian president").
    public var descriptors: [String]
    public var origin: EntityOrigin

    public init(
        type: EntityType, name: String, aliases: [String] = [], role: String? = nil, country: String? = nil,
        descriptors: [String] = [], origin: EntityOrigin = .gazetteer
    ) {
        self.type = type
        self.name = name
        self.aliases = aliases
        self.role = role
        self.country = country
        self.descriptors = descriptors
        self.origin = origin
    }
}

/// Why the gazetteer could not be loaded.
public struct GazetteerError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "gazetteer \(path): \(reason)" }
}

/// The entities SummitWatch knows by name: the shipped `gazetteer.json`, countries from Debian's iso-codes
/// (when installed), and the config's watchlist, which adds entries or overrides those of the same name.
public struct Gazetteer: Sendable {
    public private(set) var entries: [GazetteerEntry]
    /// Cities from GeoNames (`cities.json` beside the gazetteer). Matched only where the rules found nothing else,
    /// since a city's name can also be a surname or part of another name.
    public private(set) var cities: [GazetteerEntry]

    public init(entries: [GazetteerEntry], cities: [GazetteerEntry] = []) {
        self.entries = entries
        self.cities = cities
    }

    /// Where the shipped data file is looked for, in order.
    public static func searchPaths() -> [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment["SUMMITWATCH_GAZETTEER"] { paths.append(env) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            paths.append(executable.appendingPathComponent("SummitWatch_Entities.resources/gazetteer.json").path)
            paths.append(executable.appendingPathComponent("../share/summitwatch/gazetteer.json").standardized.path)
        }
        paths += ["/usr/share/summitwatch/gazetteer.json", "/usr/local/share/summitwatch/gazetteer.json"]
        // Development builds: the file in the source tree.
        paths.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/gazetteer.json").path)
        return paths
    }

    /// Loads the shipped gazetteer, iso-codes countries and the watchlist.
    public static func load(watchlist: [GazetteerEntry] = [], isoCodesDirectory: String = "/usr/share/iso-codes/json") throws(GazetteerError) -> Gazetteer {
        let paths = searchPaths()
        guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw GazetteerError(path: paths.joined(separator: ", "), reason: "not found; set SUMMITWATCH_GAZETTEER")
        }
        return try load(path: path, watchlist: watchlist, isoCodesDirectory: isoCodesDirectory)
    }

    public static func load(path: String, watchlist: [GazetteerEntry], isoCodesDirectory: String) throws(GazetteerError) -> Gazetteer {
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let rawEntries = root["entries"] as? [[String: Any]]
        else {
            throw GazetteerError(path: path, reason: "unreadable or not the expected JSON object with \"entries\"")
        }
        var entries = rawEntries.compactMap(entry(from:))
        let aliases = root["country_aliases"] as? [String: [String]] ?? [:]
        let countries = CountryNames.load(directory: isoCodesDirectory) ?? (root["countries_fallback"] as? [String] ?? [])
        var known = Set(entries.map(\.name))
        for country in countries where !known.contains(country) {
            entries.append(GazetteerEntry(type: .place, name: country, aliases: aliases[country] ?? [], country: country))
            known.insert(country)
        }
        for subdivision in SubdivisionNames.load(directory: isoCodesDirectory) where !known.contains(subdivision.name) {
            entries.append(GazetteerEntry(type: .place, name: subdivision.name, country: subdivision.country))
            known.insert(subdivision.name)
        }
        let geoNames = GeoNamesPlaces.load(
            path: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("cities.json").path,
            countryNames: CountryNames.byCode(directory: isoCodesDirectory))
        for continent in geoNames.continents where !known.contains(continent) {
            entries.append(GazetteerEntry(type: .place, name: continent))
            known.insert(continent)
        }
        let cities = geoNames.cities.filter { !known.contains($0.name) }
        var gazetteer = Gazetteer(entries: entries, cities: cities)
        gazetteer.apply(watchlist)
        return gazetteer
    }

    /// Watchlist entries replace gazetteer entries of the same name and type, keeping their role and country.
    public mutating func apply(_ watchlist: [GazetteerEntry]) {
        for item in watchlist {
            if let index = entries.firstIndex(where: { $0.name.lowercased() == item.name.lowercased() && $0.type == item.type }) {
                entries[index].aliases = Array(Set(entries[index].aliases + item.aliases)).sorted()
                entries[index].origin = .watchlist
            } else {
                entries.append(item)
            }
        }
    }

    private static func entry(from object: [String: Any]) -> GazetteerEntry? {
        guard let typeName = object["type"] as? String, let type = EntityType(rawValue: typeName),
            let name = object["name"] as? String
        else { return nil }
        return GazetteerEntry(
            type: type, name: name, aliases: object["aliases"] as? [String] ?? [], role: object["role"] as? String,
            country: object["country"] as? String, descriptors: object["descriptors"] as? [String] ?? [])
    }
}

/// Country names from Debian's iso-codes (`iso_3166-1.json`): the common name where there is one
/// ("Taiwan", "Bolivia"), else the short name, with a few long official forms shortened the way news writes them.
enum CountryNames {
    private static let newsNames: [String: String] = [
        "Russian Federation": "Russia", "Iran, Islamic Republic of": "Iran", "Korea, Republic of": "South Korea",
        "Korea, Democratic People's Republic of": "North Korea", "Syrian Arab Republic": "Syria", "Moldova, Republic of": "Moldova",
        "Venezuela, Bolivarian Republic of": "Venezuela", "Tanzania, United Republic of": "Tanzania", "Viet Nam": "Vietnam",
        "Holy See (Vatican City State)": "Vatican", "Türkiye": "Turkey", "Lao People's Democratic Republic": "Laos",
        "Palestine, State of": "Palestine", "Czechia": "Czech Republic", "Congo, The Democratic Republic of the": "Democratic Republic of the Congo",
    ]

    /// Country names by ISO 3166-1 alpha-2 code.
    static func byCode(directory: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: directory + "/iso_3166-1.json"),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = root["3166-1"] as? [[String: Any]]
        else { return [:] }
        var result: [String: String] = [:]
        for country in list {
            guard let code = country["alpha_2"] as? String, let name = (country["common_name"] as? String) ?? (country["name"] as? String) else { continue }
            result[code] = newsNames[name] ?? name
        }
        return result
    }

    static func load(directory: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: directory + "/iso_3166-1.json"),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = root["3166-1"] as? [[String: Any]]
        else { return nil }
        return list.compactMap { country in
            guard let name = (country["common_name"] as? String) ?? (country["name"] as? String) else { return nil }
            return newsNames[name] ?? name
        }
    }
}

/// Subdivisions (states, provinces, regions, cantons…) from iso-codes' `iso_3166-2.json`, kept only where the
/// name is one news writes in English as it stands: capitalised words of five letters or more, none of them a
/// common word or given name. Most Russian and Ukrainian entries are transliterations ("Amurskaja oblast'") that
/// no English text uses; the regions those stories name are curated in gazetteer.json instead.
enum SubdivisionNames {
    struct Subdivision {
        var name: String
        var country: String?
    }

    private static let types: Set<String> = [
        "State", "Province", "Region", "Canton", "Republic", "Autonomous region", "Autonomous republic", "Territory",
        "Federal district", "Autonomous community", "Land", "Emirate", "Governorate", "Oblast", "Administrative region",
        "Country", "Nation",
    ]

    static func load(directory: String) -> [Subdivision] {
        guard let data = FileManager.default.contents(atPath: directory + "/iso_3166-2.json"),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = root["3166-2"] as? [[String: Any]]
        else { return [] }
        let countryByCode = CountryNames.byCode(directory: directory)
        return list.compactMap { entry in
            guard let raw = entry["name"] as? String, let type = entry["type"] as? String, types.contains(type),
                let code = entry["code"] as? String
            else { return nil }
            let name = newsForm(raw)
            guard isNewsName(name) else { return nil }
            return Subdivision(name: name, country: countryByCode[String(code.prefix(2))])
        }
    }

    /// Generic geography words that are subdivisions somewhere ("Centre", "Capital") but in running text are part
    /// of other names ("Centre for Economic Studies").
    private static let genericWords: Set<String> = [
        "centre", "center", "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "capital", "coast", "coastal", "island", "islands", "lakes", "highlands", "lowlands", "interior", "border",
        "metropolitan", "federal", "national", "upper", "lower", "middle", "plateau", "valley", "mountain", "mountains",
    ]

    /// "Wales [Cymru GB-CYM]" → "Wales", "Dagestan, Respublika" → "Dagestan": the name without the bracketed
    /// local form or the trailing kind of subdivision that iso-codes appends in the local language.
    static func newsForm(_ name: String) -> String {
        var name = name
        if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
        if let comma = name.firstIndex(of: ","), name[name.index(after: comma)...].trimmingCharacters(in: .whitespaces).first?.isUppercase == true,
            !name[name.index(after: comma)...].contains(" ") || name.hasSuffix("Respublika")
        {
            name = String(name[..<comma])
        }
        return name.trimmingCharacters(in: .whitespaces)
    }

    private static func isNewsName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard !words.isEmpty, words.count <= 3, name.count >= 5 else { return false }
        if words.count == 1, genericWords.contains(name.lowercased()) { return false }
        // "Northern Ireland", "South Holland": a compass word may open a name of more than one word.
        let rest = words.count > 1 && EntityVocabulary.compassWords.contains(words[0].lowercased()) ? words.dropFirst() : words[...]
        return rest.allSatisfy { word in
            guard let first = word.first, first.isUppercase, word.allSatisfy({ $0.isLetter || $0 == "-" }) else { return false }
            let folded = word.lowercased()
            return !EntityVocabulary.notNames.contains(folded) && !EntityVocabulary.givenNames.contains(folded)
        }
    }
}

/// Cities and continents from GeoNames, as `Deploy/gazetteer/make_cities.py` writes them: cities of 100,000 people
/// or more and capitals, without those whose name is a common word. A one-word city whose name is a given name or
/// a function word of the rules' lists is dropped here too ("Of", "Victoria").
enum GeoNamesPlaces {
    static func load(path: String, countryNames: [String: String]) -> (cities: [GazetteerEntry], continents: [String]) {
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return ([], []) }
        let continents = root["continents"] as? [String] ?? []
        let rows = root["cities"] as? [[String]] ?? []
        let cities = rows.compactMap { row -> GazetteerEntry? in
            guard let name = row.first, isCityName(name) else { return nil }
            return GazetteerEntry(type: .place, name: name, country: row.count > 1 ? countryNames[row[1]] : nil)
        }
        return (cities, continents)
    }

    private static func isCityName(_ name: String) -> Bool {
        guard name.unicodeScalars.count >= 3, name.first?.isUppercase == true else { return false }
        guard !name.contains(" ") else { return true }
        let folded = Tokenizer.fold(name)
        return !EntityVocabulary.notNames.contains(folded) && !EntityVocabulary.givenNames.contains(folded)
            && !EntityVocabulary.compassWords.contains(folded)
    }
}
