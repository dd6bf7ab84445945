import ConsoleCore
import ConsoleUI
import Foundation
import SnapshotTesting
import Testing

/// A thread gets room to be read: from 100 columns the open thread takes most of the width, the list keeps names,
/// status and age, the campaigns fold away (a strip from 160); `z` gives the thread the whole width. 80×24 still
/// stacks.
@Suite(.snapshots(record: .missing)) struct ReadingRoomTests {
  @Test(arguments: [100, 120, 160]) func anOpenThreadGetsMostOfTheWidth(columns: Int) throws {
    var state = ConsoleFixture.state()
    ConsoleFixture.withThread(&state)
    let screen = ConsoleFixture.render(&state, rows: 40, columns: columns)
    let thread = try #require(state.viewport.panes[.thread])
    let list = try #require(state.viewport.panes[.conversations])
    #expect(!state.viewport.isStacked)
    #expect(thread.columns > list.columns, "the thread is wider than the list")
    if columns >= 120 { #expect(thread.columns >= 62, "messages wrap at 60 columns or more") }
    #expect(state.viewport.hiddenPanes.contains(.campaigns) == (columns < 160))
    #expect(screen.text.contains("美咲 佐藤"), "the list keeps names")
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x40")
  }

  @Test func zToggleGivesTheThreadTheWholeWidthAndEscGivesThePanesBack() {
    var state = ConsoleFixture.state()
    ConsoleFixture.withThread(&state)
    _ = state.perform(.zoomThread)
    var screen = ConsoleFixture.render(&state, rows: 40, columns: 120)
    #expect(state.viewport.shownPanes(focus: state.focus, threadOpen: true) == [.thread])
    #expect(state.viewport.panes[.thread]?.columns == 120)
    #expect(!screen.text.contains("Conversations ·"), "the list is out of the way")
    _ = state.perform(.back)
    screen = ConsoleFixture.render(&state, rows: 40, columns: 120)
    #expect(state.threadZoomed == false)
    #expect(screen.text.contains("Conversations"))
  }

  @Test func browsingTheCampaignsBringsThemBackAndEightyColumnsStillStack() {
    var state = ConsoleFixture.state()
    ConsoleFixture.withThread(&state)
    _ = ConsoleFixture.render(&state, rows: 40, columns: 120)
    #expect(state.viewport.hiddenPanes == [.campaigns])
    state.focus = .campaigns
    _ = ConsoleFixture.render(&state, rows: 40, columns: 120)
    #expect(state.viewport.hiddenPanes.isEmpty, "the campaigns unfold when they have the focus")
    _ = ConsoleFixture.render(&state, rows: 24, columns: 80)
    #expect(state.viewport.isStacked)
  }
}
