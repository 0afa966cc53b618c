/// Word lists the rules use. Each is knowledge about English news style; sources are named per list.
enum EntityVocabulary {
    /// Titles and roles written before a name ("Foreign Minister Sergei Lavrov", "envoy Steve Witkoff"),
    /// longest first. Source: AP Stylebook title list, extended with diplomatic roles seen in summit coverage.
    /// Occupations written lower-case before a name as a false title ("boxer Tyson Fury"). Source: AP Stylebook, "titles".
    static let occupations: Set<String> = [
        "politician", "lawmaker", "legislator", "diplomat", "photographer", "boxer", "scholar", "activist", "blogger", "author",
        "writer", "novelist", "artist", "singer", "actor", "actress", "athlete", "promoter", "businesswoman", "entrepreneur",
        "billionaire", "oligarch", "dissident", "cleric", "priest", "rabbi", "imam", "scientist", "engineer", "filmmaker",
        "reporter", "columnist", "strategist", "pollster", "consultant",
    ]

    static let titles: [[String]] =
        ([
            "house speaker", "speaker", "national security adviser", "national security advisor", "deputy prime minister", "first deputy prime minister",
            "secretary of state", "secretary of defense", "secretary general", "secretary-general", "chief of staff", "press secretary",
            "foreign minister", "defense minister", "defence minister", "foreign secretary", "prime minister", "vice president",
            "special envoy", "crown prince", "supreme leader", "foreign policy adviser", "defense secretary", "defence secretary",
            "treasury secretary", "commerce secretary", "army secretary", "state secretary", "spokesman", "spokeswoman", "spokesperson",
            "president", "premier", "chancellor", "minister", "secretary", "envoy", "ambassador", "adviser", "advisor", "aide",
            "senator", "sen", "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "general", "gen",
            "admiral", "adm", "commander", "director", "chairman", "chairwoman", "chair", "ceo", "founder", "king", "queen",
            "prince", "pope", "sheikh", "emir", "professor", "prof", "dr", "analyst", "economist", "lawyer", "attorney", "judge",
            "justice", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain", "capt", "sergeant", "sgt", "negotiator",
            "leader", "chief", "head", "journalist", "correspondent", "editor", "researcher", "fellow", "historian", "commentator",
            "patriarch", "metropolitan", "tsar", "czar", "monarch", "deputy", "officer", "official", "expert", "investor", "businessman",
            "emperor", "empress",
        ] + occupations).map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    /// Honorifics that are titles but never roles.
    static let honorifics: Set<String> = ["mr", "mrs", "ms", "dr", "prof"]

    /// Roles that make a person a leader whose meetings are summits.
    static let leaderRoles: Set<String> = [
        "president", "prime minister", "chancellor", "premier", "king", "queen", "crown prince", "supreme leader", "leader",
        "emir", "sheikh", "pope", "secretary general", "secretary-general",
    ]

    /// Nationality words before a title, and the country they mean. Source: ISO 3166 names' demonyms (CIA World Factbook).
    static let nationalities: [String: String] = [
        "russian": "Russia", "russia": "Russia", "ukrainian": "Ukraine", "ukraine": "Ukraine", "american": "United States",
        "us": "United States", "usa": "United States", "french": "France", "german": "Germany", "british": "United Kingdom",
        "uk": "United Kingdom", "chinese": "China", "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel", "saudi": "Saudi Arabia",
        "emirati": "United Arab Emirates", "finnish": "Finland", "hungarian": "Hungary", "slovak": "Slovakia", "polish": "Poland",
        "italian": "Italy", "danish": "Denmark", "swiss": "Switzerland", "belarusian": "Belarus", "syrian": "Syria", "omani": "Oman",
        "qatari": "Qatar", "indian": "India", "japanese": "Japan", "european": "European Union", "nato": "NATO", "eu": "European Union",
        "kremlin": "Russia", "estonian": "Estonia", "latvian": "Latvia", "lithuanian": "Lithuania", "moldovan": "Moldova",
        "georgian": "Georgia", "norwegian": "Norway", "swedish": "Sweden", "dutch": "Netherlands", "belgian": "Belgium",
        "spanish": "Spain", "canadian": "Canada", "egyptian": "Egypt", "jordanian": "Jordan", "iraqi": "Iraq", "lebanese": "Lebanon",
    ]

    /// Last words of organisation names. Source: common corporate and institutional suffixes (GLEIF legal forms, news usage).
    static let orgSuffixes: Set<String> = [
        "ministry", "department", "agency", "council", "committee", "commission", "institute", "university", "college", "school",
        "center", "centre", "foundation", "fund", "bank", "group", "company", "corporation", "corp", "inc", "ltd", "llc", "plc",
        "association", "organization", "organisation", "party", "court", "parliament", "assembly", "office", "service", "services",
        "forces", "force", "army", "navy", "times", "post", "news", "journal", "gazette", "gazeta", "media", "radio", "television", "tv",
        "press", "herald", "tribune", "capital", "partners", "holdings", "airlines", "club", "union", "alliance", "network",
        "review", "magazine", "bureau", "authority", "administration", "directorate", "staff", "board", "federation", "society",
        "movement", "front", "brigade", "battalion", "corps", "guard", "police", "telegraph", "observer", "daily", "weekly",
        "channel", "broadcasting", "institution", "academy", "laboratory", "lab", "consulting", "industries", "energy", "oil",
        "gas", "motors", "systems", "technologies", "solutions", "research",
    ]

