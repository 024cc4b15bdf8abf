// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dbadvisor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dbadvisor", targets: ["dbadvisor"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // The drivers' C libraries, headers from libpq-dev and libmariadb-dev: not linked, but loaded
        // when a driver first needs them (CDynamicLibrary), so commands that never connect do not
        // pay for loading their dependency trees at start. Only the drivers import them.
        .target(name: "CDynamicLibrary", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CLibPQ", dependencies: ["CDynamicLibrary"]),
        .target(name: "CMariaDB", dependencies: ["CDynamicLibrary"]),
        // System libraries: a modulemap and a shim header each; only SQLParsing and LogParsing import them.
        // libpg_query ships no pkg-config file: header pg_query.h, library pg_query.
        .systemLibrary(name: "CPgQuery", providers: [.apt(["libpg-query-dev"])]),
        // zlib, for reading .gz logs as a stream.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "AdvisorCore"),
        .target(name: "SQLParsing", dependencies: ["AdvisorCore", "CPgQuery"]),
        .target(name: "PlanParsing", dependencies: ["AdvisorCore"]),
        .target(name: "LogParsing", dependencies: ["AdvisorCore", "SQLParsing", "PlanParsing", "CZlib"]),
        .target(
            name: "RuleEngine",
            dependencies: ["AdvisorCore", "SQLParsing", "Migrations", .product(name: "Yams", package: "Yams")]),
        .target(name: "IndexAdvisor", dependencies: ["AdvisorCore"]),
        // Migrations reads migration files too; their statements are parsed by SQLParsing's DDL readers.
        .target(name: "Migrations", dependencies: ["AdvisorCore", "SQLParsing"]),
        .target(name: "Reports", dependencies: ["AdvisorCore", "PlanParsing"]),
        .target(name: "PostgresDriver", dependencies: ["AdvisorCore", "CLibPQ"]),
        .target(name: "MySQLDriver", dependencies: ["AdvisorCore", "CMariaDB"]),
        .executableTarget(
            name: "dbadvisor",
            dependencies: [
                "AdvisorCore", "SQLParsing", "PlanParsing", "LogParsing", "RuleEngine", "IndexAdvisor",
                "Migrations", "Reports", "PostgresDriver", "MySQLDriver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Shared by the test targets: golden files.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AdvisorCoreTests", dependencies: ["AdvisorCore"]),
        .testTarget(
            name: "SQLParsingTests", dependencies: ["TestSupport", "SQLParsing", "AdvisorCore"], exclude: ["Golden"]),
        .testTarget(
            name: "PlanParsingTests", dependencies: ["TestSupport", "PlanParsing", "AdvisorCore"], exclude: ["Golden"]),
        .testTarget(
            name: "LogParsingTests", dependencies: ["TestSupport", "LogParsing", "AdvisorCore"], exclude: ["Golden"]),
        .testTarget(
            name: "RuleEngineTests",
            dependencies: ["TestSupport", "RuleEngine", "AdvisorCore", "SQLParsing", "PlanParsing", "Migrations"],
            exclude: ["Golden"]),
        .testTarget(
            name: "IndexAdvisorTests",
            dependencies: ["TestSupport", "IndexAdvisor", "AdvisorCore", "SQLParsing", "PostgresDriver", "MySQLDriver"]),
        .testTarget(
            name: "MigrationsTests", dependencies: ["TestSupport", "Migrations", "AdvisorCore", "SQLParsing"],
            exclude: ["Golden"]),
        .testTarget(
            name: "ReportsTests", dependencies: ["TestSupport", "Reports", "AdvisorCore"], exclude: ["Golden"]),
        .testTarget(name: "PostgresDriverTests", dependencies: ["TestSupport", "PostgresDriver", "AdvisorCore"]),
        .testTarget(name: "MySQLDriverTests", dependencies: ["TestSupport", "MySQLDriver", "AdvisorCore"]),
        .testTarget(
            name: "dbadvisorTests",
            dependencies: [
                "TestSupport",
                "dbadvisor", "AdvisorCore", "SQLParsing", "Reports", "PostgresDriver", "MySQLDriver",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Golden"]),
    ]
)
