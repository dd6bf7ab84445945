/// What identifies a candidate within a campaign, for duplicates in a file and for rows
/// already sent: the external id when there is one, else the channel's contact (the
/// normalised phone number, or the email address in lower case).
public struct ContactKey: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case externalId, phoneNumber, emailAddress
  }

  public var kind: Kind
  public var value: String

  public init(_ kind: Kind, _ value: String) {
    self.kind = kind
    self.value = kind == .emailAddress ? value.lowercased() : value
  }

  /// `externalId "A-17"`.
  public var description: String { "\(kind.rawValue) \"\(value)\"" }

  /// The key of a contact about to be sent to a campaign on `channel`.
  public static func of(_ contact: BulkContact, channel: Channel) -> ContactKey? {
    if let id = contact.externalId, !id.isEmpty { return ContactKey(.externalId, id) }
    if channel.usesEmail {
      return contact.emailAddress.flatMap { $0.isEmpty ? nil : ContactKey(.emailAddress, $0) }
    }
    return contact.phoneNumber.flatMap { $0.isEmpty ? nil : ContactKey(.phoneNumber, $0) }
  }

  /// Every key something already sent answers to. A row is looked up by its one key, so a
  /// row without an external id matches a conversation by phone even when that
  /// conversation has an external id, while a row with an external id matches only by it.
  public static func all(externalId: String?, phoneNumber: String?, emailAddress: String?) -> [ContactKey] {
    var keys: [ContactKey] = []
    if let externalId, !externalId.isEmpty { keys.append(ContactKey(.externalId, externalId)) }
    if let phoneNumber, !phoneNumber.isEmpty { keys.append(ContactKey(.phoneNumber, phoneNumber)) }
    if let emailAddress, !emailAddress.isEmpty { keys.append(ContactKey(.emailAddress, emailAddress)) }
    return keys
  }

  public static func all(of conversation: Conversation) -> [ContactKey] {
    all(
      externalId: conversation.externalId, phoneNumber: conversation.participantPhoneNumber,
      emailAddress: conversation.participantEmailAddress)
  }
}
