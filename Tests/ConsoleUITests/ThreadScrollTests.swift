import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// A long thread is wrapped from its end only as far as needed; scrolling back still reaches
/// its first message.
@Suite struct ThreadScrollTests {
  @Test func scrollingBackThroughALongThreadReachesItsStart() {
    var state = ConsoleFixture.state()
    ConsoleFixture.openLongThread(&state, count: 300) { "Message number \($0)" }
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

  /// Found by the chaos soak and the random-keys test: `g` twice in a thread overflowed the
  /// scroll and killed the console (SIGILL); and after `g`, `j` did nothing visible for as many
  /// presses as the scroll had gone past the start.
  @Test func topTwiceThenDownMovesOneLineFromTheStart() {
    var state = ConsoleFixture.state()
    ConsoleFixture.openLongThread(&state, count: 100) { "Message number \($0)" }
    _ = ConsoleFixture.render(&state, rows: 40, columns: 160)
    _ = state.perform(.moveTop)
    _ = ConsoleFixture.render(&state, rows: 40, columns: 160)
    _ = state.perform(.moveTop)
    var screen = ConsoleFixture.render(&state, rows: 40, columns: 160)
    let top = state.thread?.scrollBack ?? -1
    #expect(screen.text.contains("Message number 0"), "g shows the first message")
    #expect(top > 0 && top < 300, "the scroll is what the thread holds, not half of Int: \(top)")

    _ = state.perform(.moveDown)
    screen = ConsoleFixture.render(&state, rows: 40, columns: 160)
    #expect(state.thread?.scrollBack == top - 1, "j moves one line at once")
    _ = state.perform(.moveBottom)
    _ = state.perform(.moveBottom)
    screen = ConsoleFixture.render(&state, rows: 40, columns: 160)
    #expect(state.thread?.scrollBack == 0)
    #expect(screen.text.contains("Message number 99"))
  }
}
