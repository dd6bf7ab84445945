import PoppAPI
import Testing

@Suite struct CampaignValidationTests {
  let opening = Template(id: "t-wa", name: "o", channel: .whatsapp, type: .openingMessage, campaignType: .applicantOutreach, body: "Hi")
  let smsReply = Template(id: "t-sms", name: "r", channel: .sms, type: .reply, campaignType: .applicantOutreach, body: "Hi STOP")

  func lookup(_ id: String) -> CampaignValidation.TemplateCheck {
    [opening, smsReply].first { $0.id == id }.map { .found($0) } ?? .missing
  }

  func valid(_ type: CampaignType = .applicantOutreach) -> CampaignCreateRequest {
    CampaignCreateRequest(
      campaignType: type, channel: .whatsapp, closingMethod: .custom, campaignTitle: "Engineer",
      campaignDescription: "Build things.", company: "Popp", location: "London", customMessage: "Thanks!",
      openingMessageTemplateId: "t-wa", questions: [.text("Five years of TypeScript?"), .document(["CV"])])
  }

  func fields(_ request: CampaignCreateRequest) -> [String] {
    CampaignValidation.errors(in: request, template: { self.lookup($0) }).map(\.path)
  }

  @Test func aCompleteApplicantCampaignIsValid() {
    #expect(fields(valid()) == [])
  }

  @Test(arguments: [CampaignType.applicantOutreach, .newCandidateOutreach])
  func outreachNeedsCompanyLocationAndTemplate(_ type: CampaignType) {
    var request = valid(type)
    request.company = nil
    request.location = "  "
    request.openingMessageTemplateId = nil
    #expect(fields(request) == ["company", "location", "openingMessageTemplateId"])
  }

  @Test func engagementNeedsNeitherCompanyNorTemplate() {
    var request = valid(.engagementOutreach)
    request.company = nil
    request.location = nil
    request.openingMessageTemplateId = nil
    #expect(fields(request) == [])
  }

  @Test func customTemplatedMessageReplacesTheTemplate() {
    var request = valid()
    request.openingMessageTemplateId = nil
    request.customTemplatedMessage = "Hi {{CANDIDATE_FIRST_NAME}}"
    #expect(fields(request) == [])
  }

  @Test(arguments: [
    (ClosingMethod.custom, "customMessage"), (.meetingURL, "meetingUrl"), (.phoneNumber, "contactNumber"),
    (.calendarMeetingIntegration, "calendarMeetingTemplateId"),
  ])
  func closingMethodsNeedTheirCompanion(_ method: ClosingMethod, _ companion: String) {
    var request = valid()
    request.closingMethod = method
    request.customMessage = nil
    #expect(fields(request) == [companion])
  }

  @Test func companionsAreChecked() {
    var request = valid()
    request.closingMethod = .meetingURL
    request.meetingUrl = "calendly.com/x"
    #expect(fields(request) == ["meetingUrl"])
    request.closingMethod = .phoneNumber
    request.contactNumber = "020 7946 0000"
    #expect(fields(request) == ["contactNumber"])
  }

  @Test func theOpeningTemplateMustMatchChannelTypeAndCampaignType() {
    var request = valid()
    request.openingMessageTemplateId = "t-sms"
    let errors = CampaignValidation.errors(in: request, template: { self.lookup($0) })
    #expect(errors.map(\.path) == ["openingMessageTemplateId"])
    #expect(errors[0].message.contains("SMS/REPLY/APPLICANT_OUTREACH"))
    request.openingMessageTemplateId = "no-such"
    #expect(fields(request) == ["openingMessageTemplateId"])
  }