    /// Nouns that say the name right after them is an organisation ("public broadcaster DR", "law firm Freeths").
    static let organisationNouns: Set<String> = [
        "broadcaster", "consultancy", "firm", "newspaper", "tabloid", "outlet", "website", "agency", "channel", "station",
        "magazine", "insurer", "lender", "broker", "publisher", "tank", "watchdog", "regulator", "airline", "startup", "daily",
    ]

    /// Roles held "at" an organisation ("a professor of law at UCLA", "a senior fellow at the Center for…").
    static let affiliationRoles: Set<String> = [
        "professor", "fellow", "lecturer", "researcher", "scholar", "specialist", "analyst", "economist", "expert", "dean",
        "scientist", "director",
    ]

    /// Words that make a capitalised name an institution wherever they stand in it ("Institute for Economic Research").
    static let institutionWords: Set<String> = [
        "ministry", "department", "agency", "council", "committee", "commission", "institute", "university", "college", "school",
        "center", "centre", "foundation", "fund", "bank", "company", "corporation", "association", "organization", "organisation",
        "party", "court", "parliament", "assembly", "directorate", "federation", "academy", "union",
    ]

    /// Last words of place names. Source: geographic feature classes (GeoNames feature codes, in English).
    static let placeSuffixes: Set<String> = [
        "sea", "ocean", "river", "mountains", "island", "islands", "peninsula", "hotel", "airport", "base", "square", "palace",
        "memorial", "bridge", "street", "avenue", "plant", "station", "strait", "gulf", "bay", "lake", "valley", "desert",
        "province", "oblast", "region", "county", "district", "city", "port", "harbor", "harbour", "cathedral", "stadium", "hall",
        "park", "dam", "reservoir", "crater", "canal", "forest", "glacier", "volcano", "falls", "pass", "cape",
    ]

