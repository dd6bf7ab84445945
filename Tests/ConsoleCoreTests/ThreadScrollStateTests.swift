import ConsoleCore
import Foundation
import Testing

/// Keys read in one go are all handled before the next frame, so the thread's scroll must stay
/// in range without the renderer's help: `g g g` typed fast once overflowed it (SIGILL).
@Suite struct ThreadScrollStateTests {
  @Test func topAndBottomRepeatedWithoutAFrameBetweenNeverOverflow() {
    var state = Fixture.state()
    _ = state.openThread("v1")
    #expect(state.focus == .thread)
    for _ in 0..<5 { _ = state.perform(.moveTop) }
    #expect(state.thread?.scrollBack == Int.max / 2, "as far back as a scroll goes, and no further")
    _ = state.perform(.pageUp)
    #expect(state.thread?.scrollBack == Int.max / 2)
    for _ in 0..<5 { _ = state.perform(.moveBottom) }
    #expect(state.thread?.scrollBack == 0)
    _ = state.perform(.pageDown)
    #expect(state.thread?.scrollBack == 0)
  }
}
