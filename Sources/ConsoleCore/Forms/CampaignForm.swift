public import PoppAPI

/// The campaign form's rows and what they become: a create request for a new campaign, or
/// an update holding only what changed for an existing one. The rows follow the values:
/// the closing method's companion, the custom opening message and the questions appear
/// when the choices above them call for them.
public enum CampaignForm {
  /// A new campaign's starting values: the contract's defaults, one empty mandatory question.
  public static func newValues() -> FormValues {
    FormValues(
      fields: [
        "campaignType": CampaignType.applicantOutreach.rawValue, "channel": Channel.whatsapp.rawValue,
        "closingMethod": ClosingMethod.phoneNumber.rawValue, "campaignStatus": CampaignStatus.live.rawValue,
        "agentTone": AgentTone.friendly.rawValue,
      ],
      questions: [QuestionDraft()])
  }

  /// An existing campaign's values, for editing.
  public static func values(of campaign: Campaign) -> FormValues {
    let request = campaign.createRequest()
    var fields: [String: String] = [:]
    func set(_ field: CampaignField, _ value: String?) { fields[field.rawValue] = value ?? "" }
    set(.campaignType, request.campaignType?.rawValue)
    set(.channel, request.channel?.rawValue)
    set(.closingMethod, request.closingMethod?.rawValue)
    set(.campaignTitle, request.campaignTitle)
    set(.campaignDescription, request.campaignDescription)
    set(.company, request.company)
    set(.location, request.location)
    set(.customMessage, request.customMessage)
    set(.meetingUrl, request.meetingUrl)
    set(.contactNumber, request.contactNumber)
    set(.calendarMeetingTemplateId, request.calendarMeetingTemplateId)
    set(.openingMessageTemplateId, request.openingMessageTemplateId)
    set(.customTemplatedMessage, request.customTemplatedMessage)
    set(.agentName, request.agentName)
    set(.agentTone, request.agentTone?.rawValue)
    set(.campaignStatus, request.campaignStatus?.rawValue)
    set(.externalId, request.externalId)
    return FormValues(fields: fields, questions: (request.questions ?? []).map(QuestionDraft.init))
  }

