import ConsoleCore
import Foundation
import Testing

/// A small world with known contents, for the state's behaviour without a server.
enum Fixture {
  static let now = Date(timeIntervalSince1970: 1_795_000_000)

  static let campaigns = [
    Campaign(
      id: "c1", organizationId: "org", type: .applicantOutreach, channel: .whatsapp, closingMethod: .custom, campaignStatus: .live,
      campaignTitle: "Engineer"),
    Campaign(
      id: "c2", organizationId: "org", type: .newCandidateOutreach, channel: .email, closingMethod: .meetingURL, campaignStatus: .live,
      campaignTitle: "Nurse"),
  ]

  static func conversation(
    _ id: String, _ first: String, campaign: String = "c1", status: ConversationStatus = .ongoing, review: Bool = false,
    takeover: Bool = false, minutesAgo: Double = 10, phone: String? = "+14155550100", externalId: String? = nil
  ) -> Conversation {
    Conversation(
      id: id, campaignId: campaign, externalId: externalId, participantFirstName: first, participantLastName: "Test",
      participantPhoneNumber: phone, conversationStatus: status, needsReview: review,
      needsReviewReason: review ? "Candidate asked about salary" : nil, isHumanTakeover: takeover,
      lastMessageAt: now.addingTimeInterval(-minutesAgo * 60), createdAt: now.addingTimeInterval(-86_400),
      updatedAt: now.addingTimeInterval(-minutesAgo * 60))
  }

  static let conversations = [
    conversation("v1", "Ana", minutesAgo: 1),
    conversation("v2", "美咲", review: true, minutesAgo: 30),
    conversation("v3", "Bob", campaign: "c2", status: .completedScreeningFailed, minutesAgo: 5, phone: nil),
    conversation("v4", "Zoë", review: true, takeover: true, minutesAgo: 90, externalId: "ats-77"),
    conversation("v5", "Dana", campaign: "c2", status: .optedOut, minutesAgo: 120),
  ]

  static func state() -> AppState {
    var state = AppState(connection: ConnectionInfo(organizationId: "org", baseURL: URL(string: "http://127.0.0.1:1/v1")!, isSandbox: true))
    _ = state.apply(.loaded(campaigns: campaigns, conversations: conversations, templates: [], at: now))
    return state
  }
}

@Suite struct AppStateTests {
  @Test func loadingListsEveryConversationLatestFirst() {
    let state = Fixture.state()
    #expect(!state.isLoading)
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v1", "v3", "v2", "v4", "v5"])
    #expect(state.tabCount(.all) == 5)
    #expect(state.tabCount(.needsReview) == 2)
    #expect(state.tabCount(.takenOver) == 1)
    #expect(state.tabCount(.completed) == 1)
    #expect(state.tabCount(.closed) == 1)
  }

  @Test func statusTabsAndCampaignScopeNarrowTheList() {
    var state = Fixture.state()
    _ = state.perform(.filterNeedsReview)
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v2", "v4"])
    _ = state.perform(.filterAll)
    state.focus = .campaigns
    _ = state.perform(.moveDown)
    _ = state.perform(.moveDown)
    #expect(state.selectedCampaign?.id == "c2")
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v3", "v5"])
    #expect(state.tabCount(.all) == 2, "tab counts follow the campaign")
  }

  @Test func movingStaysWithinTheList() {
    var state = Fixture.state()
    _ = state.perform(.moveUp)
    #expect(state.conversationSelection == 0)
    _ = state.perform(.moveBottom)
    #expect(state.conversationSelection == 4)
    _ = state.perform(.moveDown)
    #expect(state.conversationSelection == 4)
    _ = state.perform(.moveTop)
    #expect(state.selectedConversation?.id == "v1")
  }

  @Test func openingAThreadAsksForItsMessages() {
    var state = Fixture.state()
    _ = state.perform(.moveDown)
    let effects = state.perform(.open)
    #expect(effects == [.loadMessages(conversationId: "v3")])
    #expect(state.focus == .thread)
    _ = state.apply(
      .messagesLoaded(
        conversationId: "v3",
        messages: [Message(id: "m1", conversationId: "v3", body: "hi", sender: .agent, status: .delivered, createdAt: Fixture.now)]))
    #expect(state.thread?.messages.count == 1)
    #expect(state.thread?.isLoading == false)
    _ = state.perform(.back)
    #expect(state.focus == .conversations)
  }

  @Test func slashFiltersAsYouTypeAndEscClears() {
    var state = Fixture.state()
    _ = state.perform(.filter)
    for character in "zo" { _ = state.handle(.character(character)) }
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v4"], "case-insensitive, accents as typed")
    _ = state.handle(.backspace)
    _ = state.handle(.backspace)
    for character in "ats-7" { _ = state.handle(.character(character)) }
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v4"], "matches the external id")
    _ = state.handle(.escape)
    #expect(state.textFilter.isEmpty)
    #expect(state.visibleRows.count == 5)
    #expect(state.modes.isEmpty)
  }

  @Test func filterMatchesPhoneNumbersAndCJK() {
    var state = Fixture.state()
    _ = state.perform(.filter)
    _ = state.handle(.character("美"))
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v2"])
    _ = state.handle(.enter)
    #expect(state.modes.isEmpty && state.textFilter == "美", "Enter keeps the filter")
    _ = state.perform(.back)
    #expect(state.textFilter.isEmpty, "Esc in the list clears a kept filter")
  }

