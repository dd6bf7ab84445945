import ConsoleCore
import Foundation
import Testing

/// The campaign form (`c`, `e`): rows that follow the choices, the contract's rules shown
/// beside their fields before anything is sent, and requests that carry what was typed.
@Suite struct CampaignFormTests {
  static let templates = [
    Template(id: "wa-app", name: "WA applicants", channel: .whatsapp, type: .openingMessage, campaignType: .applicantOutreach, body: "Hi"),
    Template(
      id: "sms-app", name: "SMS applicants", channel: .sms, type: .openingMessage, campaignType: .applicantOutreach, body: "Hi STOP"),
    Template(id: "wa-reply", name: "WA reply", channel: .whatsapp, type: .reply, campaignType: nil, body: "Thanks"),
  ]

  func form(_ purpose: FormState.Purpose = .newCampaign) -> FormState {
    FormState(purpose: purpose, templates: Self.templates)
  }

  /// Types `text` into the field `key` as a recruiter would: focus it, then keys.
  func type(_ text: String, into key: String, _ form: inout FormState) {
    form.focus(key)
    #expect(form.focusKey == key, "\(key) should be focusable")
    for character in text { _ = form.handle(character == " " ? .space : .character(character)) }
  }

  func choose(_ value: String, for key: String, _ form: inout FormState) {
    form.focus(key)
    for _ in 0..<12 where form.values[key] != value { _ = form.handle(.right) }
    #expect(form.values[key] == value)
  }

  func fill(_ form: inout FormState) {
    type("Bus driver", into: "campaignTitle", &form)
    type("Drive buses in Leeds.", into: "campaignDescription", &form)
    type("Metro", into: "company", &form)
    type("Leeds, UK", into: "location", &form)
    type("+441135550100", into: "contactNumber", &form)
    type("Do you hold a PCV licence?", into: "questions[0].content", &form)
  }

  @Test func theClosingMethodsCompanionIsTheOnlyOneShownAndItIsRequired() {
    let companions: [(ClosingMethod, String)] = [
      (.custom, "customMessage"), (.meetingURL, "meetingUrl"), (.phoneNumber, "contactNumber"),
      (.calendarMeetingIntegration, "calendarMeetingTemplateId"),
    ]
    for (method, companion) in companions {
      var form = form()
      fill(&form)
      choose(method.rawValue, for: "closingMethod", &form)
      let keys = Set(form.fields.map(\.key))
      #expect(keys.contains(companion))
      for (_, other) in companions where other != companion { #expect(!keys.contains(other), "\(other) is not for \(method)") }
      if method != .phoneNumber {
        #expect(form.handle(.control("s")) == nil, "an empty \(companion) blocks the submit")
        #expect(form.shownErrors[companion]?.first?.contains("is required when closingMethod is \(method.rawValue)") == true)
        #expect(form.focusKey == companion, "the first problem gets the focus")
      }
    }
  }

  @Test func companyAndLocationAreRequiredForOutreachToCandidatesOnly() {
    for type in CampaignType.knownCases {
      var form = form()
      choose(type.rawValue, for: "campaignType", &form)
      let company = form.fields.first { $0.key == "company" }
      let required = type == .applicantOutreach || type == .newCandidateOutreach
      #expect(company?.isRequired == required, "\(type)")
      _ = form.handle(.control("s"))
      #expect((form.shownErrors["company"] != nil) == required, "\(type)")
    }
  }

  @Test func schedulingCampaignsHaveNoQuestionsAndOthersNeedOne() {
    var form = form()
    choose(CampaignType.scheduling.rawValue, for: "campaignType", &form)
    form.values.questions = []
    #expect(!form.fields.contains { $0.key == "questions" })
    #expect(!form.errors.contains { $0.field == "questions" })
    choose(CampaignType.applicantOutreach.rawValue, for: "campaignType", &form)
    #expect(form.errors.contains { $0.path == "questions" && $0.message.contains("at least one") })
  }

  @Test func theOpeningTemplateIsChosenAmongTheChannelsOpenersOrACustomMessage() {
    var form = form()
    #expect(form.values["openingMessageTemplateId"] == "wa-app", "the first WhatsApp opener is chosen by default")
    guard case .choice(let choices)? = form.fields.first(where: { $0.key == "openingMessageTemplateId" })?.kind else {
      Issue.record("the opening template is a choice")
      return
    }
    #expect(choices.map(\.value) == ["wa-app", ""], "reply templates and other channels are not offered")
    choose("SMS", for: "channel", &form)
    #expect(form.values["openingMessageTemplateId"] == "sms-app", "a change of channel moves to that channel's opener")
    choose("", for: "openingMessageTemplateId", &form)
    type("Hello from Metro", into: "customTemplatedMessage", &form)
    fill(&form)
    _ = form.handle(.control("s"))
    #expect(form.shownErrors["customTemplatedMessage"]?.first?.contains("STOP") == true)
    type(" Reply STOP to opt out", into: "customTemplatedMessage", &form)
    #expect(form.handle(.control("s")) == .submit)
    let request = CampaignForm.createRequest(form.values)
    #expect(request.openingMessageTemplateId == nil)
    #expect(request.customTemplatedMessage == "Hello from Metro Reply STOP to opt out")
  }

  @Test func aCompleteFormSubmitsOnceWithWhatWasTyped() {
    var form = form()
    fill(&form)
    choose("DOCUMENT", for: "questions[0].questionType", &form)
    type("CV, Licence", into: "questions[0].documentTypes", &form)
    form.focus("button.addQuestion")
    _ = form.handle(.enter)
    #expect(form.focusKey == "questions[1].content", "a new question is ready to be typed")
    for character in "Can you start in May?" { _ = form.handle(character == " " ? .space : .character(character)) }
    #expect(form.handle(.control("s")) == .submit)
    #expect(form.handle(.control("s")) == nil, "no second submit while the first is on its way")
    let request = CampaignForm.createRequest(form.values)
    #expect(request.campaignType == .applicantOutreach)
    #expect(request.channel == .whatsapp)
    #expect(request.closingMethod == .phoneNumber)
    #expect(request.contactNumber == "+441135550100")
    #expect(request.customMessage == nil && request.meetingUrl == nil, "companions of other methods are not sent")
    #expect(request.openingMessageTemplateId == "wa-app")
    #expect(request.campaignStatus == .live)
    #expect(
      request.questions == [
        Question(questionType: .document, isMandatory: true, documentTypes: ["CV", "Licence"]),
        Question(questionType: .text, isMandatory: true, content: "Can you start in May?"),
      ])
    #expect(CampaignValidation.errors(in: request).isEmpty)
  }

