import Foundation
import PoppAPI

/// The review loop's commands on a conversation: take over, write, hand back, and the replies the outbox gave up on.
extension AppState {
  /// The conversation the recruiter means: the open thread when it has focus, else the selection.
  private var targetConversation: Conversation? {
    focus == .thread ? openConversation : selectedConversation
  }

  mutating func askTakeOver() -> [Effect] {
    guard let conversation = targetConversation else { return [] }
    guard conversation.conversationStatus.isActive else {
      flash =
        "Cannot take over: the conversation is \(conversation.conversationStatus.rawValue); only active conversations (ONGOING or awaiting the closing step) can be taken over."
      return []
    }
    let name = TerminalSanitizer.sanitize(conversation.participantName)
    if let colleague = colleague(in: conversation) {
      open(
        ConfirmMode(
          title: "A colleague is on it", message: "\(colleague) \(name). Take over anyway?",
          effect: .takeOver(conversationId: conversation.id)))
      return []
    }
    if conversation.isHumanTakeover {
      open(
        ConfirmMode(
          title: "Already taken over",
          message: "Someone may already be speaking to \(name). Take over anyway?",
          effect: .takeOver(conversationId: conversation.id)))
      return []
    }
    takeOverInFlight = conversation.id
    return [.takeOver(conversationId: conversation.id)]
  }

  /// Who on the team is on a conversation, as the confirmation names them: "ana took over", "bo is typing to".
  private func colleague(in conversation: Conversation) -> String? {
    func named(_ member: TeamMember) -> String { TerminalSanitizer.sanitize(team.name(of: member, myUser: connection.hubUser)) }
    if let holder = team.otherHolder(of: conversation.id) { return "\(named(holder)) took over" }
    guard let first = team.others(in: conversation.id).first else { return nil }
    return first.presence.isTyping ? "\(named(first)) is typing to" : "\(named(first)) is reading the thread of"
  }

  /// The open thread's newest message that could not be sent.
  var lastFailedMessage: OutboxEntry? {
    thread?.outgoing.last { $0.state == .failed }
  }

  /// `E`: a failed message goes back to the composer to be changed; the failed entry is given
  /// up so it cannot be sent as well.
  mutating func editFailed(_ failed: OutboxEntry) -> [Effect] {
    begin(.reply, conversationId: failed.conversationId, text: failed.content.text)
    guard let text = composer?.text else { return [] }
    drafts[failed.conversationId] = text
    requestUI(.saveDraft(conversationId: failed.conversationId, text: text))
    return [.discardSend(outgoingId: failed.id)]
  }

  /// `T` / `r`: writing to a candidate needs the conversation taken over; offer to take it
  /// over first, or wait for a take-over already on its way (so `t T` typed at once works).
  mutating func askToWrite(_ followUp: FollowUp, to target: Conversation? = nil) -> [Effect] {
    guard let conversation = target ?? targetConversation else { return [] }
    guard conversation.conversationStatus.isActive else {
      let status = TerminalSanitizer.sanitize(conversation.conversationStatus.rawValue)
      if followUp.isRetry {
        flash =
          "Cannot send again: the conversation is \(status). \(paneKey(.editFailed)) puts the message back in the composer to copy; \(paneKey(.discardFailed)) gives it up."
      } else {
        flash = "Cannot write: the conversation is \(status); only active conversations accept messages."
      }
      return []
    }
    if conversation.isHumanTakeover, let holder = team.otherHolder(of: conversation.id) {
      let colleague = TerminalSanitizer.sanitize(team.name(of: holder, myUser: connection.hubUser))
      open(
        ConfirmMode(
          title: "Taken over by \(colleague)",
          message:
            "\(colleague) took over \(TerminalSanitizer.sanitize(conversation.participantName)) and may be writing. Take it from them and \(followUp.isRetry ? "send it again" : "write")?",
          effect: .takeOver(conversationId: conversation.id), then: followUp))
      return []
    }
    if conversation.isHumanTakeover {
      return begin(followUp, conversationId: conversation.id)
    }
    if takeOverInFlight == conversation.id {
      afterTakeOver = (conversation.id, followUp)
      return []
    }
    open(
      ConfirmMode(
        title: "Take over first",
        message:
          "\(followUp.isRetry ? "Sending it again" : "Replying") needs the conversation taken over: the agent goes quiet until you hand back. Take over \(TerminalSanitizer.sanitize(conversation.participantName))?",
        effect: .takeOver(conversationId: conversation.id), then: followUp))
    return []
  }

  /// Opens what the recruiter asked for on a conversation that is now theirs.
  @discardableResult
  mutating func begin(_ followUp: FollowUp, conversationId: String, text: String? = nil) -> [Effect] {
    guard let conversation = index.conversation(id: conversationId) else { return [] }
    if thread?.conversationId != conversationId {
      // A reply to the thread that was open would stay on top unseen and take the keys; its draft is saved already.
      close(ComposerMode.self)
      thread = ThreadState(conversationId: conversationId)
      focus = .thread
    }
    switch followUp {
    case .templates:
      let picker = TemplatePicker(conversation: conversation, campaign: campaign(id: conversation.campaignId), templates: templates)
      if picker.choices.isEmpty {
        let channel = (conversation.channel ?? campaign(id: conversation.campaignId)?.channel)?.rawValue ?? "this channel"
        flash = "No templates for \(TerminalSanitizer.sanitize(channel)); \(paneKey(.reply)) writes a reply instead."
      } else {
        open(TemplatePickerMode(picker))
      }
    case .reply:
      close(ComposerMode.self)
      open(ComposerMode(conversationId: conversationId, text: text ?? drafts[conversationId] ?? ""))
      focus = .thread
    case .retry(let outgoingId):
      return [.retrySend(outgoingId: outgoingId, content: nil)]
    }
    return []
  }

  mutating func askHandBack() -> [Effect] {
    guard let conversation = targetConversation else { return [] }
    guard conversation.isHumanTakeover else {
      flash = "The agent is already speaking in this conversation."
      return []
    }
    // A hand-back would overtake a reply still on its way (between the outbox's attempts), which
    // the server then refuses as not taken over.
    if thread?.conversationId == conversation.id, thread?.outgoing.contains(where: { $0.state == .pending || $0.state == .sending }) == true
    {
      flash = "A reply is still being sent: hand back once it has gone (or failed)."
      return []
    }
    open(
      ConfirmMode(
        title: "Hand back", message: "Hand \(TerminalSanitizer.sanitize(conversation.participantName)) back to the AI agent?",
        effect: .handBack(conversationId: conversation.id)))
    return []
  }
}
