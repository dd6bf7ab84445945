import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// A reply left NOT SENT says what can be done with it: send it again while the conversation
/// is open, copy or discard it once it has ended (C-r would be refused).
@Suite struct NotSentHintTests {
  private func screen(conversation id: String) -> String {
    var state = ConsoleFixture.state()
    _ = state.openThread(id)
    _ = state.apply(.messagesLoaded(conversationId: id, messages: []))
    var entry = OutboxEntry(id: "o1", conversationId: id, content: .body("See you at nine"), createdAt: ConsoleFixture.now)
    entry.state = .failed
    entry.error = "rate limited (429)"
    _ = state.apply(.outgoing(entry))
    return ConsoleFixture.render(&state, rows: 30, columns: 300).text
  }

  @Test func anOpenConversationOffersToSendAgain() {
    let text = screen(conversation: "v2")  // ONGOING
    #expect(text.contains("NOT SENT: rate limited (429) · C-r retries, E edits"))
  }

  @Test func anEndedConversationOffersToCopyOrDiscard() {
    let text = screen(conversation: "v5")  // COMPLETED_SCREENING_FAILED
    #expect(text.contains("NOT SENT: rate limited (429) · conversation ended: E copies, D discards"))
    #expect(!text.contains("C-r retries"))
  }
}
