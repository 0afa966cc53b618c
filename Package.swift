// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SummitWatch",
    products: [
        .executable(name: "summitwatch", targets: ["summitwatch"]),
        .executable(name: "summitwatch-bench", targets: ["summitwatch-bench"]),
        // For the libFuzzer targets in Fuzz/ (a package of its own, built with sanitizers, not in CI).
        .library(name: "SummitWatchParsers", targets: ["Model", "FeedParsing", "ArticleExtraction", "Dedup", "Configuration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),  // LogHandler.log(event:)
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.20.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C bridges: the only places that see libcurl and libxml2 headers.
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        // The vocabulary more than one stage speaks: entity kinds, failure kinds, duplicate matches, instants.
        // No dependencies, so every stage can use it.
        .target(name: "Model"),

        // The pipeline, one stage a target.
        .target(name: "Configuration", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        .target(name: "Fetching", dependencies: ["CCurl", "Model", .product(name: "Logging", package: "swift-log")]),
        .target(name: "FeedParsing", dependencies: ["CLibXML2", "Model"]),
        .target(name: "ArticleExtraction", dependencies: ["CLibXML2", "Model"]),
        .target(name: "Dedup"),
        .target(name: "Entities", dependencies: ["Model"], resources: [.copy("Resources/gazetteer.json"), .copy("Resources/cities.json")]),
        .target(name: "ChangeLog", dependencies: ["Model"]),
        .target(name: "Store", dependencies: ["ChangeLog", "Model", .product(name: "GRDB", package: "GRDB.swift")]),
        // The daily report: HTML from the Store's report values; every {{value}} HTML-escaped by the template engine.
        .target(name: "Report", dependencies: ["Store", "Model", .product(name: "Mustache", package: "swift-mustache")]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Configuration", "Fetching", "FeedParsing", "ArticleExtraction", "Dedup", "Entities",
                "Store", "ChangeLog", "Model", .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Daemon",
            dependencies: [
                "Pipeline", "Configuration", "Store", "ChangeLog", "Model", "Report",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "summitwatch",
            dependencies: [
                "Configuration", "Pipeline", "Daemon", "Store", "FeedParsing", "ArticleExtraction", "Entities",
                "Fetching", "ChangeLog", "Dedup", "Model", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Release benchmarks: measured figures for the README and close notes, never assertions. BenchSupport holds
        // what only they need: libxml2's bare parses (the floors) and a synthetic-row writer for million-row stores.
        .target(name: "BenchSupport", dependencies: ["CLibXML2", "Model", "Store", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(
            name: "summitwatch-bench",
            dependencies: [
                "BenchSupport", "Configuration", "Pipeline",
                "ArticleExtraction", "FeedParsing", "Entities", "Dedup", "Store", "Fetching", "Model", "Report", "ChangeLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Tests mirror the targets; fixtures live beside the tests that use them.
        .target(
            name: "TestSupport", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/TestSupport"),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing", "Model"]),
        .testTarget(
            name: "ArticleExtractionTests", dependencies: ["ArticleExtraction"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "DedupTests", dependencies: ["Dedup"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "EntitiesTests", dependencies: ["Entities", "Model"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "ChangeLog", "Model"]),
        .testTarget(name: "ChangeLogTests", dependencies: ["ChangeLog", "Model"]),
        // Runs the built executable; depends on it so `swift build --build-tests` builds it first.
        .testTarget(
            name: "CommandLineTests",
            dependencies: [
                "summitwatch", "Store", "Model", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Pipeline", "Configuration", "Store", "TestSupport",
                .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .testTarget(
            name: "ReportTests",
            dependencies: [
                "Report", "Pipeline", "Configuration", "Store", "TestSupport", "CLibXML2", "Model",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Configuration", "Store", "TestSupport", "ChangeLog", "Model",
                .product(name: "Logging", package: "swift-log"), .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
    ]
)
