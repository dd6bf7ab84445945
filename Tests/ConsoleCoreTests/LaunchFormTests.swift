import ConsoleCore
import Foundation
import Testing

/// `a`: one candidate into one campaign, checked by the contract's rules before it leaves.
@Suite struct LaunchFormTests {
  static func campaign(_ channel: Channel, status: CampaignStatus = .live) -> Campaign {
    Campaign(
      id: "c-\(channel.rawValue)", organizationId: "org", type: .applicantOutreach, channel: channel, closingMethod: .custom,
      campaignStatus: status, campaignTitle: "Driver")
  }

  func type(_ text: String, into key: String, _ form: inout FormState) {
    form.focus(key)
    #expect(form.focusKey == key)
    for character in text { _ = form.handle(character == " " ? .space : .character(character)) }
  }

  @Test func aPhoneIsShownAndSentInE164() {
    var form = FormState(purpose: .launch(Self.campaign(.whatsapp)), templates: [])
    type("Ana", into: "firstName", &form)
    type("+44 7400 900123", into: "phoneNumber", &form)
    #expect(form.fields.first { $0.key == "phoneNumber" }?.hint == "→ +447400900123")
    #expect(form.handle(.control("s")) == .submit)
    let request = LaunchForm.request(form.values, campaign: Self.campaign(.whatsapp), phones: form.phones)
    #expect(request.phoneNumber == "+447400900123")
    #expect(request.firstName == "Ana")
    #expect(request.campaignId == "c-WHATSAPP")
    #expect(request.shouldSendDuringBusinessHours == true)
    #expect(request.openingMessage == nil)
  }

  @Test func aPasteIntoAOneLineFieldIsKeptOnOneLineAndALongTextKeepsItsLines() {
    var form = FormState(purpose: .launch(Self.campaign(.whatsapp)), templates: [])
    form.focus("firstName")
    _ = form.handle(.paste("Ana\nMaria\t"))
    #expect(form.values["firstName"] == "Ana Maria ", "nothing pasted is lost, and no line break enters the field")
    _ = form.handle(.enter)
    #expect(form.focusKey != "firstName", "Enter moves on")
    form.focus("additionalContext")
    _ = form.handle(.paste("Prefers evenings.\nAsk about nights."))
    #expect(form.values["additionalContext"] == "Prefers evenings.\nAsk about nights.")
  }

  @Test func emailCampaignsAskForAnAddressInstead() {
    var form = FormState(purpose: .launch(Self.campaign(.email)), templates: [])
    #expect(!form.fields.contains { $0.key == "phoneNumber" })
    type("Ana", into: "firstName", &form)
    type("ana@", into: "emailAddress", &form)
    #expect(form.handle(.control("s")) == nil)
    #expect(form.shownErrors["emailAddress"]?.first?.contains("not a valid email address") == true)
  }

  @Test func openingMessagesFollowTheChannelsRules() {
    let whatsapp = FormState(purpose: .launch(Self.campaign(.whatsapp)), templates: [])
    #expect(whatsapp.fields.first { $0.key == "openingMessage" }?.kind == .readOnly, "WhatsApp opens with its template")
    var sms = FormState(purpose: .launch(Self.campaign(.sms)), templates: [])
    type("Ana", into: "firstName", &sms)
    type("+14155551234", into: "phoneNumber", &sms)
    type("Hi Ana", into: "openingMessage", &sms)
    #expect(sms.handle(.control("s")) == nil)
    #expect(sms.shownErrors["openingMessage"]?.first?.contains("STOP") == true)
    type(String(repeating: "x", count: 600) + " STOP", into: "openingMessage", &sms)
    _ = sms.handle(.control("s"))
    #expect(sms.shownErrors["openingMessage"]?.first?.contains("at most 600") == true)
  }

  @Test func onlyLiveCampaignsStartConversations() {
    var form = FormState(purpose: .launch(Self.campaign(.whatsapp, status: .draft)), templates: [])
    type("Ana", into: "firstName", &form)
    type("+14155551234", into: "phoneNumber", &form)
    #expect(form.handle(.control("s")) == nil)
    #expect(form.shownErrors[""]?.first?.contains("only LIVE campaigns") == true)
  }

  @Test func aOnTheAllCampaignsRowAsksForACampaignAndOnACampaignOpensItsForm() {
    var state = Fixture.state()
    state.focus = .campaigns
    _ = state.handle(.character("a"))
    #expect(state.modes.isEmpty)
    #expect(state.flash?.contains("Select a campaign") == true)
    state.campaignSelection = 2
    _ = state.handle(.character("a"))
    guard let form = state.mode(FormMode.self)?.form, case .launch(let campaign) = form.purpose else {
      Issue.record("a opens the launch form")
      return
    }
    #expect(campaign.id == "c2")
    #expect(form.fields.contains { $0.key == "emailAddress" }, "c2 is an email campaign")
  }
}