  @Test func questionsAreRequiredAndCheckedOneByOne() {
    var request = valid()
    request.questions = nil
    #expect(fields(request) == ["questions"])
    request.questions = [
      Question(questionType: .text, isMandatory: true, content: " "),
      Question(questionType: .document, isMandatory: nil, documentTypes: []),
      Question(questionType: .unknown("VIDEO"), isMandatory: true),
    ]
    #expect(
      fields(request) == ["questions[0].content", "questions[1].isMandatory", "questions[1].documentTypes", "questions[2].questionType"])
    request.campaignType = .scheduling
    request.questions = nil
    #expect(!fields(request).contains("questions"), "SCHEDULING campaigns need no questions")
  }

  @Test func unknownEnumValuesAreNamed() {
    var request = valid()
    request.channel = .unknown("FAX")
    let errors = CampaignValidation.errors(in: request)
    #expect(errors.first?.description == "channel must be one of WHATSAPP, SMS or EMAIL, not \"FAX\"")
  }

  @Test func serverErrorsNameTheirField() {
    #expect(FieldError.fieldNamed(in: "meetingUrl must be an http(s) URL", among: CampaignField.self) == .meetingUrl)
    #expect(FieldError.fieldNamed(in: "questions[2].content is required", among: CampaignField.self) == .questions)
    #expect(FieldError.fieldNamed(in: "something odd", among: CampaignField.self) == nil)
  }
}

@Suite struct ConversationValidationTests {
  @Test(arguments: ["+14155551234", "+447700900123", "+8613812345678"])
  func acceptsE164(_ phone: String) { #expect(ContactRules.isE164(phone)) }

  @Test(arguments: ["14155551234", "+1 415 555 1234", "+0123456789", "+1234", "+1234567890123456", "+44(0)7700900123", ""])
  func rejectsNonE164(_ phone: String) { #expect(!ContactRules.isE164(phone)) }

  @Test func phoneChannelsNeedAPhoneAndEmailNeedsAnAddress() {
    let paths = { (request: ConversationCreateRequest, channel: Channel) in
      ConversationValidation.errors(in: request, channel: channel).map(\.path)
    }
    #expect(paths(ConversationCreateRequest(firstName: "Jo", phoneNumber: "+14155551234"), .sms) == [])
    #expect(paths(ConversationCreateRequest(firstName: "Jo", emailAddress: "jo@example.com"), .whatsapp) == ["phoneNumber"])
    #expect(paths(ConversationCreateRequest(firstName: "Jo", phoneNumber: "+14155551234"), .email) == ["emailAddress"])
    #expect(paths(ConversationCreateRequest(firstName: "Jo", emailAddress: "jo@@example"), .email) == ["emailAddress"])
    #expect(paths(ConversationCreateRequest(firstName: " ", emailAddress: "jo@example.com"), .email) == ["firstName"])
  }

  @Test func openingMessageRules() {
    #expect(ConversationValidation.openingMessageErrors("Hi", channel: .whatsapp).count == 1)
    #expect(ConversationValidation.openingMessageErrors("Hi there", channel: .sms).first?.message.contains("STOP") == true)
    #expect(ConversationValidation.openingMessageErrors("Hi. Reply STOP to opt out", channel: .sms).isEmpty)
    #expect(ConversationValidation.openingMessageErrors(String(repeating: "é", count: 600), channel: .email).isEmpty)
    #expect(ConversationValidation.openingMessageErrors(String(repeating: "é", count: 601), channel: .email).count == 1)
  }

  @Test func sendNeedsExactlyOneOfBodyAndTemplate() {
    #expect(ConversationValidation.errors(in: SendMessageRequest()).count == 1)
    #expect(ConversationValidation.errors(in: SendMessageRequest(messageBody: "a", templateId: "t")).count == 1)
    #expect(ConversationValidation.errors(in: SendMessageRequest(messageBody: "   ")).count == 1)
    #expect(ConversationValidation.errors(in: .text("Hello")).isEmpty)
  }
}

@Suite struct TemplateRenderingTests {
  @Test func fillsKnownPlaceholdersAndKeepsTheRest() {
    let values = TemplateRendering.Values(candidateFirstName: "美咲", agentName: "Alex", company: "Popp")
    let text = TemplateRendering.render(
      "Hi {{CANDIDATE_FIRST_NAME}}, {{ AGENT_NAME }} from {{COMPANY}} — {{SALARY}} {{JOB_TITLE}} {{", with: values)
    #expect(text == "Hi 美咲, Alex from Popp — {{SALARY}} {{JOB_TITLE}} {{")
  }
}
