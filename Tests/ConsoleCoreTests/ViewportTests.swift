import ConsoleCore
import Foundation
import Testing

/// Pages and stacking are known from the screen size before any frame is drawn: the keys of the first burst act on
/// the screen the recruiter sees.
@Suite struct ViewportTests {
  @Test func narrowScreensStackThePanesAndWideOnesShowThemSideBySide() {
    var state = Fixture.state()
    state.resize(to: Size(rows: 24, columns: 80))
    #expect(state.isStacked)
    #expect(state.viewport.shownPanes(focus: .conversations, threadOpen: false) == [.conversations])
    #expect(state.viewport.shownPanes(focus: .thread, threadOpen: false) == [.conversations])
    state.resize(to: Size(rows: 40, columns: 160))
    #expect(!state.isStacked)
    #expect(state.viewport.shownPanes(focus: .thread, threadOpen: true) == PaneID.allCases)
  }

  @Test func aPageIsTheListsRowsWithoutADrawnFrame() {
    var state = Fixture.state()
    state.resize(to: Size(rows: 40, columns: 160))
    #expect(state.pageSize == 35, "40 rows less the title bar, the status bar, the pane's title and header and a row of context")
    state.resize(to: Size(rows: 12, columns: 80))
    #expect(state.pageSize == 7)
  }

  @Test func theComposerTakesItsRowsFromTheThreadsPage() {
    var state = Fixture.state()
    state.resize(to: Size(rows: 40, columns: 160))
    _ = state.openThread("v1")
    let without = state.pageSize
    #expect(without == state.threadPage?.messageRows)
    state.open(ComposerMode(conversationId: "v1", text: "one\ntwo\nthree"))
    #expect(state.composerRows == 4, "a title line and three lines of draft")
    #expect(state.pageSize == without - 4)
  }
}
