import Foundation
import Testing

/// The architecture's rules, checked on the sources: nothing below ConsoleUI imports ncurses, ConsoleUI never talks
/// to the network, and ConsoleUI only reads the state it draws.
@Suite struct LayeringTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources")

  static func swiftFiles(in target: String) -> [(String, String)] {
    let folder = sources.appendingPathComponent(target)
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    var files: [(String, String)] = []
    while let url = enumerator?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      files.append((url.lastPathComponent, (try? String(contentsOf: url, encoding: .utf8)) ?? ""))
    }
    return files
  }

  @Test(arguments: ["PoppAPI", "PoppSandbox", "ConsoleCore"])
  func nothingBelowTheUIImportsNcurses(_ target: String) {
    let files = Self.swiftFiles(in: target)
    #expect(!files.isEmpty)
    for (name, text) in files {
      #expect(!text.contains("import CNCurses") && !text.contains("import ConsoleUI"), "\(target)/\(name)")
    }
  }

  @Test func theUINeverTouchesTheNetwork() {
    for (name, text) in Self.swiftFiles(in: "ConsoleUI") {
      for forbidden in ["URLSession", "HTTPPoppClient", "FoundationNetworking", "PoppSandbox"] {
        #expect(!text.contains(forbidden), "ConsoleUI/\(name) mentions \(forbidden)")
      }
    }
  }

  @Test func theAPILayerKnowsNothingOfTerminals() {
    for (name, text) in Self.swiftFiles(in: "PoppAPI") {
      #expect(!text.contains("import ConsoleCore") && !text.contains("ncurses"), "PoppAPI/\(name)")
    }
  }

  /// The renderer and the views take the state by value: pages, stacking and scroll limits are ConsoleCore's. Only
  /// the UI loop (ConsoleApp) owns a state to change, by the keys, the events and the screen's size.
  @Test func theUINeverReceivesTheStateInout() throws {
    let state = /inout\s+(any\s+)?(AppState|ConsoleMode|[A-Z][A-Za-z]*Mode|ThreadState|ComposerState|FormState)\b/
    let files = Self.swiftFiles(in: "ConsoleUI")
    #expect(files.count > 20)
    for (name, text) in files {
      #expect(try state.firstMatch(in: text) == nil, "ConsoleUI/\(name) takes the state inout")
    }
  }
}
