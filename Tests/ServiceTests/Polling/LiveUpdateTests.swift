import ConsoleCore
import Foundation
import PoppSandbox
import Testing

/// Changes made on the server (through the sandbox's control surface, at `--speed 0` so that
/// nothing else moves) reach the console's state within one poll interval.
@Suite(.serialized) struct LiveUpdateTests {
  @Test(arguments: [true, false])
  func aFlagSetOnTheServerShowsWithinOneInterval(serverFilters: Bool) async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings(serverFilters: serverFilters))
    try await harness.startAndLoad()
    let target = try #require(harness.state.index.conversations.first { $0.conversationStatus == .ongoing && !$0.needsReview })
    let bellsBefore = harness.uiEffects.filter { $0 == .ringBell }.count

    _ = try await harness.control.flag(conversationId: target.id, reason: "Asked about the salary")
    let before = await harness.engine.pollerCounts()
    try await harness.wait("the flag") { $0.index.conversation(id: target.id)?.needsReview == true }
    let after = await harness.engine.pollerCounts()

    // Within one interval, counted in polls rather than seconds (a busy machine stretches
    // seconds, not polls): the first poll that began after the flag saw it (a poll already
    // under way when it was set may end first without it).
    let polls = [PollKind.head, .activeSet].map { (after[$0]?.runs ?? 0) - (before[$0]?.runs ?? 0) }
    #expect(polls.min()! <= 2, "polls until the flag showed: head \(polls[0]), active \(polls[1])")
    // The probe of `updatedSince` runs with the first active-set poll, which a busy machine may
    // finish after the head poll that brought the flag.
    for _ in 0..<1_000 where await harness.engine.usesServerFilters != serverFilters { try await Task.sleep(for: .milliseconds(20)) }
    #expect(await harness.engine.usesServerFilters == serverFilters)
    let state = harness.state
    #expect(state.index.conversation(id: target.id)?.needsReviewReason == "Asked about the salary")
    #expect(state.attention.unread.contains(target.id))
    #expect(state.attention.marks[target.id] == .changed)
    #expect(state.flash?.hasPrefix("Needs review:") == true)
    #expect(harness.uiEffects.filter { $0 == .ringBell }.count == bellsBefore + 1)
    await harness.stop()
    await sandbox.stop()
  }

  @Test func aCandidateMessageAppearsInTheOpenThreadWithinOneInterval() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings())
    try await harness.startAndLoad()
    let target = try #require(harness.state.index.conversations.first { $0.conversationStatus == .ongoing })
    _ = harness.perform { $0.openThread(target.id) }
    await harness.engine.openThread(target.id)
    try await harness.wait("the thread") { $0.thread?.isLoading == false }

    let body = "Can I start in March? 🌷 三月から"
    _ = try await harness.control.injectCandidateMessage(conversationId: target.id, body: body)
    let before = await harness.engine.pollerCounts()[.thread]?.runs ?? 0
    try await harness.wait("the message") { $0.thread?.messages.contains { $0.body == body } == true }
    let polls = (await harness.engine.pollerCounts()[.thread]?.runs ?? 0) - before

    #expect(polls <= 2, "thread polls until the message showed: \(polls)")
    // The open thread is being read: not marked unread.
    #expect(!harness.state.attention.unread.contains(target.id))
    await harness.stop()
    await sandbox.stop()
  }

  @Test func aNewConversationShowsAsNewAndUnread() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings())
    try await harness.startAndLoad()
    let campaign = try #require(harness.state.campaigns.first { $0.campaignStatus == .live && $0.channel != .email })
    let client = try sandbox.client()
    _ = try await client.createConversation(
      ConversationCreateRequest(
        campaignId: campaign.id, firstName: "Zanele", lastName: "Dlamini", phoneNumber: "+27821234567", externalId: "ats-991"))

    try await harness.wait("the new conversation") { $0.index.conversations.contains { $0.externalId == "ats-991" } }
    let state = harness.state
    let created = try #require(state.index.conversations.first { $0.externalId == "ats-991" })
    #expect(state.attention.marks[created.id] == .new)
    #expect(state.attention.unread.contains(created.id))
    // Opening it clears both marks.
    _ = harness.perform { $0.openThread(created.id) }
    #expect(harness.state.attention.marks[created.id] == nil)
    #expect(!harness.state.attention.unread.contains(created.id))
    await harness.stop()
    await sandbox.stop()
  }

  @Test func theFirstLoadOfAnEmptyCacheIsNotNews() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings())
    try await harness.startAndLoad()
    try await Task.sleep(for: .milliseconds(700))
    let state = harness.state
    #expect(state.index.count == 40)
    #expect(state.attention.unread.isEmpty)
    #expect(state.attention.marks.isEmpty)
    #expect(!harness.uiEffects.contains(.ringBell))
    await harness.stop()
    await sandbox.stop()
  }
}
