import ConsoleCore
import Foundation
import Testing

/// Keys read in one go are all handled before the next frame, so the thread's scroll must stay in range without
/// the renderer's help: `g g g` typed fast once overflowed it (SIGILL). The state itself stops the scroll at the
/// thread's first line, for the viewport's page.
@Suite struct ThreadScrollStateTests {
  static func threadOfFiftyMessages() -> AppState {
    var state = Fixture.state()
    state.resize(to: Size(rows: 24, columns: 80))
    _ = state.openThread("v1")
    let messages = (0..<50).map { number in
      Message(
        id: "m\(number)", conversationId: "v1", body: "Line \(number)", sender: number.isMultiple(of: 2) ? .agent : .candidate,
        status: .delivered, createdAt: Fixture.now.addingTimeInterval(Double(number)))
    }
    _ = state.apply(.messagesLoaded(conversationId: "v1", messages: messages))
    return state
  }

  @Test func topAndBottomRepeatedWithoutAFrameBetweenNeverOverflow() {
    var state = Self.threadOfFiftyMessages()
    #expect(state.focus == .thread)
    for _ in 0..<5 { _ = state.perform(.moveTop) }
    let top = state.thread?.scrollBack ?? 0
    #expect(top > 0, "g goes back through the thread")
    _ = state.perform(.pageUp)
    #expect(state.thread?.scrollBack == top, "nothing lies before the first line")
    _ = state.perform(.moveDown)
    #expect(state.thread?.scrollBack == top - 1, "the first key back down moves at once")
    for _ in 0..<5 { _ = state.perform(.moveBottom) }
    #expect(state.thread?.scrollBack == 0)
    _ = state.perform(.pageDown)
    #expect(state.thread?.scrollBack == 0)
  }

  /// Fifty messages of three lines each (who and when, the text, a blank) under the header: the furthest scroll
  /// shows the first message's line at the top of the page.
  @Test func theFurthestScrollPutsTheFirstLineAtTheTopOfThePage() {
    var state = Self.threadOfFiftyMessages()
    _ = state.perform(.moveTop)
    let rows = state.threadPage?.messageRows ?? 0
    #expect(rows > 0)
    #expect(state.thread?.scrollBack == 150 - rows)
  }

  @Test func aWiderScreenShortensTheScrollToWhatItStillHas() {
    var state = Self.threadOfFiftyMessages()
    _ = state.perform(.moveTop)
    state.resize(to: Size(rows: 60, columns: 80))
    #expect(state.thread?.scrollBack == 150 - (state.threadPage?.messageRows ?? 0))
    state.resize(to: Size(rows: 200, columns: 80))
    #expect(state.thread?.scrollBack == 0, "the whole thread fits: there is nothing to scroll back to")
  }
}
