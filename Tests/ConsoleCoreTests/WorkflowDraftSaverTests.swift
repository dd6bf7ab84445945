import Foundation
import Testing

@testable import ConsoleCore

@Suite struct WorkflowDraftSaverTests {
  @Test func aBurstOfKeysIsWrittenOnceAfterThePauseWithTheLastText() async throws {
    let store = try WorkflowStore(path: nil)
    let saver = DraftSaver(store: store)
    let text = "Thanks for your reply, we would love to meet you 🌷"
    var typed = ""
    for character in text {
      typed.append(character)
      saver.update(conversationId: "a", text: typed)
    }
    #expect(saver.draft(conversationId: "a") == text, "what is shown before the write")
    #expect(try store.draft(conversationId: "a") == nil, "not written on every key")
    try await Task.sleep(for: .milliseconds(700))
    #expect(try store.draft(conversationId: "a") == text)
    #expect(saver.writeCount == 1)
  }

  // Synchronous on purpose: the typist sleeps on its own thread, so a test pool kept busy by
  // other suites cannot stretch a 50 ms pause into seconds and stop the typing.
  @Test func aSteadyTypistIsSavedAtLeastOncePerMaximumLag() throws {
    let store = try WorkflowStore(path: nil)
    // Shorter than the defaults (300 ms / 1 s) so that a busy test machine leaves a wide margin.
    let saver = DraftSaver(store: store, quiet: .milliseconds(150), maxLag: .milliseconds(400))
    let start = ContinuousClock.now
    var typed = ""
    var longestLag = 0
    // A key every 50 ms for 3 s: never a pause as long as `quiet` (unless the machine stalls).
    while ContinuousClock.now - start < .seconds(3) {
      typed.append("x")
      saver.update(conversationId: "a", text: typed)
      Thread.sleep(forTimeInterval: 0.05)
      let saved = try store.draft(conversationId: "a") ?? ""
      longestLag = max(longestLag, typed.count - saved.count)
    }
    #expect(saver.writeCount >= 2, "\(saver.writeCount) writes in 3 s while typing")
    #expect(longestLag * 50 <= 1_500, "the saved text fell \(longestLag) keys behind")
    saver.flush()
    #expect(try store.draft(conversationId: "a") == typed)
  }

  @Test func flushWritesWhatIsPendingAtOnce() throws {
    let store = try WorkflowStore(path: nil)
    let saver = DraftSaver(store: store)
    saver.update(conversationId: "a", text: "first")
    saver.update(conversationId: "b", text: "second")
    saver.flush()
    #expect(try store.allDrafts() == ["a": "first", "b": "second"])
    #expect(saver.writeCount == 1, "one transaction for the batch")
    saver.flush()
    #expect(saver.writeCount == 1, "nothing pending, nothing written")
  }

  @Test func anEmptyTextDeletesTheDraft() async throws {
    let store = try WorkflowStore(path: nil)
    try store.saveDraft("old", conversationId: "a")
    let saver = DraftSaver(store: store)
    #expect(saver.draft(conversationId: "a") == "old")
    saver.update(conversationId: "a", text: "")
    #expect(saver.draft(conversationId: "a") == nil)
    saver.flush()
    #expect(try store.draft(conversationId: "a") == nil)
  }

  @Test func draftsSurviveReopeningTheFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-drafts-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("workflow.sqlite").path
    do {
      let saver = DraftSaver(store: try WorkflowStore(path: path))
      saver.update(conversationId: "a", text: "typed before the SSH session dropped")
      saver.flush()
    }
    #expect(DraftSaver(store: try WorkflowStore(path: path)).draft(conversationId: "a") == "typed before the SSH session dropped")
  }
}
