import ConsoleCore
import Foundation
import Testing

/// `T`: the template picker, its previews, and the take-over it needs first.
@Suite struct TemplateFlowTests {
  static let templates = [
    Template(
      id: "t-open", name: "Opening", channel: .whatsapp, type: .openingMessage, campaignType: .applicantOutreach,
      body: "Hi {{CANDIDATE_FIRST_NAME}}, {{AGENT_NAME}} here."),
    Template(
      id: "t-reply", name: "Will call", channel: .whatsapp, type: .reply, campaignType: nil,
      body: "Thanks {{CANDIDATE_FIRST_NAME}} {{CANDIDATE_LAST_NAME}}! We will call about {{JOB_TITLE}} — {{UNKNOWN}}."),
    Template(id: "t-mail", name: "Email only", channel: .email, type: .reply, campaignType: nil, body: "Dear {{CANDIDATE_FIRST_NAME}}"),
  ]

  func state() -> AppState {
    var state = Fixture.state()
    _ = state.apply(.catalogUpdated(campaigns: Fixture.campaigns, templates: Self.templates))
    return state
  }

  func takenOver(_ state: inout AppState, _ id: String) {
    var conversations = Array(state.index.conversations)
    let position = conversations.firstIndex { $0.id == id }!
    conversations[position].isHumanTakeover = true
    _ = state.apply(
      .conversationChanged(index: ConversationIndex(conversations), conversation: conversations[position], note: "Taken over"))
  }

  @Test func previewsFillPlaceholdersFromTheConversationAndOnlyTheChannelsTemplatesShow() {
    let conversation = Fixture.conversations[0]
    var campaign = Fixture.campaigns[0]
    campaign.agent = Agent(id: "a", agentName: "Camille", agentTone: nil)
    let picker = TemplatePicker(conversation: conversation, campaign: campaign, templates: Self.templates)
    #expect(picker.choices.map(\.template.id) == ["t-reply", "t-open"], "replies first; the email template is not for WhatsApp")
    #expect(picker.choices[0].preview == "Thanks Ana Test! We will call about Engineer — {{UNKNOWN}}.")
    #expect(picker.choices[1].preview == "Hi Ana, Camille here.")
  }

  @Test func onAConversationNotTakenOverTAsksToTakeOverThenOpensThePicker() {
    var state = state()
    _ = state.openThread("v1")
    #expect(state.perform(.template).isEmpty)
    guard let confirmation = state.mode(ConfirmMode.self) else {
      Issue.record("expected a confirmation, got \(String(describing: state.modes))")
      return
    }
    #expect(confirmation.effect == .takeOver(conversationId: "v1"))
    #expect(state.handle(.character("y")) == [.takeOver(conversationId: "v1")])
    takenOver(&state, "v1")
    guard let picker = state.mode(TemplatePickerMode.self)?.picker else {
      Issue.record("the picker should open once the take-over lands")
      return
    }
    #expect(picker.conversationId == "v1")
  }

  @Test func tThenTTypedAtOnceTakesOverOnceAndOpensThePicker() {
    var state = state()
    _ = state.openThread("v1")
    #expect(state.handle(.character("t")) == [.takeOver(conversationId: "v1")])
    #expect(state.handle(.character("T")).isEmpty, "no second take-over")
    #expect(state.modes.isEmpty)
    takenOver(&state, "v1")
    #expect(state.handle(.character("j")).isEmpty)
    let effects = state.handle(.enter)
    #expect(effects == [.send(conversationId: "v1", content: .template(id: "t-open", preview: "Hi Ana, {{AGENT_NAME}} here."))])
    #expect(state.modes.isEmpty)
  }

  @Test func writingIsRefusedOnAFinishedConversation() {
    var state = state()
    _ = state.openThread("v3")
    #expect(state.perform(.template).isEmpty)
    #expect(state.modes.isEmpty)
    #expect(state.flash?.contains("COMPLETED_SCREENING_FAILED") == true)
    #expect(state.perform(.takeOver).isEmpty)
    #expect(state.flash?.hasPrefix("Cannot take over: the conversation is COMPLETED_SCREENING_FAILED") == true)
  }

  @Test func takingOverWhatSomeoneElseHoldsAsksFirst() {
    var state = state()
    _ = state.openThread("v4")  // already taken over, by someone
    #expect(state.perform(.takeOver).isEmpty, "nothing happens before the answer")
    guard let confirmation = state.mode(ConfirmMode.self) else {
      Issue.record("expected the already-taken-over warning")
      return
    }
    #expect(confirmation.title == "Already taken over")
    #expect(confirmation.message.contains("Someone may already be speaking to Zoë Test"))
    #expect(state.handle(.character("n")).isEmpty)
    #expect(state.modes.isEmpty)
  }

  @Test func escClosesThePickerWithoutSending() {
    var state = state()
    _ = state.openThread("v4")  // already taken over
    _ = state.perform(.template)
    #expect(state.handle(.escape).isEmpty)
    #expect(state.modes.isEmpty)
  }

  @Test func aFailedSendShowsTheServersErrorInTheThread() {
    var state = state()
    _ = state.openThread("v4")
    let pending = OutboxEntry(id: "o1", conversationId: "v4", content: .body("Hello"), createdAt: Fixture.now)
    _ = state.apply(.outgoing(pending))
    var failed = pending
    failed.state = .failed
    failed.error = "conflict: conversation is not taken over"
    _ = state.apply(.outgoing(failed))
    #expect(state.thread?.outgoing == [failed])
    #expect(state.perform(.retrySend) == [.retrySend(outgoingId: "o1", content: nil)])
    #expect(state.perform(.discardFailed) == [.discardSend(outgoingId: "o1")])
    _ = state.apply(.outgoingDiscarded(id: "o1", conversationId: "v4"))
    #expect(state.thread?.outgoing.isEmpty == true)
    _ = state.apply(.outgoing(failed))
    #expect(state.flash == "Not sent: conflict: conversation is not taken over")
  }
}
