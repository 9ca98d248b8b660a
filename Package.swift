// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "GrantTracker",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "grants", targets: ["grants"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // MARK: C libraries (Debian packages)
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CFreeXL", providers: [.apt(["libfreexl-dev"])]),

        // MARK: Libraries, one per stage
        .target(name: "GrantModel", resources: [.copy("Resources")]),
        .target(name: "GrantTabular", dependencies: [
            "CLibCSV", "CFreeXL", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "GrantImport", dependencies: ["GrantModel", "GrantTabular"]),
        .target(name: "GrantLink", dependencies: ["GrantModel"]),
        .target(name: "GrantStore", dependencies: [
            "GrantModel", .product(name: "GRDB", package: "GRDB.swift"),
            // The SQLite C API GRDB itself links, for binding import and link rows without GRDB's argument boxing.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "GrantReport", dependencies: ["GrantModel", "CXLSXWriter"]),

        // MARK: The thin command-line tool
        .executableTarget(name: "grants", dependencies: [
            "GrantModel", "GrantTabular", "GrantImport", "GrantLink", "GrantStore", "GrantReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests
        .testTarget(name: "GrantModelTests", dependencies: ["GrantModel"]),
        .testTarget(name: "GrantTabularTests", dependencies: [
            "GrantTabular", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "GrantImportTests", dependencies: ["GrantImport", "GrantTabular", "GrantModel"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GrantLinkTests", dependencies: ["GrantLink", "GrantModel"]),
        .testTarget(name: "GrantStoreTests", dependencies: ["GrantStore", "GrantModel"]),
        .testTarget(name: "GrantReportTests", dependencies: ["GrantReport", "GrantModel"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "GrantsCLITests", dependencies: ["grants", "CXLSXWriter"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
