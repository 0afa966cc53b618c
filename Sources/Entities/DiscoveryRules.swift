/// The rule families of discovery beyond the gazetteer, each of which can be switched off to measure what it
/// contributes (an ablation): a rule family that only helps the article it was written for should not stay.
/// All are on by default; `summitwatch inspect entities --without-rules cities,acronyms` switches families off.
public struct DiscoveryRules: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// GeoNames cities where nothing else claimed the name.
    public static let cities = DiscoveryRules(rawValue: 1 << 0)
    /// "Central Asia", "South Caucasus": compass word + continent or macro-region.
    public static let compassRegions = DiscoveryRules(rawValue: 1 << 1)
    /// "in Caerphilly, Wales", "Kyiv-based", "Fort Campbell".
    public static let contextPlaces = DiscoveryRules(rawValue: 1 << 2)
    /// "International Criminal Court (ICC)" and later uses of "ICC".
    public static let acronyms = DiscoveryRules(rawValue: 1 << 3)
    /// "the ministry", "the Post", "Prof. Wassenaar": short forms of names found earlier.
    public static let shortForms = DiscoveryRules(rawValue: 1 << 4)
    /// Outlets quoted or spoken to, appositives and party nouns that say a name is an organisation.
    public static let organisationContext = DiscoveryRules(rawValue: 1 << 5)
    /// Possessives, royal titles, "New"/"Al", comma lists and inner titles in institution names.
    public static let institutionNames = DiscoveryRules(rawValue: 1 << 6)
    /// Occupations as false titles, titled names ending in a country, quoted nicknames, regnal numbers.
    public static let titledNames = DiscoveryRules(rawValue: 1 << 7)

    public static let all: DiscoveryRules = [
        .cities, .compassRegions, .contextPlaces, .acronyms, .shortForms, .organisationContext,
        .institutionNames, .titledNames,
    ]

    static let names: [String: DiscoveryRules] = [
        "cities": .cities, "compassRegions": .compassRegions, "contextPlaces": .contextPlaces, "acronyms": .acronyms,
        "shortForms": .shortForms, "organisationContext": .organisationContext, "institutionNames": .institutionNames,
        "titledNames": .titledNames,
    ]

    /// Every family but those named; names that are no family are returned, for the caller to refuse.
    public static func all(without names: [String]) -> (rules: DiscoveryRules, unknown: [String]) {
        var rules = DiscoveryRules.all
        var unknown: [String] = []
        for name in names {
            if let family = self.names[name] { rules.remove(family) } else { unknown.append(name) }
        }
        return (rules, unknown)
    }

    public static var familyNames: [String] { names.keys.sorted() }
}