    /// Compass words that open a region's name before a continent or macro-region ("Central Asia", "South Caucasus",
    /// "Western Europe"). Source: the UN M49 geoscheme's region names.
    static let compassWords: Set<String> = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast", "northwest",
        "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
    ]
    /// Continents and macro-regions a compass word can qualify. Source: the UN M49 geoscheme and the regions of
    /// Europe and Asia news commonly divides (Caucasus, Balkans, Sahel…).
    static let macroRegions: Set<String> = [
        "africa", "asia", "europe", "caucasus", "balkans", "mediterranean", "pacific", "atlantic", "arctic", "siberia",
        "sahel", "baltic", "baltics", "scandinavia", "anatolia", "levant", "oceania", "antarctica",
    ]
    /// Words that open a place's name ("Fort Campbell", "Camp David", "Mount Elbrus"). Source: GeoNames feature
    /// names in English (military bases, mountains, lakes, capes).
    static let placePrefixes: Set<String> = ["fort", "camp", "mount", "lake", "cape", "port"]

    /// Verbs and phrases after which a name is the outlet being quoted or spoken to ("told Politico", "speaking
    /// to Czech Radio Plus", "in an interview with Axios"). Source: attribution conventions of the AP Stylebook.
    static let outletCuePhrases: [[String]] = [
        ["told"], ["speaking", "to"], ["interview", "with"], ["reported", "by"], ["according", "to"],
        ["quoted", "by"], ["told", "the"], ["interview", "with", "the"],
    ]
    /// Verbs after which a name that is written like an outlet is one ("DR reported", "ICU said").
    static let reportingVerbs: Set<String> = ["reported", "reports", "said", "says", "wrote", "published", "cited", "forecasts", "estimated"]

    /// AP Stylebook abbreviations of U.S. states, as written after a city ("Nashville, Tenn."). Those that are also
    /// English words (Ill., Miss., Wash., Ore.) are left out. Source: AP Stylebook, "state names".
    static let stateAbbreviations: [String: String] = [
        "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado", "conn": "Connecticut",
        "del": "Delaware", "fla": "Florida", "ga": "Georgia", "ind": "Indiana", "kan": "Kansas", "ky": "Kentucky", "la": "Louisiana",
        "md": "Maryland", "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "mo": "Missouri", "mont": "Montana",
        "neb": "Nebraska", "nev": "Nevada", "nh": "New Hampshire", "nj": "New Jersey", "nm": "New Mexico", "ny": "New York",
        "nc": "North Carolina", "nd": "North Dakota", "okla": "Oklahoma", "pa": "Pennsylvania", "ri": "Rhode Island",
        "sc": "South Carolina", "sd": "South Dakota", "tenn": "Tennessee", "vt": "Vermont", "va": "Virginia", "wva": "West Virginia",
        "wis": "Wisconsin", "wyo": "Wyoming",
    ]

    /// Nouns after a capitalised name that make it a party's name ("the Georgian Dream party"). Source: news usage
    /// for parties whose names do not end in "Party".
    static let partyNouns: Set<String> = ["party", "coalition", "bloc"]
    /// Words after a name that make it a place ("Krasnodar region", "Donetsk oblast").
    static let placeFollowers: Set<String> = ["region", "oblast", "province", "county", "district", "governorate"]

    /// Verbs of speech after a name: "Peskov said", "Michaels told".
    static let speechVerbs: Set<String> = [
        "said", "says", "told", "added", "wrote", "noted", "argued", "warned", "explained", "stated", "asked", "replied",
        "insisted", "claimed", "suggested", "stressed", "acknowledged", "announced", "confirmed", "declared", "posted", "tweeted",
    ]

    /// Common given names, folded: a capitalised pair that starts with one is a person. Source: the U.S. Social
    /// Security Administration's most common names since 1950, and the given names most frequent in Russian,
    /// Ukrainian, Arabic, Persian, Turkish and European public life (transliterated as news agencies write them).
    static let givenNames: Set<String> = Set(
        """
        james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald \
        steven steve paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary \
        nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond \
        jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian \
        keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel \
        logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip phil louis \
        jim tom bob bill mike dan dave rob ted tim ben sam tony nick chris matt pete josh jon marco rand lindsey mitch \
        mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley \
        kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen \
        amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet \
        catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith \
        megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail \
        alice julia judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany \
        charlotte marie kayla alexis lori susie tulsi kamala hillary nikki kristi karoline ursula kaja giorgia mette \
        vladimir dmitry dmitri sergei sergey alexei alexey andrei andrey yuri yury igor oleg nikolai mikhail ivan pavel \
        boris viktor victor konstantin maxim anatoly valery valeriy gennady leonid grigory ilya kirill roman denis evgeny \
        yevgeny vyacheslav vitaly vitali ruslan rustem arkady fyodor stanislav vadim volodymyr oleksandr oleksiy andrii \
        andriy mykhailo mykola serhiy sergii petro taras yulia yuliia olena oksana iryna nataliia natalia tetiana kateryna \
        svitlana olga tatiana elena ekaterina irina marina anastasia svetlana ludmila lyudmila valentina galina larisa \
        kyrylo denys dmytro vitalii yaroslav bohdan ihor vasyl stepan rinat herman heorhii arsen \
        mohammed muhammad mohamed ahmed ahmad ali hassan hussein omar abdullah abdul khalid mahmoud mustafa youssef \
        ibrahim ismail karim tariq faisal saud salman badr hamad hamid reza masoud mahmoud abbas javad mohsen \
        recep hakan mevlut ahmet mehmet emine kemal \
        emmanuel jean pierre francois nicolas olaf friedrich angela annalena boris rishi keir liz theresa tony gordon \
        mark pedro giorgia sergio antonio luiz jair xi wang li zhang narendra benjamin isaac yair naftali \
        lars mette ulf jens sanna alexander viktor robert andrzej donald radoslaw kaja edgars gitanas maia
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Capitalised words that are never names on their own. Source: English function words, days and months.
    static let notNames: Set<String> = [
        "the", "a", "an", "in", "on", "at", "but", "and", "or", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
        "those", "his", "her", "their", "our", "its", "my", "your", "if", "when", "while", "after", "before", "as", "for", "with",
        "from", "by", "to", "of", "there", "here", "what", "who", "why", "how", "where", "which", "some", "many", "most", "all",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "no", "yes", "not", "so", "then", "now", "still", "also", "even", "just", "only",
        "one", "two", "three", "four", "five", "both", "each", "every", "any", "such", "other", "another", "last", "next", "new",
        "first", "second", "third", "however", "meanwhile", "despite", "although", "because", "since", "until", "during", "under",
        "over", "about", "into", "through", "against", "between", "among", "without", "within", "according", "photo", "image",
        "video", "read", "more", "related", "see", "watch", "listen", "subscribe", "share", "click", "getty", "images", "ap",
        "russian", "ukrainian", "american", "european", "western", "eastern", "soviet", "christian", "muslim", "republican",
        "republicans", "democrat", "democrats", "democratic", "president", "minister", "secretary", "envoy", "chancellor",
        "general", "senator", "governor", "mayor", "king", "prince", "pope", "sheikh", "lord", "sir", "mr", "mrs", "ms", "dr",
        "north", "south", "east", "west", "northern", "southern", "central", "government", "officials", "official", "state",
        "administration", "kremlin", "white", "house", "will", "would", "could", "should", "can", "may", "might", "must",
        "reporting", "editing", "writing", "additional", "contributed", "contributing", "photo", "photos", "credit",
    ]
}
