import ConsoleCore
import Foundation
import Testing

/// Found by the chaos soak: C-r on a reply left NOT SENT after the conversation was handed back
/// went straight to the server, which refused it again ("not taken over"). It now offers the
/// take-over first, as a reply does, and says plainly when the conversation has ended.
@Suite struct RetryAfterHandBackTests {
  private func failed(_ conversationId: String, in state: inout AppState) {
    var entry = OutboxEntry(id: "o1", conversationId: conversationId, content: .body("See you at nine"), createdAt: Fixture.now)
    entry.state = .failed
    entry.error = "rate limited (429)"
    _ = state.apply(.outgoing(entry))
  }

  @Test func onATakenOverConversationCtrlRSendsAgainAtOnce() {
    var state = Fixture.state()
    _ = state.openThread("v4")  // taken over
    failed("v4", in: &state)
    #expect(state.perform(.retrySend) == [.retrySend(outgoingId: "o1", content: nil)])
    #expect(state.modes.isEmpty)
  }

  @Test func afterAHandBackCtrlROffersTheTakeOverThenSendsAgain() {
    var state = Fixture.state()
    _ = state.openThread("v1")  // active, the agent speaking
    failed("v1", in: &state)
    #expect(state.perform(.retrySend).isEmpty, "nothing is sent before the take-over")
    guard let confirmation = state.mode(ConfirmMode.self) else {
      Issue.record("expected the take-over question, got \(String(describing: state.modes))")
      return
    }
    #expect(confirmation.message.hasPrefix("Sending it again needs the conversation taken over"))
    #expect(state.handle(.character("y")) == [.takeOver(conversationId: "v1")])

    var conversations = Array(state.index.conversations)
    let position = conversations.firstIndex { $0.id == "v1" }!
    conversations[position].isHumanTakeover = true
    let effects = state.apply(
      .conversationChanged(index: ConversationIndex(conversations), conversation: conversations[position], note: "Taken over"))
    #expect(effects.first == .retrySend(outgoingId: "o1", content: nil), "once it is ours, the message goes again: \(effects)")
    #expect(effects.contains(.loadMessages(conversationId: "v1")))
  }

  @Test func declinedTakeOverSendsNothing() {
    var state = Fixture.state()
    _ = state.openThread("v1")
    failed("v1", in: &state)
    _ = state.perform(.retrySend)
    #expect(state.handle(.character("n")).isEmpty)
    #expect(state.modes.isEmpty)
  }

  @Test func onAnEndedConversationCtrlRSaysSoAndPointsToEditOrDiscard() {
    var state = Fixture.state()
    _ = state.openThread("v3")  // COMPLETED_SCREENING_FAILED
    failed("v3", in: &state)
    #expect(state.perform(.retrySend).isEmpty)
    #expect(state.modes.isEmpty)
    #expect(state.flash?.contains("Cannot send again: the conversation is COMPLETED_SCREENING_FAILED") == true)
    #expect(state.flash?.contains("E puts the message back") == true)
  }
}
