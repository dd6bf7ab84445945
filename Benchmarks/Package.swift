// swift-tools-version: 6.1
// Benchmarks live in their own package so that `swift test` never builds them (or the
// benchmark package) and a release build of them can be made on its own:
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "popp-benchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "SandboxBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "PoppAPI", package: root),
        .product(name: "PoppSandbox", package: root),
      ],
      path: "Benchmarks/SandboxBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "ConsoleBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "ConsoleCore", package: root),
        .product(name: "ConsoleUI", package: root),
        .product(name: "PoppSandbox", package: root),
      ],
      path: "Benchmarks/ConsoleBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "WorkflowBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "ConsoleCore", package: root),
        .product(name: "ConsoleUI", package: root),
      ],
      path: "Benchmarks/WorkflowBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    // A measurement over minutes rather than repeated samples: a plain executable.
    //   swift run -c release PollingBenchmark
    // The world the polling and hub benchmarks share.
    .target(
      name: "BenchmarkFixtures",
      dependencies: [.product(name: "PoppAPI", package: root), .product(name: "PoppSandbox", package: root)],
      path: "Benchmarks/BenchmarkFixtures"
    ),
    .executableTarget(
      name: "PollingBenchmark",
      dependencies: [
        "BenchmarkFixtures",
        .product(name: "ConsoleCore", package: root),
        .product(name: "PoppSandbox", package: root),
      ],
      path: "Benchmarks/PollingBenchmark"
    ),
    // The bulk launch from CSV: preparation, then the whole launch against a sandbox.
    //   swift run -c release BulkBenchmark [runs] [batch-size]
    .executableTarget(
      name: "BulkBenchmark",
      dependencies: [
        .product(name: "ConsoleCore", package: root),
        .product(name: "PoppSandbox", package: root),
      ],
      path: "Benchmarks/BulkBenchmark"
    ),
    // A team on one hub: 1, 10 and 50 consoles attached to a `popp-console hub` process.
    //   swift build -c release (at the root), then: swift run -c release HubBenchmark [window-seconds] [trials]
    .executableTarget(
      name: "HubBenchmark",
      dependencies: [
        "BenchmarkFixtures",
        .product(name: "ConsoleCore", package: root),
        .product(name: "PoppHub", package: root),
        .product(name: "PoppSandbox", package: root),
      ],
      path: "Benchmarks/HubBenchmark"
    ),
  ],
  swiftLanguageModes: [.v6]
)
