// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "popp-console",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "popp-console", targets: ["popp-console"]),
    .library(name: "PoppAPI", targets: ["PoppAPI"]),
    .library(name: "PoppSandbox", targets: ["PoppSandbox"]),
    .library(name: "ConsoleCore", targets: ["ConsoleCore"]),
    .library(name: "ConsoleUI", targets: ["ConsoleUI"]),
    .library(name: "PoppHub", targets: ["PoppHub"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    .target(name: "PoppAPI", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: strictSettings),
    .target(
      name: "PoppSandbox",
      dependencies: [
        "PoppAPI",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "GRDB", package: "GRDB.swift"), "SQLiteStatements",
      ],
      swiftSettings: strictSettings
    ),
    .target(
      name: "ConsoleCore",
      dependencies: [
        "PoppAPI", .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "CSV", package: "CSV.swift"), .product(name: "Logging", package: "swift-log"), "CLocaleWidth",
        "SQLiteStatements",
      ],
      swiftSettings: strictSettings
    ),
    // Prepared statements bound, stepped and read through SQLite's C API, for the console's cache and the sandbox's
    // seeding (both are hot paths where GRDB's boxing of values costs more than SQLite).
    .target(
      name: "SQLiteStatements", dependencies: [.product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strictSettings),
    // libc's wcwidth and locale set-up, which Swift's Glibc module leaves out; no curses, so ConsoleCore can count
    // columns as the terminal does.
    .target(name: "CLocaleWidth"),
    // The hub: one process per organization serving the team's consoles over a Unix socket (NIO, NIOExtras' framing).
    .target(
      name: "PoppHub",
      dependencies: [
        "ConsoleCore", "PoppAPI", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOExtras", package: "swift-nio-extras"),
      ],
      swiftSettings: strictSettings
    ),
    .systemLibrary(
      name: "CNCursesSystem",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    .target(
      name: "CNCurses",
      dependencies: ["CNCursesSystem"],
      cSettings: [.define("_XOPEN_SOURCE_EXTENDED", to: "1")],
      linkerSettings: [.linkedLibrary("ncursesw")]
    ),
    .target(
      name: "ConsoleUI",
      dependencies: ["ConsoleCore", "CNCurses"],
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "popp-console",
      dependencies: [
        "PoppAPI", "PoppSandbox", "ConsoleCore", "ConsoleUI", "PoppHub",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      swiftSettings: strictSettings
    ),
    .testTarget(name: "PoppAPITests", dependencies: ["PoppAPI"], swiftSettings: strictSettings),
    .testTarget(
      name: "PoppSandboxTests", dependencies: ["PoppAPI", "PoppSandbox", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strictSettings),
    .testTarget(name: "ConsoleCoreTests", dependencies: ["ConsoleCore"], swiftSettings: strictSettings),
    // ConsoleCore's services (polling, outbox) against a real sandbox on loopback.
    .testTarget(name: "ServiceTests", dependencies: ["ConsoleCore", "ConsoleUI", "PoppSandbox"], swiftSettings: strictSettings),
    .testTarget(
      name: "ConsoleUITests",
      dependencies: [
        "ConsoleUI", "ConsoleCore", "PoppSandbox", .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"],
      swiftSettings: strictSettings
    ),
    // Runs the built `popp-console` binary as a user would, against its own sandbox.
    .testTarget(name: "CLITests", dependencies: ["popp-console", "PoppAPI", "ConsoleCore", "PoppHub"], swiftSettings: strictSettings),
  ],
  swiftLanguageModes: [.v6]
)
