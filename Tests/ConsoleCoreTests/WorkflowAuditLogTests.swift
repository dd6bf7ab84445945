import ConsoleCore
import Foundation
import Testing

@Suite struct WorkflowAuditLogTests {
  private func temporaryLog() -> (folder: URL, log: AuditLog) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-audit-\(UUID().uuidString)")
    return (folder, AuditLog(path: folder.appendingPathComponent("state/audit.log").path))
  }

  private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func linesAreJSONWithTheUserAndReadBackNewestLast() throws {
    let (folder, log) = temporaryLog()
    defer { try? FileManager.default.removeItem(at: folder) }
    log.record(.takeOver, organization: "org", conversation: "c1", outcome: "ok")
    log.record(.send, organization: "org", conversation: "c1", outcome: "failed: conversation c1 is not taken over", detail: "outbox x")
    log.record(.handBack, organization: "org", conversation: "c1", outcome: "unknown")

    let text = try String(contentsOfFile: log.path, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
    #expect(first["action"] == "take-over")
    #expect(first["user"] == AuditLog.userName)
    #expect(first["time"]?.hasSuffix("Z") == true)
    #expect(!AuditLog.userName.isEmpty)

    let entries = try log.entries()
    #expect(entries.map(\.action) == [.takeOver, .send, .handBack])
    #expect(entries[1].detail == "outbox x")
    #expect(try log.entries(limit: 2).map(\.action) == [.send, .handBack])
    #expect(try mode(log.path) == 0o600)
    #expect(try mode(URL(fileURLWithPath: log.path).deletingLastPathComponent().path) == 0o700)
  }

  @Test func aTornLastLineIsSkipped() throws {
    let (folder, log) = temporaryLog()
    defer { try? FileManager.default.removeItem(at: folder) }
    log.record(.send, organization: "org", conversation: "c1", outcome: "ok")
    let handle = try #require(FileHandle(forWritingAtPath: log.path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"action\":\"send\",\"conv".utf8))
    try handle.close()
    #expect(try log.entries().map(\.conversation) == ["c1"])
  }

  @Test func theNewestEntriesOfALongLogAreReadFromItsEnd() throws {
    let (folder, log) = temporaryLog()
    defer { try? FileManager.default.removeItem(at: folder) }
    for index in 0..<1_500 {
      log.record(.send, organization: "org", conversation: "c\(index)", outcome: "ok", detail: String(repeating: "d", count: 100))
    }
    #expect(try log.entries(limit: 3).map(\.conversation) == ["c1497", "c1498", "c1499"])
    #expect(try log.entries(limit: 1_000).count == 1_000)
    #expect(try log.entries(limit: 1_000).first?.conversation == "c500")
    #expect(try log.entries(limit: 5_000).count == 1_500)
  }

  @Test func twoLogsAppendingAtOnceWriteWholeLines() async throws {
    let (folder, log) = temporaryLog()
    defer { try? FileManager.default.removeItem(at: folder) }
    let other = AuditLog(path: log.path)
    let detail = String(repeating: "é", count: 200)
    await withTaskGroup(of: Void.self) { group in
      for (name, writer) in [("a", log), ("b", other)] {
        for task in 0..<4 {
          group.addTask {
            for index in 0..<100 {
              writer.record(.send, organization: name, conversation: "\(task)-\(index)", outcome: "ok", detail: detail)
            }
          }
        }
      }
    }
    let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 800)
    let parsed = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
    #expect(parsed.count == 800, "every line whole")
    #expect(parsed.filter { $0["organization"] == "a" }.count == 400)
  }
}
