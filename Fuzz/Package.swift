// swift-tools-version:6.0
// libFuzzer targets for the parsers. Not part of the main build or CI: run `Fuzz/run.sh TARGET MINUTES`.
import PackageDescription

let parsers: Target.Dependency = .product(name: "SummitWatchParsers", package: "SummitWatch")

let package = Package(
    name: "SummitWatchFuzz",
    dependencies: [.package(name: "SummitWatch", path: "..")],
    targets: [.target(name: "CLibFuzzer", path: "Targets/CLibFuzzer")]
        + ["feed", "extract", "date", "url", "config"].map { name in
            .executableTarget(name: "fuzz-\(name)", dependencies: [parsers, "CLibFuzzer"], path: "Targets/fuzz-\(name)")
        }
)
