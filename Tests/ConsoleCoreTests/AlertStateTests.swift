import ConsoleCore
import Foundation
import Testing

/// How the state takes the polling service's news: marks, unread, the bell, freshness.
@Suite struct AlertStateTests {
  /// What the UI loop is asked to do after the update (the bell); the update asks nothing of the service.
  func updated(_ state: inout AppState, flag id: String, alerting: Bool = true) -> [UIEffect] {
    var conversations = Fixture.conversations
    let position = conversations.firstIndex { $0.id == id }!
    let previous = conversations[position]
    conversations[position].needsReview = true
    let index = ConversationIndex(conversations)
    let effects = state.apply(
      .conversationsUpdated(
        index: index, changes: [.changed(conversations[position], previous: previous), .flagged(conversations[position])],
        attention: Attention(marks: [id: .changed], unread: [id]), alerting: alerting))
    #expect(effects.isEmpty)
    return state.takeUIEffects()
  }

  @Test func aNewFlagRingsTheBellAndSaysWho() {
    var state = Fixture.state()
    let effects = updated(&state, flag: "v1")
    #expect(effects == [.ringBell])
    #expect(state.flash == "Needs review: Ana Test")
    #expect(state.attention.marks["v1"] == .changed)
    #expect(state.attention.unread == ["v1"])
    #expect(state.tabCount(.needsReview) == 3)
  }

  @Test func theBellCanBeTurnedOff() {
    var state = Fixture.state()
    state.alerts.bell = false
    #expect(updated(&state, flag: "v1").isEmpty)
    #expect(state.flash == "Needs review: Ana Test")
  }

  @Test func aFirstLoadIsNotNews() {
    var state = Fixture.state()
    #expect(updated(&state, flag: "v1", alerting: false).isEmpty)
    #expect(state.flash == nil)
  }

  @Test func theOpenThreadIsNeverMarkedUnread() {
    var state = Fixture.state()
    _ = state.openThread("v1")
    _ = updated(&state, flag: "v1")
    #expect(state.attention.unread.isEmpty)
    #expect(state.attention.marks["v1"] == nil)
  }

  @Test func theSelectionStaysOnItsConversationWhenTheListReorders() {
    var state = Fixture.state()
    _ = state.perform(.moveDown)
    let selected = state.selectedConversation?.id
    var conversations = Fixture.conversations
    conversations.append(Fixture.conversation("v9", "Newcomer", minutesAgo: 0))
    _ = state.apply(
      .conversationsUpdated(
        index: ConversationIndex(conversations), changes: [], attention: Attention(marks: ["v9": .new], unread: ["v9"]), alerting: true))
    #expect(state.selectedConversation?.id == selected)
  }

  @Test func healthReplacesFreshness() {
    var state = Fixture.state()
    #expect(state.health.updatedAt == Fixture.now)
    let retry = Fixture.now.addingTimeInterval(8)
    _ = state.apply(
      .health(SyncHealth(updatedAt: Fixture.now, problem: .init(isOffline: true, reason: "cannot connect", nextRetryAt: retry))))
    #expect(state.health.problem?.isOffline == true)
  }
}

@Suite struct TriageTests {
  @Test func nJumpsToTheLongestWaitingFlagFirst() {
    var state = Fixture.state()
    // v2 flagged 30 min ago by its last change, v4 90 min ago; the service saw v2 flagged earlier still.
    #expect(state.reviewQueue.map(\.id) == ["v4", "v2"])
    let index = ConversationIndex(Fixture.conversations)
    _ = state.apply(
      .conversationsUpdated(
        index: index, changes: [], attention: Attention(flaggedSince: ["v2": Fixture.now.addingTimeInterval(-3 * 3600)]),
        alerting: true))
    #expect(state.reviewQueue.map(\.id) == ["v2", "v4"])
    _ = state.perform(.nextReview)
    #expect(state.thread?.conversationId == "v2")
    #expect(state.attention.waitingSince(state.index.conversation(id: "v1")!) == nil, "only flagged conversations wait")
  }
}
