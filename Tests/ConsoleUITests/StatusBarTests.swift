import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// What the status bar promises: freshness first, a notice for a few seconds, and every notice kept for `:messages`.
@Suite struct StatusBarTests {
  static func flagged(_ state: inout AppState, _ id: String) {
    var conversations = Array(state.index.conversations)
    let position = conversations.firstIndex { $0.id == id }!
    let previous = conversations[position]
    conversations[position].needsReview = true
    _ = state.apply(
      .conversationsUpdated(
        index: ConversationIndex(conversations),
        changes: [.changed(conversations[position], previous: previous), .flagged(conversations[position])],
        attention: Attention(marks: [id: .changed], unread: [id]), alerting: true))
  }

  static let stale = SyncHealth(
    updatedAt: Date().addingTimeInterval(-40),
    problem: .init(isOffline: false, reason: "server error (500): boom", nextRetryAt: Date().addingTimeInterval(8)))

  static func statusLine(_ state: inout AppState, at now: Date = Date()) -> String {
    TextWidth.prepareLocale()
    let screen = MemoryScreen(rows: 24, columns: 120)
    state.resize(to: screen.size)
    Renderer().render(state, on: screen, now: now)
    return screen.lines.last ?? ""
  }

  @Test func staleWinsOverAFlagNoticeAlreadyOnTheBar() {
    var state = ConsoleFixture.state()
    Self.flagged(&state, "v2")
    #expect(Self.statusLine(&state).contains("Needs review: محمد العتيبي"))
    _ = state.apply(.health(Self.stale))
    let line = Self.statusLine(&state)
    #expect(line.contains("STALE · updated 4"), "\(line)")
    #expect(!line.contains("Needs review"))
  }

  @Test func aNoticeGoesByItselfAfterAFewSeconds() {
    var state = ConsoleFixture.state()
    state.flash = "Sent to Zoë Brontë"
    #expect(Self.statusLine(&state).contains("Sent to Zoë Brontë"))
    let later = Self.statusLine(&state, at: Date().addingTimeInterval(StatusNotice.lifetime + 1))
    #expect(!later.contains("Sent to Zoë Brontë"), "\(later)")
    #expect(later.contains("7 conversations"), "the bar says how things are again: \(later)")
  }

  @Test func aFlagWhileStaleStillRingsCountsAndIsKept() {
    var state = ConsoleFixture.state()
    _ = state.apply(.health(Self.stale))
    let before = state.index.count(filter: .needsReview, campaignId: nil)
    _ = state.takeUIEffects()
    Self.flagged(&state, "v2")
    #expect(state.takeUIEffects() == [.ringBell], "the bell rings though the bar shows STALE")
    #expect(state.index.count(filter: .needsReview, campaignId: nil) == before + 1, "what the title counts")
    #expect(Self.statusLine(&state).contains("STALE"))
    #expect(state.messageHistory.map(\.text).contains("Needs review: محمد العتيبي"))
  }

  @Test func messagesListsEveryNoticeOfTheSessionWithItsTime() {
    var state = ConsoleFixture.state()
    state.flash = "Refreshing…"
    state.flash = nil
    Self.flagged(&state, "v2")
    _ = state.perform(.messages)
    TextWidth.prepareLocale()
    let screen = MemoryScreen(rows: 24, columns: 120)
    state.resize(to: screen.size)
    Renderer().render(state, on: screen, now: Date())
    #expect(screen.text.contains("Messages · 2"), "\(screen.text)")
    let lines = screen.lines.filter { $0.contains("Refreshing…") || $0.contains("Needs review: محمد العتيبي") }
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.range(of: #"\d\d:\d\d:\d\d  "#, options: .regularExpression) != nil }, "\(lines)")
  }
}