  /// The rows for these values. `existing` is the campaign being edited (its type and
  /// questions cannot change).
  public static func fields(
    _ values: FormValues, templates: [Template], existing: Campaign?, phones: PhoneNumberNormalizer = .init()
  ) -> [FormField] {
    let type = CampaignType(rawValue: values["campaignType"])
    let channel = Channel(rawValue: values["channel"])
    let method = ClosingMethod(rawValue: values["closingMethod"])
    var rows: [FormField] = [FormField("section.campaign", "Campaign", .section)]
    if existing == nil {
      rows.append(FormField("campaignType", "Type", .choice(choices(CampaignType.knownCases)), required: true, hint: typeHint(type)))
    } else {
      rows.append(FormField("campaignType", "Type", .readOnly))
    }
    rows += [
      FormField("channel", "Channel", .choice(choices(Channel.knownCases)), required: true),
      FormField("campaignTitle", "Title", .text, required: true),
      FormField("campaignDescription", "Description", .longText, required: true),
      FormField("company", "Company", .text, required: type.requiresCompanyAndLocation),
      FormField("location", "Location", .text, required: type.requiresCompanyAndLocation),
      FormField("externalId", "External id", .text, hint: "your ATS's id for the job"),
      FormField(
        "campaignStatus", "Status",
        .choice(choices(existing == nil ? [CampaignStatus.live, .draft] : [CampaignStatus.draft, .live, .archived])),
        hint: statusHint(CampaignStatus(rawValue: values["campaignStatus"]))),
      FormField("section.closing", "Closing", .section),
      FormField("closingMethod", "Closing method", .choice(choices(ClosingMethod.knownCases)), required: true),
    ]
    switch method.companionField {
    case .customMessage?: rows.append(FormField("customMessage", "Custom request", .longText, required: true))
    case .meetingUrl?: rows.append(FormField("meetingUrl", "Meeting URL", .text, required: true, hint: "https://…"))
    case .contactNumber?:
      rows.append(
        FormField(
          "contactNumber", "Contact number", .text, required: true,
          hint: LaunchForm.phoneHint(values["contactNumber"], phones: phones) ?? "the number candidates are told to call"))
    case .calendarMeetingTemplateId?:
      rows.append(FormField("calendarMeetingTemplateId", "Calendar template id", .text, required: true))
    default: break
    }
    rows.append(FormField("section.opening", "Opening message", .section))
    let openers = templates.filter { $0.canOpen(channel: channel, campaignType: type) }
    var openingChoices = openers.map { FormChoice($0.id, $0.name ?? $0.id) }
    openingChoices.append(FormChoice("", type.requiresOpeningTemplate ? "custom message" : "custom message or none"))
    rows.append(
      FormField(
        "openingMessageTemplateId", "Opening template", .choice(openingChoices), required: type.requiresOpeningTemplate,
        hint: openers.isEmpty ? "no \(channel) opening template for \(type) campaigns" : nil))
    if values["openingMessageTemplateId"].isEmpty {
      rows.append(
        FormField(
          "customTemplatedMessage", "Custom opening", .longText, required: type.requiresOpeningTemplate,
          hint: channel == .sms ? "must contain STOP" : nil))
    }
    rows += [
      FormField("section.agent", "Agent", .section),
      FormField("agentName", "Agent name", .text),
      FormField("agentTone", "Agent tone", .choice([FormChoice("", "default")] + choices(AgentTone.knownCases))),
    ]
    guard type.requiresQuestions || !values.questions.isEmpty else { return rows + [submit(existing)] }
    rows.append(FormField("questions", existing == nil ? "Screening questions" : "Screening questions (cannot change)", .section))
    for (index, question) in values.questions.enumerated() {
      let path = "questions[\(index)]"
      if existing != nil {
        rows.append(FormField(path, "Question \(index + 1)", .readOnly))
        continue
      }
      rows.append(
        FormField(
          path + ".questionType", "Question \(index + 1)", .choice(choices(QuestionType.knownCases)),
          hint: "{remove-question} remove · {question-up} {question-down} move"))
      rows.append(FormField(path + ".isMandatory", "  Mandatory", .toggle, hint: "failing it screens the candidate out"))
      if question.questionType == QuestionType.document.rawValue {
        rows.append(FormField(path + ".documentTypes", "  Documents", .text, required: true, hint: "comma-separated, e.g. CV"))
      } else {
        rows.append(FormField(path + ".content", "  Question", .longText, required: true))
      }
    }
    if existing == nil { rows.append(FormField("button.addQuestion", "+ Add question", .button(.addQuestion))) }
    return rows + [submit(existing)]
  }

  private static func submit(_ existing: Campaign?) -> FormField {
    FormField("button.submit", existing == nil ? "Create campaign" : "Save changes", .button(.submit))
  }

  static func choices<Value: OpenEnum>(_ cases: [Value]) -> [FormChoice] {
    cases.map { FormChoice($0.rawValue) }
  }

  private static func typeHint(_ type: CampaignType) -> String? {
    switch type {
    case .applicantOutreach: "people who applied"
    case .newCandidateOutreach: "people who have not applied yet"
    case .engagementOutreach: "re-engage known candidates"
    case .scheduling: "book a meeting, no screening"
    case .unknown: nil
    }
  }

  private static func statusHint(_ status: CampaignStatus) -> String? {
    switch status {
    case .draft: "conversations cannot start yet"
    case .live: "conversations can start"
    case .archived: "closed to new conversations"
    case .unknown: nil
    }
  }

  /// The create request these values stand for; empty fields are left out.
  public static func createRequest(_ values: FormValues, phones: PhoneNumberNormalizer = .init()) -> CampaignCreateRequest {
    let values = normalizingPhone(values, phones: phones)
    let type = CampaignType(rawValue: values["campaignType"])
    let method = ClosingMethod(rawValue: values["closingMethod"])
    let companion = method.companionField
    func companionValue(_ field: CampaignField) -> String? { companion == field ? values.optional(field.rawValue) : nil }
    let templateId = values.optional("openingMessageTemplateId")
    return CampaignCreateRequest(
      campaignType: type, channel: Channel(rawValue: values["channel"]), closingMethod: method,
      campaignTitle: values.optional("campaignTitle"), campaignDescription: values.optional("campaignDescription"),
      company: values.optional("company"), location: values.optional("location"),
      customMessage: companionValue(.customMessage), meetingUrl: companionValue(.meetingUrl),
      contactNumber: companionValue(.contactNumber), calendarMeetingTemplateId: companionValue(.calendarMeetingTemplateId),
      openingMessageTemplateId: templateId, customTemplatedMessage: templateId == nil ? values.optional("customTemplatedMessage") : nil,
      agentName: values.optional("agentName"), agentTone: values.optional("agentTone").map(AgentTone.init(rawValue:)),
      campaignStatus: values.optional("campaignStatus").map(CampaignStatus.init(rawValue:)),
      externalId: values.optional("externalId"),
      questions: type.requiresQuestions ? values.questions.map(\.question) : nil)
  }

