import ConsoleCore
import Foundation
import Testing

/// The active-set poller keeps fresh what is around the selection; the set it is given changes a page at a time, so
/// that a key which only moves the selection does not wake the poller.
@Suite struct WatchedConversationsTests {
  static func state(conversations count: Int) -> AppState {
    var state = AppState(connection: ConnectionInfo(organizationId: "org", baseURL: URL(string: "http://127.0.0.1:1/v1")!, isSandbox: true))
    let conversations = (0..<count).map { Fixture.conversation("v\($0)", "Name\($0)", minutesAgo: Double($0)) }
    _ = state.apply(.loaded(campaigns: Fixture.campaigns, conversations: conversations, templates: [], at: Fixture.now))
    state.resize(to: Size(rows: 40, columns: 120))
    return state
  }

  @Test func theWatchedSetCoversTheSelectionAndAPageEitherSideAndMovesByPages() {
    var state = Self.state(conversations: 500)
    let page = state.viewport.listPageSize
    #expect(page > 1)
    var sets: [[String]] = []
    for _ in 0..<(3 * page) {
      let watched = state.watchedConversationIds
      let selected = state.selectedConversation!.id
      #expect(watched.contains(selected))
      let selection = state.conversationSelection
      for nearby in [selection - page, selection + page - 1] where nearby >= 0 && nearby < state.visibleRows.count {
        #expect(watched.contains(state.index.conversations[state.visibleRows[nearby]].id), "a page either side of \(selection)")
      }
      if sets.last != watched { sets.append(watched) }
      _ = state.perform(.moveDown)
    }
    #expect(sets.count == 3, "three pages moved through, three sets: \(sets.count)")
  }
}
