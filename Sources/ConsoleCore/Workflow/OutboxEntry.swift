public import Foundation
import PoppAPI

/// What a recruiter sends: free text, or a saved template with the text it renders to (kept so
/// the outbox can recognise the message in the thread when the server does not echo the id).
public enum OutboxContent: Sendable, Hashable, Codable {
  case body(String)
  case template(id: String, preview: String)

  /// The text to show for the entry while it is pending or failed.
  public var text: String {
    switch self {
    case .body(let body): body
    case .template(_, let preview): preview
    }
  }

  var request: SendMessageRequest {
    switch self {
    case .body(let body): .text(body)
    case .template(let id, _): .template(id)
    }
  }

  /// Whether `message` is this content as the server stored it.
  func matches(_ message: Message) -> Bool {
    guard message.sender == .user else { return false }
    switch self {
    case .body(let body):
      return Self.sameText(message.body, body)
    case .template(let id, let preview):
      if let templateId = message.templateId { return templateId == id }
      return Self.sameText(message.body, preview)
    }
  }

  /// Equal, or equal once the ends are trimmed (a server may trim what it stores).
  private static func sameText(_ stored: String, _ sent: String) -> Bool {
    stored == sent || stored.trimmingCharacters(in: .whitespacesAndNewlines) == sent.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// One message on its way out, as the outbox persists it, so that a crash, a dropped network
/// or a restart can neither lose it nor send it twice.
public struct OutboxEntry: Sendable, Hashable, Identifiable, Codable {
  public enum State: String, Sendable, Hashable, Codable {
    /// Waiting for its turn (or for a console to pick it up after a restart).
    case pending
    /// A request is, or may have been, on its way: must be reconciled before any resend.
    case sending
    case sent
    /// Given up; `error` says why. The recruiter may retry or edit it.
    case failed
  }

  public var id: String
  public var conversationId: String
  public var content: OutboxContent
  public var state: State
  /// The server's error text (or the network's) when `failed`.
  public var error: String?
  public var createdAt: Date
  /// When the last request began; set before the request leaves.
  public var attemptStartedAt: Date?
  public var attempts: Int
  /// The newest message of the thread before the first attempt: reconciliation looks only
  /// at what came after it.
  public var baselineMessageId: String?
  public var baselineCreatedAt: Date?
  /// The server's id of the message once it is known to be sent.
  public var sentMessageId: String?
  /// The Unix user a hub sent it for (nil: this console's own user).
  public var requestedBy: String?

  public init(id: String = UUID().uuidString.lowercased(), conversationId: String, content: OutboxContent, createdAt: Date = Date()) {
    self.id = id
    self.conversationId = conversationId
    self.content = content
    self.state = .pending
    self.createdAt = createdAt
    self.attempts = 0
  }

  /// Whether a request may have left: then the thread must be read before another one does.
  var mayHaveReachedServer: Bool { attempts > 0 }
}
