import Foundation
import Testing

/// The man pages are written by swift-argument-parser's generate-manual (`make man`), which drops every character
/// outside ASCII: a `…` or `–` in a help text would vanish from the page and leave it saying something else.
@Suite struct ManualPageTextTests {
  @Test func everyHelpTextIsASCII() throws {
    let dump = try CLI.run(["--experimental-dump-help"], environment: [:])
    #expect(dump.status == 0)
    let document = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8))
    var offending: [String] = []
    func visit(_ value: Any, at path: String) {
      if let text = value as? String, text.unicodeScalars.contains(where: { !$0.isASCII }) {
        offending.append("\(path): \(text)")
      } else if let object = value as? [String: Any] {
        for (key, child) in object { visit(child, at: path + "." + key) }
      } else if let array = value as? [Any] {
        for (index, child) in array.enumerated() { visit(child, at: path + "[\(index)]") }
      }
    }
    visit(document, at: "popp-console")
    #expect(offending.isEmpty, "not ASCII, so missing from the man page: \(offending)")
  }
}