  @Test func questionsAreRemovedAndReordered() {
    var form = form()
    type("First", into: "questions[0].content", &form)
    form.focus("button.addQuestion")
    _ = form.handle(.enter)
    for character in "Second" { _ = form.handle(.character(character)) }
    form.focus("questions[1].questionType")
    _ = form.handle(.character("<"))
    #expect(form.values.questions.map(\.content) == ["Second", "First"])
    #expect(form.focusKey == "questions[0].questionType", "focus follows the moved question")
    _ = form.handle(.character("x"))
    #expect(form.values.questions.map(\.content) == ["First"])
  }

  @Test func aServerRefusalShowsBesideItsFieldAndKeepsEverything() {
    var form = form()
    fill(&form)
    #expect(form.handle(.control("s")) == .submit)
    let typed = form.values
    form.submitFailed(FieldError("questions[0].content", "is too long for the agent"))
    #expect(!form.isSubmitting)
    #expect(form.values == typed)
    #expect(form.shownErrors["questions[0].content"] == ["server: questions[0].content is too long for the agent"])
    #expect(form.focusKey == "questions[0].content")
    type("!", into: "questions[0].content", &form)
    #expect(form.shownErrors["questions[0].content"] == nil, "editing the field clears the server's complaint")
  }

  @Test func editingSendsOnlyWhatChangedAndAsksBeforeAStatusChange() {
    var campaign = Campaign(
      id: "c9", organizationId: "org", type: .applicantOutreach, channel: .whatsapp, closingMethod: .phoneNumber, campaignStatus: .draft,
      campaignTitle: "Bus driver", campaignDescription: "Drive.", company: "Metro", location: "Leeds", templateId: "wa-app",
      contactNumber: "+441135550100", questions: [.text("Licence?")])
    campaign.agent = Agent(id: "a", agentName: "Alex", agentTone: .friendly)
    var form = form(.editCampaign(campaign))
    #expect(form.fields.first { $0.key == "campaignType" }?.kind == .readOnly)
    #expect(form.fields.first { $0.key == "questions[0]" }?.kind == .readOnly, "questions cannot change")
    type(" (nights)", into: "campaignTitle", &form)
    choose("LIVE", for: "campaignStatus", &form)
    #expect(form.handle(.control("s")) == nil)
    #expect(form.confirmation?.contains("DRAFT → LIVE") == true)
    _ = form.handle(.character("n"))
    #expect(form.confirmation == nil && !form.isSubmitting)
    _ = form.handle(.control("s"))
    #expect(form.handle(.character("y")) == .submit)
    let update = CampaignForm.updateRequest(form.values, original: campaign)
    #expect(update == CampaignUpdateRequest(campaignTitle: "Bus driver (nights)", campaignStatus: .live))
  }

