// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SummitWatch",
    products: [
        .executable(name: "summitwatch", targets: ["summitwatch"]),
        .executable(name: "summitwatch-bench", targets: ["summitwatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.20.0"),
    ],
    targets: [
        // C bridges: the only places that see libcurl and libxml2 headers.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),

        // The vocabulary more than one stage speaks: entity kinds, failure kinds, duplicate matches, instants.
        // No dependencies, so every stage can use it.
        .target(name: "Model"),

        // The pipeline, one stage a target.
        .target(name: "Configuration", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        .target(name: "Fetching", dependencies: ["CCurl", "Model", .product(name: "Logging", package: "swift-log")]),
        .target(name: "FeedParsing", dependencies: ["CLibXML2"]),
        .target(name: "ArticleExtraction", dependencies: ["CLibXML2", "FeedParsing"]),
        .target(name: "Dedup"),
        .target(name: "Entities", dependencies: ["Model"], resources: [.copy("Resources/gazetteer.json")]),
        .target(name: "ChangeLog", dependencies: ["Model"]),
        .target(name: "Store", dependencies: ["ChangeLog", "Model", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Pipeline", dependencies: [
            "Configuration", "Fetching", "FeedParsing", "ArticleExtraction", "Dedup", "Entities",
            "Store", "ChangeLog", "Model", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Daemon", dependencies: [
            "Pipeline", "Configuration", "Store", "ChangeLog", "Model",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "summitwatch", dependencies: [
            "Configuration", "Pipeline", "Daemon", "Store", "FeedParsing", "ArticleExtraction", "Entities",
            "Fetching", "ChangeLog", "Dedup", "Model",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Release benchmarks: measured figures for the README and close notes, never assertions.
        .executableTarget(name: "summitwatch-bench", dependencies: [
            "ArticleExtraction", "FeedParsing", "Entities", "Dedup", "Store", "Fetching", "Model",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests mirror the targets; fixtures live beside the tests that use them.
        .target(name: "TestSupport", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")],
                path: "Tests/TestSupport"),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing"]),
        .testTarget(name: "ArticleExtractionTests", dependencies: ["ArticleExtraction"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DedupTests", dependencies: ["Dedup"]),
        .testTarget(name: "EntitiesTests", dependencies: ["Entities", "Model"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "ChangeLog", "Model"]),
        .testTarget(name: "ChangeLogTests", dependencies: ["ChangeLog", "Model"]),
        // Runs the built executable; depends on it so `swift build --build-tests` builds it first.
        .testTarget(name: "CommandLineTests", dependencies: ["summitwatch", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(name: "DaemonTests", dependencies: [
            "Daemon", "Pipeline", "Configuration", "Store", "TestSupport",
            .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Configuration", "Store", "TestSupport", "ChangeLog", "Model",
            .product(name: "Logging", package: "swift-log"), .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
    ]
)
