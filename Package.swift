// swift-tools-version:6.2
import PackageDescription

/// Strict settings shared by every target: Swift 6 language mode, explicit imports, `any` for existentials.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "RehabFAQs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rehabfaqs", targets: ["rehabfaqs"]),
        .executable(name: "rehabfaqs-import-perf", targets: ["RehabImportPerf"]),
        .executable(name: "rehabfaqs-bench", targets: ["RehabSearchPerf"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Content model, the storage protocol and shared value types. Foundation only.
        .target(
            name: "RehabCore",
            swiftSettings: swiftSettings
        ),
        // The content format: front matter, Markdown structure and rendering, validation, export.
        .target(
            name: "RehabContent",
            dependencies: [
                "RehabCore",
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The search engine: analysis, index, ranking. Pure Swift, no I/O but its bundled data file.
        .target(
            name: "RehabSearch",
            resources: [.copy("Resources/synonyms.txt")],
            swiftSettings: swiftSettings
        ),
        // Reader safety and content quality: warning-sign triage and the content linter. Pure Swift,
        // no I/O but its bundled rules file.
        .target(
            name: "RehabSafety",
            dependencies: [
                "RehabCore",
                "RehabContent",
                "RehabSearch",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/triage-rules.yaml"), .copy("Resources/english-words.txt"), .copy("Resources/english-words.COPYING")],
            swiftSettings: swiftSettings
        ),
        // The SQLite implementation of the content store (GRDB).
        .target(
            name: "RehabStoreSQLite",
            dependencies: [
                "RehabCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL implementation of the content store (PostgresNIO), for several app nodes.
        .target(
            name: "RehabStorePostgres",
            dependencies: [
                "RehabCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pages as HTML strings from Mustache templates; knows nothing of HTTP.
        .target(
            name: "RehabRender",
            dependencies: [
                "RehabCore",
                "RehabContent",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: swiftSettings
        ),
        // The starter articles bundled with the program.
        .target(
            name: "RehabStarter",
            dependencies: ["RehabCore", "RehabContent"],
            resources: [.copy("Content")],
            swiftSettings: swiftSettings
        ),
        // The web site: Hummingbird routes, caching headers, the content catalogue.
        .target(
            name: "RehabServer",
            dependencies: [
                "RehabCore",
                "RehabContent",
                "RehabRender",
                "RehabSafety",
                "RehabSearch",
                "RehabStarter",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The commands behind the `rehabfaqs` executable.
        .target(
            name: "RehabCLI",
            dependencies: [
                "RehabCore",
                "RehabContent",
                "RehabStoreSQLite",
                "RehabStorePostgres",
                "RehabSafety",
                "RehabSearch",
                "RehabServer",
                "RehabStarter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "rehabfaqs",
            dependencies: ["RehabCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Release-mode benchmark: generate, import and serve 10,000 articles.
        .executableTarget(
            name: "RehabImportPerf",
            dependencies: ["RehabCore", "RehabContent", "RehabStoreSQLite", "RehabStorePostgres",
                           .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/ImportBenchmark",
            swiftSettings: swiftSettings
        ),
        // Fixtures shared by the test targets: stub content and temporary folders.
        .target(
            name: "RehabTestSupport",
            dependencies: ["RehabCore", "RehabContent", "RehabStorePostgres", .product(name: "Logging", package: "swift-log")],
            path: "Tests/RehabTestSupport",
            swiftSettings: swiftSettings
        ),
        // The search benchmark protocol of ../shared/bench/search (release build).
        .executableTarget(
            name: "RehabSearchPerf",
            dependencies: ["RehabSearch"],
            path: "Benchmarks/SearchBenchmark",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RehabSearchTests",
            dependencies: ["RehabSearch"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RehabSafetyTests",
            dependencies: ["RehabCore", "RehabContent", "RehabSafety", "RehabSearch", "RehabStarter", "RehabTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RehabContentTests",
            dependencies: ["RehabCore", "RehabContent", "RehabStarter", "RehabTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RehabStoreTests",
            dependencies: ["RehabCore", "RehabContent", "RehabStoreSQLite", "RehabStorePostgres", "RehabTestSupport",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RehabServerTests",
            dependencies: [
                "RehabCore",
                "RehabContent",
                "RehabServer",
                "RehabStoreSQLite",
                "RehabStorePostgres",
                "RehabCLI",
                "RehabRender",
                "RehabStarter",
                "RehabTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