  /// The PATCH for an edit: only the fields whose value differs from the campaign's.
  public static func updateRequest(
    _ values: FormValues, original campaign: Campaign, phones: PhoneNumberNormalizer = .init()
  ) -> CampaignUpdateRequest {
    let values = normalizingPhone(values, phones: phones)
    let before = Self.values(of: campaign)
    func changed(_ field: CampaignField) -> String? {
      let now = values[field.rawValue]
      return now.trimmedOrNil != before[field.rawValue].trimmedOrNil ? now.trimmedOrNil ?? "" : nil
    }
    var update = CampaignUpdateRequest()
    update.channel = changed(.channel).map(Channel.init(rawValue:))
    update.closingMethod = changed(.closingMethod).map(ClosingMethod.init(rawValue:))
    update.campaignTitle = changed(.campaignTitle)
    update.campaignDescription = changed(.campaignDescription)
    update.company = changed(.company)
    update.location = changed(.location)
    let companion = ClosingMethod(rawValue: values["closingMethod"]).companionField
    update.customMessage = companion == .customMessage ? changed(.customMessage) : nil
    update.meetingUrl = companion == .meetingUrl ? changed(.meetingUrl) : nil
    update.contactNumber = companion == .contactNumber ? changed(.contactNumber) : nil
    update.calendarMeetingTemplateId = companion == .calendarMeetingTemplateId ? changed(.calendarMeetingTemplateId) : nil
    update.openingMessageTemplateId = changed(.openingMessageTemplateId)
    update.customTemplatedMessage = values["openingMessageTemplateId"].isEmpty ? changed(.customTemplatedMessage) : nil
    update.agentName = changed(.agentName)
    update.agentTone = changed(.agentTone).map(AgentTone.init(rawValue:))
    update.campaignStatus = changed(.campaignStatus).map(CampaignStatus.init(rawValue:))
    update.externalId = changed(.externalId)
    return update
  }

  /// Every problem of the values, by the path of the field it belongs to.
  public static func errors(
    _ values: FormValues, templates: [Template], existing: Campaign?, phones: PhoneNumberNormalizer = .init()
  ) -> [FieldError] {
    let found = validationErrors(values, templates: templates, existing: existing, phones: phones)
    return found.map { error in
      // With "custom message" chosen, the missing piece is the message, not a template.
      guard error.path == CampaignField.openingMessageTemplateId.rawValue, values["openingMessageTemplateId"].isEmpty
      else { return error }
      return FieldError("customTemplatedMessage", "is required: write the opening message, or choose an opening template")
    }
  }

  /// The number as it will be sent: national formats read with the default country.
  static func normalizingPhone(_ values: FormValues, phones: PhoneNumberNormalizer) -> FormValues {
    var values = values
    if let raw = values.optional("contactNumber"), case .e164(let number) = phones.normalize(raw) {
      values["contactNumber"] = number
    }
    return values
  }

  private static func validationErrors(
    _ values: FormValues, templates: [Template], existing: Campaign?, phones: PhoneNumberNormalizer
  ) -> [FieldError] {
    let lookup: CampaignValidation.TemplateLookup = { id in
      templates.first { $0.id == id }.map { .found($0) } ?? .missing
    }
    guard let existing else { return CampaignValidation.errors(in: createRequest(values, phones: phones), template: lookup) }
    return CampaignValidation.errors(
      afterApplying: updateRequest(values, original: existing, phones: phones), to: existing, template: lookup)
  }
}
