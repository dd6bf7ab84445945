import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// A long thread is wrapped from its end only as far as needed; scrolling back still reaches
/// its first message.
@Suite struct ThreadScrollTests {
  @Test func scrollingBackThroughALongThreadReachesItsStart() {
    var state = ConsoleFixture.state()
    let id = state.index.conversations[0].id
    _ = state.openThread(id)
    let messages = (0..<300).map { index in
      Message(
        id: "long-\(index)", conversationId: id, body: "Message number \(index)", sender: index % 2 == 0 ? .agent : .candidate,
        status: .delivered, createdAt: ConsoleFixture.now.addingTimeInterval(Double(index - 300) * 60))
    }
    _ = state.apply(.messagesLoaded(conversationId: id, messages: messages))
    var screen = ConsoleFixture.render(&state, rows: 40, columns: 160)
    #expect(screen.text.contains("Message number 299"))
    #expect(!screen.text.contains("Message number 250"))

    for _ in 0..<60 { _ = state.perform(.moveUp) }
    screen = ConsoleFixture.render(&state, rows: 40, columns: 160)
    let marker = screen.text.contains("↓ 60 more")
    #expect(marker, "the scroll marker")
    #expect(!screen.text.contains("Message number 299"))
    #expect(screen.text.contains("Message number 279"), "60 lines up is 20 messages of three lines")

    // Far past the start: the first message shows and the scroll stops there.
    for _ in 0..<2_000 { _ = state.perform(.moveUp) }
    screen = ConsoleFixture.render(&state, rows: 40, columns: 160)
    let lines = screen.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    let first = lines.contains { $0.hasSuffix("Message number 0") }
    #expect(first, "the first message shows")
    #expect(!screen.text.contains("Message number 299"))
  }
}
