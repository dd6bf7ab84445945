/// The contract's rules for a campaign: required fields by type, closing-method companions,
/// questions, and the opening template. The sandbox refuses with the first error; the console
/// shows them all beside their fields before anything is sent.
public enum CampaignValidation {
  /// Looks a template up by id; `nil` when the caller cannot know (the check is skipped).
  public typealias TemplateLookup = @Sendable (String) -> TemplateCheck

  public enum TemplateCheck: Sendable {
    case found(Template)
    case missing
    case unknown
  }

  public static func errors(
    in request: CampaignCreateRequest, template lookup: TemplateLookup = { _ in .unknown }
  ) -> [FieldError] {
    var errors: [FieldError] = []
    func require(_ value: String?, _ field: CampaignField, _ why: String = "") {
      if value.isBlank { errors.append(FieldError(field.rawValue, "is required" + why)) }
    }
    checkEnum(request.campaignType, .campaignType, required: true, into: &errors)
    checkEnum(request.channel, .channel, required: true, into: &errors)
    checkEnum(request.closingMethod, .closingMethod, required: true, into: &errors)
    require(request.campaignTitle, .campaignTitle)
    require(request.campaignDescription, .campaignDescription)
    if let type = request.campaignType, type.requiresCompanyAndLocation {
      require(request.company, .company, " for \(type) campaigns")
      require(request.location, .location, " for \(type) campaigns")
    }
    errors += companionErrors(
      method: request.closingMethod, customMessage: request.customMessage,
      meetingUrl: request.meetingUrl, contactNumber: request.contactNumber,
      calendarMeetingTemplateId: request.calendarMeetingTemplateId)
    errors += openingErrors(
      type: request.campaignType, channel: request.channel,
      templateId: request.openingMessageTemplateId,
      customTemplatedMessage: request.customTemplatedMessage, lookup: lookup)
    checkEnum(request.agentTone, .agentTone, required: false, into: &errors)
    if let status = request.campaignStatus {
      if status != .draft && status != .live {
        errors.append(FieldError("campaignStatus", "must be DRAFT or LIVE when creating"))
      }
    }
    if request.campaignType?.requiresQuestions ?? true {
      errors += questionErrors(request.questions)
    } else if let questions = request.questions, !questions.isEmpty {
      // Optional for SCHEDULING, but questions given must be whole: the server stores them.
      errors += questionErrors(questions)
    }
    return errors
  }

  /// The errors of a campaign as it would stand after an update: the same rules as create
  /// (questions excepted, they cannot change).
  public static func errors(
    afterApplying update: CampaignUpdateRequest, to campaign: Campaign,
    template lookup: TemplateLookup = { _ in .unknown }
  ) -> [FieldError] {
    var errors: [FieldError] = []
    if update.isEmpty {
      return [FieldError("body", "must change at least one field (questions cannot be changed)")]
    }
    let merged = campaign.createRequest(applying: update)
    errors += Self.errors(in: merged, template: lookup).filter {
      // Re-check only what the update touches or depends on.
      $0.field != CampaignField.questions.rawValue && $0.field != CampaignField.campaignStatus.rawValue
    }
    checkEnum(update.campaignStatus, .campaignStatus, required: false, into: &errors)
    return errors
  }

  static func checkEnum<Value: OpenEnum>(
    _ value: Value?, _ field: CampaignField, required: Bool, into errors: inout [FieldError]
  ) {
    guard let value else {
      if required { errors.append(FieldError(field.rawValue, "is required")) }
      return
    }
    if !value.isKnown {
      errors.append(
        FieldError(field.rawValue, "must be one of \(Value.knownValuesList), not \"\(value.rawValue)\""))
    }
  }

  static func companionErrors(
    method: ClosingMethod?, customMessage: String?, meetingUrl: String?, contactNumber: String?,
    calendarMeetingTemplateId: String?
  ) -> [FieldError] {
    guard let method, let companion = method.companionField else { return [] }
    let value: String? =
      switch companion {
      case .customMessage: customMessage
      case .meetingUrl: meetingUrl
      case .contactNumber: contactNumber
      default: calendarMeetingTemplateId
      }
    guard let value, !value.isBlank else {
      return [FieldError(companion.rawValue, "is required when closingMethod is \(method)")]
    }
    if companion == .meetingUrl && !(value.hasPrefix("https://") || value.hasPrefix("http://")) {
      return [FieldError(companion.rawValue, "must be an http(s) URL")]
    }
    if companion == .contactNumber && !ContactRules.isE164(value) {
      return [FieldError(companion.rawValue, "must be an E.164 phone number such as +14155551234")]
    }
    return []
  }