  @Test func commandPromptRunsAndCompletesCommandNames() {
    var state = Fixture.state()
    _ = state.handle(.character(":"))
    for character in "filter-ne" { _ = state.handle(.character(character)) }
    _ = state.handle(.tab)
    guard let prompt = state.mode(PromptMode.self) else { Issue.record("prompt closed"); return }
    #expect(prompt.text == "filter-needs-review")
    _ = state.handle(.enter)
    #expect(state.statusFilter == .needsReview)
    _ = state.handle(.character(":"))
    for character in "nonsense" { _ = state.handle(.character(character)) }
    _ = state.handle(.enter)
    #expect(state.flash?.contains("Unknown command") == true)
  }

  @Test func nextReviewWalksFlaggedConversationsOldestFirstAcrossCampaigns() {
    var state = Fixture.state()
    state.campaignSelection = 2
    state.refreshVisibleRows()
    #expect(state.perform(.nextReview) == [.loadMessages(conversationId: "v4")], "v4 was flagged longest ago")
    #expect(state.selectedCampaign == nil, "jumps across campaigns")
    #expect(state.perform(.nextReview) == [.loadMessages(conversationId: "v2")])
    #expect(state.perform(.nextReview) == [.loadMessages(conversationId: "v4")], "wraps around")
    #expect(state.perform(.previousReview) == [.loadMessages(conversationId: "v2")])
    #expect(state.selectedConversation?.id == "v2")
  }

  @Test func takeoverIsRefusedOnFinishedConversationsAndConfirmedWhenAlreadyTaken() {
    var state = Fixture.state()
    _ = state.perform(.moveDown)
    #expect(state.selectedConversation?.id == "v3")
    #expect(state.perform(.takeOver).isEmpty)
    #expect(state.flash?.contains("COMPLETED_SCREENING_FAILED") == true)
    _ = state.perform(.moveTop)
    #expect(state.perform(.takeOver) == [.takeOver(conversationId: "v1")])
    _ = state.perform(.moveDown)
    _ = state.perform(.moveDown)
    _ = state.perform(.moveDown)
    #expect(state.selectedConversation?.id == "v4")
    #expect(state.perform(.takeOver).isEmpty, "asks first")
    #expect(state.handle(.character("y")) == [.takeOver(conversationId: "v4")])
    #expect(state.perform(.handBack).isEmpty)
    #expect(state.handle(.character("n")).isEmpty)
    #expect(state.modes.isEmpty)
  }

  @Test func helpOpensAndClosesAndQuitQuits() {
    var state = Fixture.state()
    _ = state.handle(.character("?"))
    #expect(state.isOpen(HelpMode.self))
    _ = state.handle(.escape)
    #expect(state.modes.isEmpty)
    _ = state.handle(.character("q"))
    #expect(state.quitRequested)
  }

  @Test func aRefreshKeepsTheSelectedConversationSelected() {
    var state = Fixture.state()
    _ = state.perform(.moveDown)
    _ = state.perform(.moveDown)
    #expect(state.selectedConversation?.id == "v2")
    let fresh = [Fixture.conversation("v9", "New", minutesAgo: 0)] + Fixture.conversations
    _ = state.apply(.loaded(campaigns: Fixture.campaigns, conversations: fresh, templates: [], at: Fixture.now))
    #expect(state.selectedConversation?.id == "v2")
  }
}

@Suite struct ComposerFollowsItsThreadTests {
  /// `t T` on one conversation, then a reply begun on another: when the first take-over lands, its picker opens on its
  /// thread, and the other thread's composer closes (its draft kept) instead of taking keys unseen.
  @Test func aTakeOverLandingElsewhereClosesTheComposerAndKeepsItsDraft() {
    var state = Fixture.state()
    _ = state.apply(
      .catalogUpdated(
        campaigns: Fixture.campaigns,
        templates: [Template(id: "t1", name: "Call", channel: .whatsapp, type: .reply, campaignType: nil, body: "Hi")]))
    _ = state.openThread("v2")
    #expect(state.perform(.takeOver) == [.takeOver(conversationId: "v2")])
    _ = state.perform(.template)
    _ = state.openThread("v4")
    _ = state.perform(.reply)
    for character in "Hello" { _ = state.handle(.character(character)) }
    #expect(state.composer?.text == "Hello")
    var conversations = Fixture.conversations
    conversations[1].isHumanTakeover = true
    _ = state.apply(.conversationChanged(index: ConversationIndex(conversations), conversation: conversations[1], note: "Taken over"))
    #expect(state.thread?.conversationId == "v2")
    #expect(state.isOpen(TemplatePickerMode.self))
    #expect(!state.isOpen(ComposerMode.self), "no composer left under the picker for a thread no longer shown")
    #expect(state.drafts["v4"] == "Hello")
  }
}

@Suite struct CommandArgumentTests {
  private func run(_ line: String, on state: inout AppState) {
    _ = state.handle(.character(":"))
    for character in line { _ = state.handle(character == " " ? .space : .character(character)) }
    _ = state.handle(.enter)
  }

  @Test func statusAndFilterTakeTheirArgumentAtThePrompt() {
    var state = Fixture.state()
    run("status review", on: &state)
    #expect(state.statusFilter == .needsReview, "\(state.flash ?? "")")
    run("status 5", on: &state)
    #expect(state.statusFilter == .completed)
    run("status nonsense", on: &state)
    #expect(state.statusFilter == .completed)
    #expect(state.flash?.hasPrefix("No status \"nonsense\"; known: all, review") == true)
    run("filter", on: &state)
    #expect(state.isOpen(PromptMode.self), ":filter alone opens the / prompt")
    _ = state.handle(.escape)
    run("status all", on: &state)
    run("filter zo", on: &state)
    #expect(state.textFilter == "zo")
    #expect(state.visibleRows.map { state.index.conversations[$0].id } == ["v4"])
    run("quit now", on: &state)
    #expect(state.flash == ":quit takes no argument")
    #expect(!state.quitRequested)
  }
}
