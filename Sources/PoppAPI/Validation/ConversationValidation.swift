/// The contract's rules for one candidate, shared by the single create, each bulk contact,
/// the console's launch form and the CSV importer.
public enum ConversationValidation {
  /// The problems of one contact for a campaign on `channel`; `prefix` names the contact
  /// within a bulk (`contacts[3].`) and is empty for a single create.
  public static func errors(
    firstName: String?, phoneNumber: String?, emailAddress: String?, openingMessage: String?,
    channel: Channel, prefix: String = ""
  ) -> [FieldError] {
    var errors: [FieldError] = []
    if firstName.isBlank { errors.append(FieldError(prefix + "firstName", "is required")) }
    if channel.usesEmail {
      if let email = emailAddress, !email.isBlank {
        if !ContactRules.isEmailAddress(email) {
          errors.append(FieldError(prefix + "emailAddress", "is not a valid email address: \"\(email)\""))
        }
      } else {
        errors.append(FieldError(prefix + "emailAddress", "is required for EMAIL campaigns"))
      }
    } else if let phone = phoneNumber, !phone.isBlank {
      if !ContactRules.isE164(phone) {
        errors.append(FieldError(prefix + "phoneNumber", "must be in E.164 format such as +14155551234, not \"\(phone)\""))
      }
    } else {
      errors.append(FieldError(prefix + "phoneNumber", "is required for \(channel) campaigns"))
    }
    if let opening = openingMessage {
      errors += openingMessageErrors(opening, channel: channel, path: prefix + "openingMessage")
    }
    return errors
  }

  public static func errors(in request: ConversationCreateRequest, channel: Channel) -> [FieldError] {
    errors(
      firstName: request.firstName, phoneNumber: request.phoneNumber,
      emailAddress: request.emailAddress, openingMessage: request.openingMessage, channel: channel)
  }

  public static func errors(in contact: BulkContact, at index: Int, channel: Channel) -> [FieldError] {
    errors(
      firstName: contact.firstName, phoneNumber: contact.phoneNumber,
      emailAddress: contact.emailAddress, openingMessage: contact.openingMessage, channel: channel,
      prefix: "contacts[\(index)].")
  }

  /// Opening messages: at most 600 characters, `STOP` on SMS, refused on WhatsApp (whose
  /// first message must be an approved template).
  public static func openingMessageErrors(_ text: String, channel: Channel, path: String = "openingMessage") -> [FieldError] {
    if channel == .whatsapp {
      return [FieldError(path, "is not allowed on WHATSAPP campaigns: WhatsApp opens with an approved template")]
    }
    if text.isBlank { return [FieldError(path, "must not be empty")] }
    if text.count > ContactRules.openingMessageLimit {
      return [FieldError(path, "must be at most \(ContactRules.openingMessageLimit) characters (has \(text.count))")]
    }
    if channel == .sms && !text.contains("STOP") {
      return [FieldError(path, "must contain STOP on SMS campaigns (opt-out instructions)")]
    }
    return []
  }

  public static func errors(in request: SendMessageRequest) -> [FieldError] {
    switch (request.messageBody, request.templateId) {
    case (nil, nil): [FieldError("messageBody", "or templateId is required (exactly one)")]
    case (.some, .some): [FieldError("messageBody", "and templateId are exclusive: send exactly one")]
    case (.some(let body), nil) where body.isBlank: [FieldError("messageBody", "must not be empty")]
    case (nil, .some(let id)) where id.isBlank: [FieldError("templateId", "must not be empty")]
    default: []
    }
  }
}
