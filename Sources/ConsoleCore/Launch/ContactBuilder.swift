/// Makes one CSV record into the contact the API will receive, and lists what is wrong with
/// it: cells trimmed, a full name split, the phone number normalised to E.164 (the
/// normalised number is what gets sent), then the contract's own checks.
struct ContactBuilder: Sendable {
  let mapping: ColumnMapping
  let channel: Channel
  let normalizer: PhoneNumberNormalizer

  func build(_ fields: [String]) -> (contact: BulkContact, problems: [String]) {
    func cell(_ field: BulkField) -> String? {
      guard let column = mapping.columns[field], column < fields.count else { return nil }
      let value = fields[column].trimmingWhitespace
      return value.isEmpty ? nil : value
    }
    var problems: [String] = []
    var contact = BulkContact(
      firstName: cell(.firstName), lastName: cell(.lastName), externalId: cell(.externalId), openingMessage: cell(.openingMessage),
      additionalContext: cell(.additionalContext))
    if mapping.splitsFullName, let full = cell(.name) {
      (contact.firstName, contact.lastName) = Self.split(fullName: full)
    }
    if let raw = cell(.closePreviousConversations) {
      if let flag = Self.flag(raw) {
        contact.closePreviousConversations = flag
      } else {
        problems.append("closePreviousConversations must be yes or no (true/false, 1/0), not \"\(raw)\"")
      }
    }

    // The channel's own contact must be valid; the other one is passed on only when it is.
    var phoneProblem = false
    if let raw = cell(.phoneNumber) {
      switch normalizer.normalize(raw) {
      case .e164(let number):
        contact.phoneNumber = number
      case .invalid(let why) where !channel.usesEmail:
        contact.phoneNumber = raw
        phoneProblem = true
        problems.append("phoneNumber \"\(raw)\" \(why)")
      case .invalid:
        break
      }
    }
    if let raw = cell(.emailAddress) {
      if channel.usesEmail || ContactRules.isEmailAddress(raw) { contact.emailAddress = raw }
    }
    let rules = ConversationValidation.errors(
      firstName: contact.firstName, phoneNumber: contact.phoneNumber, emailAddress: contact.emailAddress,
      openingMessage: contact.openingMessage, channel: channel)
    problems += rules.filter { !(phoneProblem && $0.field == "phoneNumber") }.map(\.description)
    return (contact, problems)
  }

  /// "Mary Ann Smith" → ("Mary Ann", "Smith"): the last word is the family name, which is
  /// right for most Western exports and never loses text; one word is a first name alone.
  static func split(fullName: String) -> (first: String, last: String?) {
    let words = fullName.split(whereSeparator: \.isWhitespace)
    guard words.count > 1 else { return (fullName, nil) }
    return (words.dropLast().joined(separator: " "), String(words.last!))
  }

  static func flag(_ raw: String) -> Bool? {
    switch raw.lowercased() {
    case "true", "yes", "y", "1", "x", "on": true
    case "false", "no", "n", "0", "off", "-": false
    default: nil
    }
  }
}
