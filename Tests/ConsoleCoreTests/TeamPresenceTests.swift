import ConsoleCore
import Foundation
import Testing

/// What a console attached to a hub does with the team's presence: who it names, what `n` passes by, what it asks.
@Suite struct TeamPresenceTests {
  /// This console is number 1, run by `me`; `ana` is console 2 and `me` has another session as console 3.
  static func team(ana: Presence = Presence(), otherSession: Presence = Presence(), anaHolds: [String] = []) -> TeamPresence {
    let ana = TeamMember(console: 2, user: "ana", presence: ana)
    return TeamPresence(
      members: [TeamMember(console: 1, user: "me"), ana, TeamMember(console: 3, user: "me", presence: otherSession)],
      holders: Dictionary(uniqueKeysWithValues: anaHolds.map { ($0, ana) }), me: 1)
  }

  static func attached() -> AppState {
    var state = Fixture.state()
    state.connection.hubPath = "/run/hub.sock"
    state.connection.hubUser = "me"
    return state
  }

  @Test func nPassesByFlagsAColleagueHasOpenAndSaysSoWhenNoneIsLeft() {
    var state = Self.attached()
    // The oldest flag is v4; ana has it open, so `n` opens the next one.
    _ = state.apply(.team(Self.team(ana: Presence(conversationId: "v4"))))
    #expect(state.perform(.nextReview) == [.loadMessages(conversationId: "v2")])
    #expect(state.thread?.conversationId == "v2")

    var crowded = Self.attached()
    _ = crowded.apply(.team(Self.team(ana: Presence(conversationId: "v4"), otherSession: Presence(conversationId: "v2"))))
    #expect(crowded.perform(.nextReview) == [])
    #expect(crowded.thread == nil)
    #expect(crowded.flash?.hasPrefix("Every other flagged conversation is open with a colleague (2)") == true, "\(crowded.flash ?? "")")
  }

  @Test func aColleagueWhoGotThereFirstSendsNOnButNotAThreadOpenedOnPurpose() {
    var state = Self.attached()
    #expect(state.perform(.nextReview) == [.loadMessages(conversationId: "v4")])
    _ = state.apply(.team(Self.team(ana: Presence(conversationId: "v4"))))
    let effects = state.apply(.openedElsewhere(conversationId: "v4", by: TeamMember(console: 2, user: "ana")))
    #expect(effects == [.loadMessages(conversationId: "v2")])
    #expect(state.flash?.hasPrefix("ana opened that one first; here is the next.") == true, "\(state.flash ?? "")")

    var onPurpose = Self.attached()
    _ = onPurpose.openThread("v4")
    _ = onPurpose.apply(.team(Self.team(ana: Presence(conversationId: "v4"))))
    #expect(onPurpose.apply(.openedElsewhere(conversationId: "v4", by: TeamMember(console: 2, user: "ana"))) == [])
    #expect(onPurpose.thread?.conversationId == "v4")
  }

  @Test func theThreadHeaderNamesWhoHoldsTypesAndViewsAndTheListMarksTheirRows() {
    let team = Self.team(
      ana: Presence(conversationId: "v4", isTyping: true), otherSession: Presence(conversationId: "v4"), anaHolds: ["v4"])
    #expect(team.headerLines(for: "v4", myUser: "me") == ["taken over by ana", "ana typing", "you (other session) viewing"])
    #expect(team.headerLines(for: "v1", myUser: "me") == [])
    #expect(team.marks == ["v4": .typing])
    #expect(Self.team(otherSession: Presence(conversationId: "v1")).marks == ["v1": .viewing])

    var state = Self.attached()
    _ = state.apply(.team(team))
    _ = state.openThread("v4")
    let header = state.threadPage?.header.map(\.text) ?? []
    #expect(header.contains("◆ taken over by ana"), "\(header)")
    #expect(header.contains { $0.hasPrefix("Speaking for the company: ana (taken over)") }, "\(header)")
    #expect(state.colleagueMarks["v4"] == .typing)
  }

  @Test func takingOverOrWritingWhereAColleagueIsAsksFirstNamingThem() {
    var state = Self.attached()
    _ = state.apply(.team(Self.team(ana: Presence(conversationId: "v1", isTyping: true))))
    _ = state.openThread("v1")
    #expect(state.perform(.takeOver) == [])
    let question = state.mode(ConfirmMode.self)
    #expect(question?.message == "ana is typing to Ana Test. Take over anyway?", "\(question?.message ?? "none")")
    #expect(question?.effect == .takeOver(conversationId: "v1"))

    // v4 is taken over, by ana through the hub: writing there asks to take it from her first.
    var held = Self.attached()
    _ = held.apply(.team(Self.team(anaHolds: ["v4"])))
    _ = held.openThread("v4")
    #expect(held.perform(.reply) == [])
    let take = held.mode(ConfirmMode.self)
    #expect(take?.title == "Taken over by ana")
    #expect(take?.then == .reply)
  }

  @Test func presenceIsTheOpenThreadAndWhetherItsReplyHoldsText() {
    var state = Self.attached()
    #expect(state.presence == Presence())
    _ = state.openThread("v4")
    #expect(state.presence == Presence(conversationId: "v4"))
    _ = state.perform(.reply)
    #expect(state.presence == Presence(conversationId: "v4"))
    _ = state.handle(.character("H"))
    #expect(state.presence == Presence(conversationId: "v4", isTyping: true))
  }
}
