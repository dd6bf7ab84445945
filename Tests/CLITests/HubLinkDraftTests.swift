import ConsoleCore
import Foundation
import PoppAPI
import Testing

@testable import PoppHub

/// A console's link to a hub that takes a reply and is never heard from about it again (it died before saying it
/// held it): when the recruiter quits, the reply is back in the conversation's draft, after what the draft held.
@Suite(.serialized) struct HubLinkDraftTests {
  /// A hub that welcomes, sends an empty organization, and tells `heard` what it is asked: it never answers a send.
  static func silentHub(at socket: String, heard: AsyncStream<HubRequest>.Continuation) async throws -> Task<Void, any Error> {
    let listener = try await HubListener.bind(path: socket, group: nil)
    return Task {
      try await listener.connections.executeThenClose { peers in
        for try await peer in peers {
          try await peer.channel.executeThenClose { inbound, outbound in
            var frames = inbound.makeAsyncIterator()
            _ = try await frames.next()
            let welcome = HubWelcome(
              protocolVersion: HubProtocol.version, app: "silent hub", organizationId: "org-silent",
              baseURL: URL(string: "https://api.example.invalid")!, isSandbox: false, user: AuditLog.userName, console: 1)
            try await outbound.write(HubFraming.encode(HubHelloReply.welcome(welcome)))
            while let frame = try await frames.next() {
              let request = try HubFraming.decode(HubRequest.self, from: frame)
              if case .subscribe = request {
                let empty = HubSnapshot(
                  campaigns: [], templates: [], conversations: [], health: HubHealth(SyncHealth()), flaggedSince: [:], outgoing: [])
                try await outbound.write(HubFraming.encode(HubMessage.snapshot(empty)))
              }
              heard.yield(request)
            }
          }
        }
      }
    }
  }

  @Test func aReplyTheHubNeverConfirmedGoesBackIntoTheDraftWhenTheConsoleStops() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-hublink-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let socket = folder.appendingPathComponent("run/hub.sock").path
    let (heard, hearing) = AsyncStream.makeStream(of: HubRequest.self)
    let hub = try await Self.silentHub(at: socket, heard: hearing)
    defer { hub.cancel() }

    let workflowPath = folder.appendingPathComponent("workflow.sqlite").path
    let info = ConnectionInfo(
      organizationId: "org-silent", baseURL: URL(string: "https://api.example.invalid")!, isSandbox: false, hubPath: socket,
      hubUser: AuditLog.userName)
    let session = try ConsoleSession(
      connection: .hub(info), pollSettings: PollSettings(), storage: SessionStorage(workflowPath: workflowPath))
    let link = HubLink(path: socket, app: "popp-console/test", session: session)
    link.drafts.update(conversationId: "conv-1", text: "What I had typed before")
    await link.startPolling()

    var requests = heard.makeAsyncIterator()
    while let request = await requests.next() {
      if case .presence = request { break }
    }
    link.start([.send(conversationId: "conv-1", content: .body("The reply the hub never confirmed"))])
    while let request = await requests.next() {
      if case .act(.send(_, "conv-1", .body("The reply the hub never confirmed"))) = request { break }
    }
    await link.stop()

    #expect(link.drafts.draft(conversationId: "conv-1") == "What I had typed before\n\nThe reply the hub never confirmed")
    let reopened = try WorkflowStore(path: workflowPath)
    #expect(
      try reopened.allDrafts()["conv-1"] == "What I had typed before\n\nThe reply the hub never confirmed",
      "on disk, for the next start")
  }
}
