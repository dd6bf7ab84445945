import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// Found by the injection fuzz: PgUp moved the thread by the pane's height less three, more
/// than the rows its messages get under the header, so every page skipped lines a recruiter
/// never saw.
@Suite struct ThreadPagingTests {
  @Test(arguments: [(40, 160), (24, 80), (50, 200)])
  func pagingUpShowsEveryLineOfTheThread(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    ConsoleFixture.openLongThread(&state, count: 120) { "Line \($0)" }
    let renderer = Renderer()
    let screen = MemoryScreen(rows: rows, columns: columns)
    TextWidth.prepareLocale()
    var seen = Set<String>()
    for _ in 0..<200 {
      state.resize(to: screen.size)
      renderer.render(state, on: screen, now: ConsoleFixture.now)
      for match in screen.text.matches(of: /Line ([0-9]+)/) { seen.insert(String(match.1)) }
      if seen.contains("0") { break }
      _ = state.perform(.pageUp)
    }
    let missing = (0..<120).map(String.init).filter { !seen.contains($0) }
    #expect(missing.isEmpty, "never on screen: \(missing)")
  }
}
