import ConsoleCore
import Foundation
import Testing

/// Found by the chaos soak: a hand-back asked for while a reply was between the outbox's
/// attempts reached the server first, and the reply then failed as "not taken over".
@Suite struct HandBackWhileSendingTests {
  @Test func handBackWaitsForTheRepliesOnTheirWay() {
    var state = Fixture.state()
    _ = state.openThread("v4")  // taken over
    var entry = OutboxEntry(id: "o1", conversationId: "v4", content: .body("On my way"), createdAt: Fixture.now)
    entry.state = .sending
    _ = state.apply(.outgoing(entry))
    #expect(state.perform(.handBack).isEmpty)
    #expect(state.modes.isEmpty, "no question while the reply is on its way")
    #expect(state.flash?.contains("still being sent") == true)

    // Gone (or failed): the hand-back is asked as usual.
    entry.state = .failed
    entry.error = "server error (500)"
    _ = state.apply(.outgoing(entry))
    #expect(state.perform(.handBack).isEmpty, "asks first")
    guard let confirmation = state.mode(ConfirmMode.self) else {
      Issue.record("the hand-back question")
      return
    }
    #expect(confirmation.effect == .handBack(conversationId: "v4"))
  }
}