  static func openingErrors(
    type: CampaignType?, channel: Channel?, templateId: String?, customTemplatedMessage: String?,
    lookup: TemplateLookup
  ) -> [FieldError] {
    var errors: [FieldError] = []
    if let custom = customTemplatedMessage {
      if custom.isBlank {
        errors.append(FieldError("customTemplatedMessage", "must not be empty"))
      } else if custom.count > ContactRules.openingMessageLimit {
        errors.append(
          FieldError("customTemplatedMessage", "must be at most \(ContactRules.openingMessageLimit) characters (has \(custom.count))"))
      } else if channel == .sms && !custom.contains("STOP") {
        errors.append(FieldError("customTemplatedMessage", "must contain STOP on SMS campaigns (opt-out instructions)"))
      }
    }
    guard let templateId, !templateId.isBlank else {
      if customTemplatedMessage == nil, let type, type.requiresOpeningTemplate {
        errors.append(
          FieldError("openingMessageTemplateId", "is required for \(type) campaigns unless customTemplatedMessage is given"))
      }
      return errors
    }
    switch lookup(templateId) {
    case .unknown: break
    case .missing:
      errors.append(FieldError("openingMessageTemplateId", "names no template of this organization"))
    case .found(let template):
      if let channel, let type, !template.canOpen(channel: channel, campaignType: type) {
        let actual = [template.channel?.rawValue, template.type?.rawValue, template.campaignType?.rawValue]
          .map { $0 ?? "?" }.joined(separator: "/")
        errors.append(
          FieldError("openingMessageTemplateId", "must name an OPENING_MESSAGE template for \(channel) and \(type) (this one is \(actual))")
        )
      }
    }
    return errors
  }

  static func questionErrors(_ questions: [Question]?) -> [FieldError] {
    guard let questions else { return [FieldError("questions", "is required")] }
    if questions.isEmpty { return [FieldError("questions", "must hold at least one question")] }
    var errors: [FieldError] = []
    for (index, question) in questions.enumerated() {
      let path = "questions[\(index)]"
      if question.isMandatory == nil {
        errors.append(FieldError(path + ".isMandatory", "is required (true or false)"))
      }
      switch question.questionType {
      case .text:
        if question.content.isBlank { errors.append(FieldError(path + ".content", "is required for TEXT questions")) }
      case .document:
        if (question.documentTypes ?? []).filter({ !$0.isBlank }).isEmpty {
          errors.append(FieldError(path + ".documentTypes", "must list at least one document type for DOCUMENT questions"))
        }
      case .unknown(let raw):
        errors.append(FieldError(path + ".questionType", "must be TEXT or DOCUMENT, not \"\(raw)\""))
      }
    }
    return errors
  }
}

extension Campaign {
  /// The create request that would produce this campaign with an update applied: how a
  /// PATCH is validated against the whole resulting campaign.
  public func createRequest(applying update: CampaignUpdateRequest = CampaignUpdateRequest()) -> CampaignCreateRequest {
    CampaignCreateRequest(
      campaignType: type, channel: update.channel ?? channel,
      closingMethod: update.closingMethod ?? closingMethod,
      campaignTitle: update.campaignTitle ?? campaignTitle,
      campaignDescription: update.campaignDescription ?? campaignDescription,
      company: update.company ?? company, location: update.location ?? location,
      customMessage: update.customMessage ?? customRequest,
      meetingUrl: update.meetingUrl ?? meetingUrl,
      contactNumber: update.contactNumber ?? contactNumber,
      calendarMeetingTemplateId: update.calendarMeetingTemplateId ?? calendarMeetingTemplateId,
      openingMessageTemplateId: update.openingMessageTemplateId ?? templateId,
      customTemplatedMessage: update.customTemplatedMessage ?? customTemplatedMessage,
      agentName: update.agentName ?? agent?.agentName, agentTone: update.agentTone ?? agent?.agentTone,
      campaignStatus: update.campaignStatus ?? campaignStatus,
      externalId: update.externalId ?? externalId, questions: questions)
  }
}
