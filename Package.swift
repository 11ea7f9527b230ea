// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "govwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "govwatch", targets: ["govwatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CArgon2", pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        // memmem for the text scanners (a GNU extension Swift's Glibc module leaves out), and
        // the SSE2 scans that text folding, JSON escaping and the leak scan skip plain runs with.
        .target(name: "CByteSearch"),
        .target(name: "GovWatchCore", dependencies: ["CByteSearch"]),
        // The sandbox the attachment extractors run in (rlimits, seccomp, timeout): C, for fork/exec.
        .target(name: "CSandbox"),
        .target(name: "GovWatchExtract", dependencies: ["GovWatchCore", "GovWatchParse", "CSandbox"]),
        .target(name: "GovWatchFetch", dependencies: ["GovWatchCore", "CCurl"]),
        .target(
            name: "GovWatchParse",
            dependencies: ["GovWatchCore", "CByteSearch", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "GovWatchStore",
            dependencies: ["GovWatchCore", "CByteSearch", "CZstd", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "GovWatchDaemon",
            dependencies: [
                "GovWatchCore", "GovWatchFetch", "GovWatchParse", "GovWatchStore", "GovWatchReport", "GovWatchDelivery",
                "GovWatchExtract", "CArgon2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The rubrics (附件11, the default; the national checklist), linked into the binary; Probes/rubrics/ links to them.
            resources: [.embedInCode("Resources/arxan-2021.yaml"), .embedInCode("Resources/national-2019.yaml")]),
        .target(
            name: "GovWatchReport",
            dependencies: [
                "GovWatchCore", "GovWatchStore", "CXlsxWriter",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(name: "GovWatchDelivery", dependencies: ["GovWatchCore", "GovWatchStore", "CCurl"]),
        .target(
            name: "GovWatchDemo",
            dependencies: ["GovWatchCore", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(
            name: "govwatch",
            dependencies: [
                "GovWatchCore", "GovWatchDaemon", "GovWatchDemo", "GovWatchStore", "GovWatchReport", "GovWatchExtract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "govwatch-parse-bench",
            dependencies: ["GovWatchCore", "GovWatchParse"],
            path: "Tests/Benchmarks/ParseBench"),
        .executableTarget(
            name: "govwatch-rules-bench",
            dependencies: ["GovWatchCore", "GovWatchDaemon", "GovWatchStore"],
            path: "Tests/Benchmarks/RulesBench"),
        .executableTarget(
            name: "govwatch-console-bench",
            dependencies: ["GovWatchCore", "GovWatchDaemon", "GovWatchStore", .product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/Benchmarks/ConsoleBench"),
        .testTarget(name: "GovWatchCoreTests", dependencies: ["GovWatchCore"]),
        .testTarget(
            name: "GovWatchParseTests",
            dependencies: ["GovWatchCore", "GovWatchParse", "GovWatchDemo"]),
        .testTarget(
            name: "GovWatchExtractTests",
            dependencies: ["GovWatchCore", "GovWatchParse", "GovWatchExtract"]),
        .testTarget(
            name: "GovWatchCrawlTests",
            dependencies: [
                "GovWatchCore", "GovWatchFetch", "GovWatchParse", "GovWatchStore",
                "GovWatchDaemon", "GovWatchDemo", "GovWatchReport", "GovWatchDelivery", "CXlsxWriter",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
