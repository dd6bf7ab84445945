/// The concerns of the polling service, one poller each.
public enum PollKind: String, CaseIterable, Sendable, Hashable {
  /// The newest conversations: finds new ones.
  case head
  /// Conversations that can still change, and any on screen.
  case activeSet = "active"
  /// The open thread's messages.
  case thread
  /// Campaigns and templates.
  case catalog
  /// Everything, slowly: what the others cannot see.
  case sweep

  /// How the status bar names it.
  public var label: String {
    switch self {
    case .head: "new conversations"
    case .activeSet: "active conversations"
    case .thread: "thread"
    case .catalog: "campaigns and templates"
    case .sweep: "full refresh"
    }
  }
}
