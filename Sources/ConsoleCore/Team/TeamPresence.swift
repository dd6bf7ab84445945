/// What one console tells its hub about itself: the conversation it has open, and whether its composer holds text.
public struct Presence: Sendable, Hashable, Codable {
  public var conversationId: String?
  public var isTyping: Bool

  public init(conversationId: String? = nil, isTyping: Bool = false) {
    self.conversationId = conversationId
    self.isTyping = isTyping
  }
}

/// One console attached to the hub, as every other console sees it.
public struct TeamMember: Sendable, Hashable, Codable {
  /// The hub's number for the console's connection: two sessions of one Unix user are two members. 0 for a holder
  /// the hub kept from before it restarted (that console's connection is gone).
  public var console: Int
  /// The Unix user the kernel reported for the console.
  public var user: String
  public var presence: Presence

  public init(console: Int, user: String, presence: Presence = Presence()) {
    self.console = console
    self.user = user
    self.presence = presence
  }
}

/// Who works the organization now, and who holds which conversation: the hub's word, pushed to every console.
public struct TeamPresence: Sendable, Hashable, Codable {
  public var members: [TeamMember]
  /// Conversations taken over through the hub and not yet handed back, with the console that took them.
  public var holders: [String: TeamMember]
  /// This console's own number (its members entry is itself, never shown as a colleague).
  public var me: Int?

  public init(members: [TeamMember] = [], holders: [String: TeamMember] = [:], me: Int? = nil) {
    self.members = members
    self.holders = holders
    self.me = me
  }

  /// The other consoles with `conversationId` open, typists first.
  public func others(in conversationId: String) -> [TeamMember] {
    members.filter { $0.console != me && $0.presence.conversationId == conversationId }
      .sorted { ($0.presence.isTyping ? 0 : 1, $0.user, $0.console) < ($1.presence.isTyping ? 0 : 1, $1.user, $1.console) }
  }

  /// Another console that holds `conversationId` (took it over through the hub), if any.
  public func otherHolder(of conversationId: String) -> TeamMember? {
    guard let holder = holders[conversationId], holder.console != me else { return nil }
    return holder
  }

  /// Whether another recruiter has the conversation open or holds it: `n` passes it by.
  public func isClaimedByOthers(_ conversationId: String) -> Bool {
    otherHolder(of: conversationId) != nil || !others(in: conversationId).isEmpty
  }

  /// How the thread header and the list name a colleague: `ana`, or `you (other session)` for this Unix user's
  /// other consoles (`you` for a hold of this user's from before the hub restarted).
  public func name(of member: TeamMember, myUser: String?) -> String {
    guard member.user == myUser else { return member.user }
    return member.console == 0 ? "you" : "you (other session)"
  }
}

/// How the conversation list marks a row colleagues are on (in the take-over column, when it is not taken over).
public enum ColleagueMark: Sendable, Hashable {
  case viewing
  case typing
}

extension TeamPresence {
  /// Each conversation another console has open, typing winning over viewing: one lookup per list row.
  public var marks: [String: ColleagueMark] {
    var marks: [String: ColleagueMark] = [:]
    for member in members where member.console != me {
      guard let id = member.presence.conversationId else { continue }
      if member.presence.isTyping || marks[id] == nil { marks[id] = member.presence.isTyping ? .typing : .viewing }
    }
    return marks
  }

  /// The thread header's lines about the team, one per colleague: "taken over by ana", "bo typing",
  /// "you (other session) viewing"; past `limit`, the rest are counted on the last.
  public func headerLines(for conversationId: String, myUser: String?, limit: Int = 3) -> [String] {
    var lines: [String] = []
    if let holder = otherHolder(of: conversationId) { lines.append("taken over by \(name(of: holder, myUser: myUser))") }
    for member in others(in: conversationId) {
      lines.append("\(name(of: member, myUser: myUser)) \(member.presence.isTyping ? "typing" : "viewing")")
    }
    if lines.count > limit { lines = Array(lines.prefix(limit - 1)) + ["and \(lines.count - limit + 1) more"] }
    return lines.map { TerminalSanitizer.sanitize($0) }
  }
}
