import Foundation
import Testing

@testable import ConsoleCore

@Suite struct WorkflowStoreTests {
  private func temporaryPath() -> (folder: URL, file: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-workflow-\(UUID().uuidString)")
    return (folder, folder.appendingPathComponent("org/workflow.sqlite").path)
  }

  private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func draftsAreSavedRestoredAndDeletedByAnEmptyText() throws {
    let store = try WorkflowStore(path: nil)
    #expect(try store.draft(conversationId: "a") == nil)
    try store.saveDraft("Hello 美咲 🌸\nsecond line", conversationId: "a")
    try store.saveDraft("other", conversationId: "b")
    #expect(try store.draft(conversationId: "a") == "Hello 美咲 🌸\nsecond line")
    try store.saveDraft("Hello again", conversationId: "a")
    #expect(try store.allDrafts() == ["a": "Hello again", "b": "other"])
    try store.saveDraft("", conversationId: "a")
    #expect(try store.draft(conversationId: "a") == nil)
    #expect(try store.allDrafts() == ["b": "other"])
  }

  @Test func reopeningTheFileKeepsDraftsAndOutboxAndTheFileIsPrivate() throws {
    let (folder, path) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: folder) }
    var entry = OutboxEntry(
      conversationId: "a", content: .template(id: "t1", preview: "Hi Ana"), createdAt: Date(timeIntervalSince1970: 500))
    entry.state = .failed
    entry.error = "conversation a is not taken over"
    entry.attempts = 1
    entry.attemptStartedAt = Date(timeIntervalSince1970: 1_000)
    entry.baselineMessageId = "m9"
    entry.baselineCreatedAt = Date(timeIntervalSince1970: 990)
    do {
      let store = try WorkflowStore(path: path)
      try store.saveDraft("half a thought", conversationId: "a")
      try store.save(entry, owner: 1)
      try store.save(OutboxEntry(conversationId: "b", content: .body("plain")), owner: 1)
    }
    let reopened = try WorkflowStore(path: path)
    #expect(try reopened.draft(conversationId: "a") == "half a thought")
    #expect(try reopened.outboxEntries(conversationId: "a") == [entry])
    #expect(try reopened.outboxEntries().map(\.content) == [.template(id: "t1", preview: "Hi Ana"), .body("plain")])
    #expect(try reopened.unfinishedEntries().map(\.conversationId) == ["b"])
    try reopened.saveDraft("more", conversationId: "c")
    #expect(try mode(path) == 0o600)
    #expect(try mode(URL(fileURLWithPath: path).deletingLastPathComponent().path) == 0o700)
    #expect(try mode(path + "-wal") == 0o600, "WAL journal, as private as the file")
  }

  @Test func anEntryIsClaimedOnlyWhenItsOwnerIsGone() throws {
    let store = try WorkflowStore(path: nil)
    let entry = OutboxEntry(conversationId: "a", content: .body("x"))
    try store.save(entry, owner: 10)
    #expect(try store.claim(id: entry.id, owner: 20, isAlive: { _ in true }) == nil)
    #expect(try store.claim(id: entry.id, owner: 20, isAlive: { _ in false })?.id == entry.id)
    #expect(try store.claim(id: entry.id, owner: 20, isAlive: { _ in true })?.id == entry.id, "its own")
    #expect(try store.claim(id: "nope", owner: 20, isAlive: { _ in false }) == nil)
    var failed = OutboxEntry(conversationId: "a", content: .body("y"))
    failed.state = .failed
    try store.save(failed, owner: 10)
    #expect(try store.claim(id: failed.id, owner: 20, isAlive: { _ in true })?.id == failed.id, "a retry from another console")
  }

  @Test func onlyOldSentEntriesArePruned() throws {
    let store = try WorkflowStore(path: nil)
    var old = OutboxEntry(conversationId: "a", content: .body("old"), createdAt: Date(timeIntervalSince1970: 100))
    old.state = .sent
    var oldFailed = OutboxEntry(conversationId: "a", content: .body("failed"), createdAt: Date(timeIntervalSince1970: 100))
    oldFailed.state = .failed
    var recent = OutboxEntry(conversationId: "a", content: .body("recent"), createdAt: Date(timeIntervalSince1970: 300))
    recent.state = .sent
    for entry in [old, oldFailed, recent] { try store.save(entry, owner: 1) }
    try store.pruneSent(before: Date(timeIntervalSince1970: 200))
    #expect(try store.outboxEntries().map(\.content.text) == ["failed", "recent"])
  }

  @Test func theWorkflowFileLivesBesideTheCache() {
    let paths = ConsolePaths(environment: ["HOME": "/home/jo", "XDG_STATE_HOME": "/state"])
    #expect(WorkflowStore.path(for: "org_123", in: paths) == "/state/popp-console/org_123/workflow.sqlite")
    #expect(WorkflowStore.path(for: "../x", in: paths) == "/state/popp-console/___x/workflow.sqlite")
    #expect(AuditLog.path(in: paths) == "/state/popp-console/audit.log")
  }

  @Test func contentMatchesOnlyUserMessagesWithTheSameTextOrTemplate() {
    func message(_ body: String, _ sender: MessageSender = .user, template: String? = nil) -> Message {
      Message(id: "m", conversationId: "a", body: body, sender: sender, status: .sentSuccess, templateId: template, createdAt: nil)
    }
    #expect(OutboxContent.body("Hi").matches(message("Hi")))
    #expect(OutboxContent.body("Hi").matches(message(" Hi\n")), "a server may trim")
    #expect(!OutboxContent.body("Hi").matches(message("Hi", .agent)))
    #expect(!OutboxContent.body("Hi").matches(message("Hi!")))
    let template = OutboxContent.template(id: "t1", preview: "Hi Ana")
    #expect(template.matches(message("anything", template: "t1")))
    #expect(!template.matches(message("Hi Ana", template: "t2")))
    #expect(template.matches(message("Hi Ana")), "rendered body when the server does not echo the template id")
  }
}
