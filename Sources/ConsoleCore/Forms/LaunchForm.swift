public import PoppAPI

/// The single launch (`a`): one candidate for one campaign. The phone number is shown as it
/// will be sent (normalised to E.164 with the default country) before anything leaves.
public enum LaunchForm {
  public static func newValues() -> FormValues {
    FormValues(fields: ["shouldSendDuringBusinessHours": "true", "closePreviousConversations": "false"])
  }

  public static func fields(_ values: FormValues, campaign: Campaign, phones: PhoneNumberNormalizer) -> [FormField] {
    var rows = [
      FormField("section.candidate", "Candidate", .section),
      FormField("firstName", "First name", .text, required: true),
      FormField("lastName", "Last name", .text),
    ]
    if campaign.channel.usesEmail {
      rows.append(FormField("emailAddress", "Email", .text, required: true))
    } else {
      rows.append(FormField("phoneNumber", "Phone", .text, required: true, hint: phoneHint(values["phoneNumber"], phones: phones)))
    }
    rows += [
      FormField("externalId", "External id", .text, hint: "your ATS's id for the candidate"),
      FormField("section.sending", "Sending", .section),
      FormField("shouldSendDuringBusinessHours", "Business hours only", .toggle),
    ]
    if campaign.channel == .whatsapp {
      rows.append(FormField("openingMessage", "Opening message", .readOnly))
    } else {
      rows.append(
        FormField(
          "openingMessage", "Opening message", .longText,
          hint: campaign.channel == .sms ? "optional; must contain STOP; ≤600" : "optional; ≤600 characters"))
    }
    rows += [
      FormField("additionalContext", "Context for agent", .longText, hint: "optional"),
      FormField("closePreviousConversations", "Close earlier ones", .toggle, hint: "close this candidate's other conversations"),
      FormField("button.submit", "Start conversation", .button(.submit)),
    ]
    return rows
  }

  /// What the phone field will send, or why it cannot.
  static func phoneHint(_ text: String, phones: PhoneNumberNormalizer) -> String? {
    guard text.trimmedOrNil != nil else {
      return phones.defaultCountry.map { "national numbers are read as \($0)" } ?? "international format, e.g. +14155551234"
    }
    switch phones.normalize(text) {
    case .e164(let number): return "→ \(number)"
    case .invalid: return nil
    }
  }

  public static func request(_ values: FormValues, campaign: Campaign, phones: PhoneNumberNormalizer) -> ConversationCreateRequest {
    var phone = values.optional("phoneNumber")
    if let raw = phone, case .e164(let number) = phones.normalize(raw) { phone = number }
    return ConversationCreateRequest(
      campaignId: campaign.id, firstName: values.optional("firstName"), lastName: values.optional("lastName"),
      phoneNumber: campaign.channel.usesEmail ? nil : phone,
      emailAddress: campaign.channel.usesEmail ? values.optional("emailAddress") : nil,
      externalId: values.optional("externalId"), shouldSendDuringBusinessHours: values.flag("shouldSendDuringBusinessHours"),
      openingMessage: campaign.channel == .whatsapp ? nil : values.optional("openingMessage"),
      additionalContext: values.optional("additionalContext"),
      closePreviousConversations: values.flag("closePreviousConversations") ? true : nil)
  }

  public static func errors(_ values: FormValues, campaign: Campaign, phones: PhoneNumberNormalizer) -> [FieldError] {
    var errors: [FieldError] = []
    if campaign.campaignStatus != .live {
      errors.append(FieldError("campaign", "is \(campaign.campaignStatus.rawValue): only LIVE campaigns start conversations (e edits it)"))
    }
    if !campaign.channel.usesEmail, let raw = values.optional("phoneNumber"), case .invalid(let reason) = phones.normalize(raw) {
      errors.append(FieldError("phoneNumber", reason))
    }
    let request = request(values, campaign: campaign, phones: phones)
    errors += ConversationValidation.errors(in: request, channel: campaign.channel).filter { error in
      // The normaliser's reason says more about a phone number than the E.164 rule.
      !(error.path == "phoneNumber" && errors.contains { $0.path == "phoneNumber" })
    }
    return errors
  }
}