  @Test func aClosedFormIsKeptAsADraftAndComesBack() {
    var state = Fixture.state()
    _ = state.apply(.catalogUpdated(campaigns: Fixture.campaigns, templates: Self.templates))
    _ = state.handle(.character("c"))
    for key: Key in [.tab, .tab, .character("B"), .character("u"), .character("s")] { _ = state.handle(key) }
    _ = state.handle(.escape)
    #expect(state.modes.isEmpty)
    #expect(state.flash?.contains("Draft kept") == true)
    _ = state.handle(.character("c"))
    guard let form = state.mode(FormMode.self)?.form else {
      Issue.record("c reopens the form")
      return
    }
    #expect(form.values["campaignTitle"] == "Bus")
  }

  @Test func aFormIsSavedAsTypedAndComesBackAfterARestart() {
    var state = Fixture.state()
    _ = state.apply(.catalogUpdated(campaigns: Fixture.campaigns, templates: Self.templates))
    _ = state.handle(.character("c"))
    var saved: [String: String] = [:]
    for key: Key in [.tab, .tab, .character("B"), .character("u"), .character("s")] {
      _ = state.handle(key)
      for case .saveDraft(let id, let text) in state.takeUIEffects() { saved[id] = text }
    }
    #expect(saved.keys.sorted() == ["form:campaign.new"], "every change is saved, under the form's key")
    // What the draft saver wrote comes back at the next start, before the form is opened.
    var restarted = Fixture.state()
    _ = restarted.apply(.catalogUpdated(campaigns: Fixture.campaigns, templates: Self.templates))
    restarted.drafts = saved.merging(["v1": "a reply"]) { $1 }
    restarted.restoreFormDrafts()
    #expect(restarted.drafts == ["v1": "a reply"], "reply drafts stay where they were")
    _ = restarted.handle(.character("c"))
    guard let form = restarted.mode(FormMode.self)?.form else {
      Issue.record("c opens the form")
      return
    }
    #expect(form.values["campaignTitle"] == "Bus")
    #expect(restarted.flash == "Draft restored.")
  }

  @Test func aCreatedCampaignIsSelectedAndALostAnswerIsNeverResentBySubmitting() {
    var state = Fixture.state()
    _ = state.apply(.catalogUpdated(campaigns: Fixture.campaigns, templates: Self.templates))
    var form = form()
    fill(&form)
    state.close(FormMode.self); state.open(FormMode(form))
    let effects = state.handle(.control("s"))
    guard case .createCampaign(let request)? = effects.first else {
      Issue.record("C-s sends the create: \(effects)")
      return
    }
    #expect(request.campaignTitle == "Bus driver")
    _ = state.apply(.formFailed(FieldError("", "connection lost"), outcomeUnknown: true))
    guard let failed = state.mode(FormMode.self)?.form else {
      Issue.record("the form stays open")
      return
    }
    #expect(failed.shownErrors[""]?.first?.contains("may have acted") == true)
    form = failed
    #expect(form.values["campaignTitle"] == "Bus driver")
    let created = Campaign(
      id: "c-new", organizationId: "org", type: .applicantOutreach, channel: .whatsapp, closingMethod: .phoneNumber,
      campaignStatus: .live, campaignTitle: "Bus driver")
    state.close(FormMode.self)
    state.open(
      FormMode(
        {
          var again = form
          _ = again.prepareSubmit()
          return again
        }()))
    _ = state.apply(.formSucceeded(note: "Campaign created", campaign: created))
    #expect(state.modes.isEmpty)
    #expect(state.selectedCampaign?.id == "c-new")
  }
}
