public import ConsoleCore
public import Foundation

/// What a console and the hub say to each other over the hub's socket: one JSON document per frame (a 4-byte length,
/// then the document). The first frame each way is frozen across versions, so a console and a hub of different
/// versions can always tell each other so: the console's `HubHello`, the hub's `HubHelloReply`.
public enum HubProtocol {
  /// Raised whenever a message changes shape; a console of another version is refused with a sentence saying which.
  public static let version = 3
  /// The first field of every hello, so a hub never mistakes another program's bytes for a console.
  public static let magic = "popp-hub"
  /// A frame larger than this ends the connection (a snapshot of 100,000 conversations is about 60 MB of JSON).
  public static let maximumFrameBytes = 256 << 20
}

/// The console's first frame.
public struct HubHello: Codable, Sendable, Equatable {
  public var magic: String
  public var protocolVersion: Int
  /// Who is speaking, e.g. `popp-console/0.9`.
  public var app: String

  public init(app: String, protocolVersion: Int = HubProtocol.version) {
    magic = HubProtocol.magic
    self.protocolVersion = protocolVersion
    self.app = app
  }
}

/// The hub's answer to a hello: it serves this console, or says why not in a sentence the console shows as it is.
public enum HubHelloReply: Codable, Sendable, Equatable {
  case welcome(HubWelcome)
  case refused(HubRefusal)
}

public struct HubWelcome: Codable, Sendable, Equatable {
  public var protocolVersion: Int
  public var app: String
  public var organizationId: String
  /// Where the hub polls (shown in the title bar); never with credentials.
  public var baseURL: URL
  public var isSandbox: Bool
  /// The Unix user the kernel says this console runs as: the name its actions are recorded under.
  public var user: String
  /// The hub's number for this connection (how the team's presence names this console).
  public var console: Int

  public init(
    protocolVersion: Int, app: String, organizationId: String, baseURL: URL, isSandbox: Bool, user: String, console: Int
  ) {
    self.protocolVersion = protocolVersion
    self.app = app
    self.organizationId = organizationId
    self.baseURL = baseURL
    self.isSandbox = isSandbox
    self.user = user
    self.console = console
  }
}

/// Why the hub will not serve a console, for the console to show.
public struct HubRefusal: Codable, Sendable, Equatable, Error, CustomStringConvertible {
  public enum Reason: String, Codable, Sendable {
    /// The console's Unix user may not use this hub.
    case notAllowed
    /// The console speaks another protocol version.
    case protocolVersion
    /// The first frame was not a console's hello.
    case notAHello
  }

  public var reason: Reason
  public var message: String

  public init(_ reason: Reason, _ message: String) {
    self.reason = reason
    self.message = message
  }

  public var description: String { message }
}

/// What an attached console asks after the welcome.
public enum HubRequest: Codable, Sendable, Equatable {
  /// How the hub is doing: for `doctor` and the status bar.
  case status
  /// Everything the hub knows, then every change as it happens, pushed: a console attached this way never polls.
  case subscribe
  /// Which conversation this console has open and whether it is typing: the hub follows that thread for it and
  /// tells the team.
  case presence(Presence)
  /// A write, carried out by the hub (answered, when it has an answer, by an `event`).
  case act(HubAction)
  /// One Popp request made by the hub for this console (its command line, its CSV launch), answered by `answer` with
  /// the same `id`; calls are answered as they finish, not in order.
  case call(id: Int, HubCall)
}

/// The hub's answers, and what it pushes to a subscribed console.
public enum HubMessage: Codable, Sendable, Equatable {
  case status(HubStatus)
  /// The whole organization as the hub knows it: the first thing a subscriber gets, and again whenever the hub
  /// reloads everything.
  case snapshot(HubSnapshot)
  /// Conversations that are new or changed since the last message, as they stand now.
  case conversations(HubConversations)
  case catalog(campaigns: [Campaign], templates: [Template])
  /// How fresh the hub's data is: the status bar's freshness, the hub's.
  case health(HubHealth)
  /// A thread this console has open, whole, as the hub has it now.
  case messages(conversationId: String, [Message])
  /// A message on its way out through the hub's outbox (any console's): pending, sending, sent or failed.
  case outgoing(OutboxEntry)
  case outgoingDiscarded(id: String, conversationId: String)
  /// Who is attached and where, with this console's own number in it.
  case team(TeamPresence)
  /// The answer to this console's own action.
  case event(HubEvent)
  /// The answer to the console's `call` of the same `id`.
  case answer(id: Int, HubAnswer)
}

public struct HubSnapshot: Codable, Sendable, Equatable {
  public var campaigns: [Campaign]
  public var templates: [Template]
  public var conversations: [Conversation]
  public var health: HubHealth
  /// Since when each flagged conversation has waited, as the hub first saw it flagged.
  public var flaggedSince: [String: Date]
  /// Messages the hub's outbox has not sent yet, whoever asked.
  public var outgoing: [OutboxEntry]
}

public struct HubConversations: Codable, Sendable, Equatable {
  public var conversations: [Conversation]
  /// The ones flagged by this change (the bell, the notice).
  public var newlyFlagged: [String]
  public var flaggedSince: [String: Date]
}

/// `SyncHealth` on the wire.
public struct HubHealth: Codable, Sendable, Equatable {
  public var updatedAt: Date?
  public var problem: String?
  public var isOffline: Bool
  public var nextRetryAt: Date?

  public init(_ health: SyncHealth) {
    updatedAt = health.updatedAt
    problem = health.problem?.reason
    isOffline = health.problem?.isOffline ?? false
    nextRetryAt = health.problem?.nextRetryAt
  }

  public var syncHealth: SyncHealth {
    SyncHealth(
      updatedAt: updatedAt,
      problem: problem.map { SyncHealth.Problem(isOffline: isOffline, reason: $0, nextRetryAt: nextRetryAt ?? Date()) })
  }
}

/// The hub at a glance.
public struct HubStatus: Codable, Sendable, Equatable {
  public var organizationId: String
  public var conversations: Int
  public var needingReview: Int
  /// When a poll last succeeded; nil before the first.
  public var updatedAt: Date?
  /// What is wrong while polls fail, as the status bar says it.
  public var problem: String?
  /// Consoles attached now, this one included.
  public var consoles: Int
  /// Unix users of the consoles attached now, each once, sorted.
  public var users: [String]

  public init(
    organizationId: String, conversations: Int, needingReview: Int, updatedAt: Date?, problem: String?, consoles: Int,
    users: [String]
  ) {
    self.organizationId = organizationId
    self.conversations = conversations
    self.needingReview = needingReview
    self.updatedAt = updatedAt
    self.problem = problem
    self.consoles = consoles
    self.users = users
  }
}
