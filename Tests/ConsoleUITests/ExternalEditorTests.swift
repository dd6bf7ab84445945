import ConsoleUI
import Foundation
import Testing

/// The draft through an editor program, without a terminal (ncurses is not running in tests, so the screen is left
/// alone): scripts stand in for vi.
@Suite struct ExternalEditorTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-editor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  /// An editor command running a script in the test's folder; the draft's file is its last argument. The script is
  /// run by sh rather than executed: a child another test forks meanwhile may hold it open for writing (ETXTBSY).
  func script(_ name: String, _ body: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try body.write(to: url, atomically: true, encoding: .utf8)
    return "/bin/sh " + url.path
  }

  @Test func theEditorSeesTheDraftInAPrivateFileAndItsEditComesBack() throws {
    let log = folder.appendingPathComponent("log").path
    let editor = try script(
      "editor",
      """
      { echo "$2"; stat -c %a "$2"; cat "$2"; echo; echo "args: $1"; } > \(log)
      printf 'Edited 日本語 👩🏽‍💻\\nsecond line\\n' > "$2"
      """)
    let draft = "Dear Ana,\nsee you 🇯🇵 soon"
    let result = ExternalEditor.edit(draft, environment: ["VISUAL": "\(editor)  --flag", "EDITOR": "false", "TMPDIR": folder.path])
    #expect(result == .success("Edited 日本語 👩🏽‍💻\nsecond line"), "one trailing line feed removed")
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    try #require(lines.count >= 5)
    #expect(lines[0].hasPrefix(folder.path + "/popp-draft-"), "in $TMPDIR")
    #expect(lines[1] == "600")
    #expect(lines[2...3].joined(separator: "\n") == draft)
    #expect(lines[4] == "args: --flag", "the variable is split on spaces")
    #expect(!FileManager.default.fileExists(atPath: String(lines[0])), "the file is deleted")
  }

  @Test func editorIsUsedWhenVisualIsUnsetAndTheKeyIsNotPassedOn() throws {
    let log = folder.appendingPathComponent("env").path
    let editor = try script("env-editor", "echo \"key=${POPP_API_KEY:-none} org=$POPP_ORGANIZATION_ID\" > \(log)\nprintf 'ok' > \"$1\"\n")
    let environment = ["VISUAL": "  ", "EDITOR": editor, "TMPDIR": folder.path, "POPP_API_KEY": "secret", "POPP_ORGANIZATION_ID": "org-1"]
    #expect(ExternalEditor.edit("draft", environment: environment) == .success("ok"))
    #expect(try String(contentsOfFile: log, encoding: .utf8) == "key=none org=org-1\n")
  }

  @Test func aFailingEditorLeavesTheDraftAsItWas() throws {
    let failing = try script("failing", "printf 'half-written' > \"$1\"\nexit 3\n")
    let result = ExternalEditor.edit("draft", environment: ["EDITOR": failing, "TMPDIR": folder.path])
    guard case .failure(let failure) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(failure.description.contains("exited with status 3"))
    #expect(failure.description.contains("unchanged"))
    let missing = ExternalEditor.edit("draft", environment: ["EDITOR": "popp-no-such-editor --wait", "TMPDIR": folder.path])
    guard case .failure(let notFound) = missing else {
      Issue.record("expected a failure, got \(missing)")
      return
    }
    #expect(notFound.description.hasPrefix("cannot start popp-no-such-editor:"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("popp-draft-") }
    #expect(leftovers.isEmpty)
  }

  @Test func anEditorThatChangesNothingReturnsTheDraft() {
    #expect(
      ExternalEditor.edit("as it was\n\nwith lines", environment: ["EDITOR": "true", "TMPDIR": folder.path])
        == .success("as it was\n\nwith lines"))
    let missingFolder = ExternalEditor.edit("x", environment: ["EDITOR": "true", "TMPDIR": folder.path + "/missing"])
    #expect((try? missingFolder.get()) == nil)
  }
}
