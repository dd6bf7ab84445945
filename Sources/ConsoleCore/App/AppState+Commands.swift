import Foundation
import PoppAPI

extension AppState {
  /// Carries out a named command (from a key or the `:` prompt) and returns the work it asks for.
  public mutating func perform(_ command: CommandName) -> [Effect] {
    flash = nil
    switch command {
    case .moveDown: move(by: 1)
    case .moveUp: move(by: -1)
    case .pageDown: move(by: max(pageSize - 1, 1))
    case .pageUp: move(by: -max(pageSize - 1, 1))
    case .moveTop: move(by: Int.min / 2)
    case .moveBottom: move(by: Int.max / 2)
    case .nextPane: cycleFocus(by: 1)
    case .previousPane: cycleFocus(by: -1)
    case .open: return open()
    case .back: back()
    case .filter: overlay = .prompt(PromptState(kind: .filter, text: textFilter))
    case .commandPrompt: overlay = .prompt(PromptState(kind: .command))
    case .help:
      overlay = overlay == .help ? nil : .help
      helpScroll = 0
    case .quit: quitRequested = true
    case .redraw: return [.redraw]
    case .filterAll: select(.all)
    case .filterNeedsReview: select(.needsReview)
    case .filterOngoing: select(.ongoing)
    case .filterTakenOver: select(.takenOver)
    case .filterCompleted: select(.completed)
    case .filterClosed: select(.closed)
    case .nextReview: return jumpToReview(forward: true)
    case .previousReview: return jumpToReview(forward: false)
    case .takeOver: return askTakeOver()
    case .handBack: return askHandBack()
    case .template: return askToWrite(.templates)
    case .reply: return askToWrite(.reply)
    case .toggleDetails: showCampaignDetails.toggle()
    case .toggleOutcomes: showOutcomes.toggle()
    case .refresh:
      flash = "Refreshing…"
      return [.refreshNow]
    case .audit:
      return [.loadAudit]
    case .retrySend:
      // Sending again needs the conversation still taken over: a hand-back since would make the
      // server refuse it again, so the take-over is offered first, as for a reply.
      guard let failed = lastFailedMessage, let conversation = openConversation else { return [] }
      return askToWrite(.retry(outgoingId: failed.id), to: conversation)
    case .discardFailed:
      guard let failed = lastFailedMessage else { return [] }
      return [.discardSend(outgoingId: failed.id)]
    case .editFailed:
      guard let failed = lastFailedMessage else { return [] }
      return editFailed(failed)
    case .viewCampaign:
      guard let campaign = targetCampaign(for: "show") else { return [] }
      overlay = .campaign(id: campaign.id, scroll: 0)
    case .profile: return switchProfile(to: nil)
    case .newCampaign: openForm(.newCampaign)
    case .editCampaign:
      guard let campaign = targetCampaign(for: "edit") else { return [] }
      openForm(.editCampaign(campaign))
    case .launch:
      guard let campaign = targetCampaign(for: "start a conversation in") else { return [] }
      openForm(.launch(campaign))
    case .bulkLaunch:
      guard let campaign = targetCampaign(for: "launch a CSV into") else { return [] }
      overlay = .prompt(PromptState(kind: .csvPath(campaignId: campaign.id)))
    }
    return []
  }

  private mutating func move(by delta: Int) {
    switch focus {
    case .campaigns:
      let moved = clamp(campaignSelection, by: delta, count: campaigns.count + 1)
      guard moved != campaignSelection else { return }
      campaignSelection = moved
      conversationSelection = 0
      refreshVisibleRows()
    case .conversations:
      conversationSelection = clamp(conversationSelection, by: delta, count: visibleRows.count)
    case .thread:
      guard var thread else { return }
      // Scrolling back through history: down moves towards the newest message. g and G move by
      // half of Int's range; the renderer then brings the scroll back to what the thread holds.
      let (moved, overflowed) = thread.scrollBack.subtractingReportingOverflow(delta)
      thread.scrollBack = overflowed ? (delta < 0 ? Int.max / 2 : 0) : min(max(moved, 0), Int.max / 2)
      self.thread = thread
    }
  }

  private func clamp(_ value: Int, by delta: Int, count: Int) -> Int {
    guard count > 0 else { return 0 }
    let target = delta > 0 ? (value > Int.max - delta ? Int.max : value + delta) : (value < Int.min - delta ? Int.min : value + delta)
    return min(max(target, 0), count - 1)
  }

  private mutating func cycleFocus(by step: Int) {
    let panes: [PaneID] = thread == nil ? [.campaigns, .conversations] : PaneID.allCases
    let current = panes.firstIndex(of: focus) ?? 0
    focus = panes[(current + step + panes.count) % panes.count]
  }

  private mutating func open() -> [Effect] {
    switch focus {
    case .campaigns:
      focus = .conversations
      return []
    case .conversations:
      guard let conversation = selectedConversation else { return [] }
      return openThread(conversation.id)
    case .thread:
      return []
    }
  }

  public mutating func openThread(_ conversationId: String) -> [Effect] {
    if thread?.conversationId != conversationId { thread = ThreadState(conversationId: conversationId) }
    focus = .thread
    rowMarks[conversationId] = nil
    unread.remove(conversationId)
    return [.loadMessages(conversationId: conversationId)]
  }

  private mutating func back() {
    switch focus {
    case .thread: focus = .conversations
    case .conversations:
      if !textFilter.isEmpty {
        textFilter = ""
        refreshVisibleRows()
      } else {
        focus = .campaigns
      }
    case .campaigns: break
    }
  }

  private mutating func select(_ filter: StatusFilter) {
    statusFilter = filter
    conversationSelection = 0
    refreshVisibleRows()
  }

  /// `n` / `N`: the next flagged conversation across every campaign, oldest flag first.
  private mutating func jumpToReview(forward: Bool) -> [Effect] {
    let queue = reviewQueue
    guard !queue.isEmpty else {
      flash = "No conversation needs review."
      return []
    }
    let current = (thread?.conversationId).flatMap { id in queue.firstIndex { $0.id == id } }
    let next: Int =
      switch current {
      case nil: forward ? 0 : queue.count - 1
      case let position?: (position + (forward ? 1 : -1) + queue.count) % queue.count
      }
    let target = queue[next]
    campaignSelection = 0
    if !statusFilter.matches(target) { statusFilter = .needsReview }
    textFilter = ""
    refreshVisibleRows()
    if let row = visibleRows.firstIndex(where: { index.conversations[$0].id == target.id }) { conversationSelection = row }
    return openThread(target.id)
  }

  /// The conversation the recruiter means: the open thread when it has focus, else the selection.
  private var targetConversation: Conversation? {
    focus == .thread ? openConversation : selectedConversation
  }

  private mutating func askTakeOver() -> [Effect] {
    guard let conversation = targetConversation else { return [] }
    guard conversation.conversationStatus.isActive else {
      flash =
        "Cannot take over: the conversation is \(conversation.conversationStatus.rawValue); only active conversations (ONGOING or awaiting the closing step) can be taken over."
      return []
    }
    let name = TerminalSanitizer.sanitize(conversation.participantName)
    if conversation.isHumanTakeover {
      overlay = .confirm(
        Confirmation(
          title: "Already taken over",
          message: "Someone may already be speaking to \(name). Take over anyway?",
          effect: .takeOver(conversationId: conversation.id)))
      return []
    }
    takeOverInFlight = conversation.id
    return [.takeOver(conversationId: conversation.id)]
  }

  /// The open thread's newest message that could not be sent.
  private var lastFailedMessage: OutboxEntry? {
    thread?.outgoing.last { $0.state == .failed }
  }

  /// `E`: a failed message goes back to the composer to be changed; the failed entry is given
  /// up so it cannot be sent as well.
  private mutating func editFailed(_ failed: OutboxEntry) -> [Effect] {
    begin(.reply, conversationId: failed.conversationId, text: failed.content.text)
    guard let text = composer?.text else { return [] }
    drafts[failed.conversationId] = text
    return [.discardSend(outgoingId: failed.id), .saveDraft(conversationId: failed.conversationId, text: text)]
  }

  /// `T` / `r`: writing to a candidate needs the conversation taken over; offer to take it
  /// over first, or wait for a take-over already on its way (so `t T` typed at once works).
  private mutating func askToWrite(_ followUp: FollowUp, to target: Conversation? = nil) -> [Effect] {
    guard let conversation = target ?? targetConversation else { return [] }
    guard conversation.conversationStatus.isActive else {
      let status = TerminalSanitizer.sanitize(conversation.conversationStatus.rawValue)
      if followUp.isRetry {
        flash = "Cannot send again: the conversation is \(status). E puts the message back in the composer to copy; D gives it up."
      } else {
        flash = "Cannot write: the conversation is \(status); only active conversations accept messages."
      }
      return []
    }
    if conversation.isHumanTakeover {
      return begin(followUp, conversationId: conversation.id)
    }
    if takeOverInFlight == conversation.id {
      afterTakeOver = (conversation.id, followUp)
      return []
    }
    overlay = .confirm(
      Confirmation(
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
      thread = ThreadState(conversationId: conversationId)
      focus = .thread
    }
    switch followUp {
    case .templates:
      let picker = TemplatePicker(conversation: conversation, campaign: campaign(id: conversation.campaignId), templates: templates)
      if picker.choices.isEmpty {
        let channel = (conversation.channel ?? campaign(id: conversation.campaignId)?.channel)?.rawValue ?? "this channel"
        flash = "No templates for \(TerminalSanitizer.sanitize(channel)); r writes a reply instead."
      } else {
        overlay = .templates(picker)
      }
    case .reply:
      composer = ComposerState(text: text ?? drafts[conversationId] ?? "")
      focus = .thread
    case .retry(let outgoingId):
      return [.retrySend(outgoingId: outgoingId, content: nil)]
    }
    return []
  }

  /// A key while the composer is open: edits save the draft; Enter sends; Esc leaves with the
  /// draft kept; Ctrl-E hands the draft to `$EDITOR`.
  mutating func composerKey(_ key: Key) -> [Effect] {
    guard var composer, let conversationId = thread?.conversationId else {
      self.composer = nil
      return []
    }
    flash = nil
    let before = composer.text
    let action = composer.handle(key, keys: composerKeys)
    self.composer = composer
    var effects: [Effect] = []
    if composer.text != before {
      drafts[conversationId] = composer.text.isEmpty ? nil : composer.text
      effects.append(.saveDraft(conversationId: conversationId, text: composer.text))
    }
    switch action {
    case .send?:
      guard !composer.isBlank else {
        flash = "Nothing to send: type a message, or Esc to leave."
        return effects
      }
      guard openConversation?.isHumanTakeover == true else {
        flash = "Not sent: the conversation is no longer taken over (t takes it over again). Your draft is kept."
        return effects
      }
      self.composer = nil
      drafts[conversationId] = nil
      let message = OutboxContent.body(composer.body)
      return [.saveDraft(conversationId: conversationId, text: ""), .send(conversationId: conversationId, content: message)]
    case .leave?:
      self.composer = nil
      if !composer.isBlank { flash = "Draft kept: r picks it up again." }
    case .openEditor?:
      effects.append(.editExternally(conversationId: conversationId, text: composer.text))
    case nil:
      break
    }
    return effects
  }

  /// The text `$EDITOR` left (nil when it failed, with the reason): the draft stays as it was.
  public mutating func finishExternalEdit(conversationId: String, edited: String?, failure: String? = nil) -> [Effect] {
    guard let text = edited else {
      let reason = TerminalSanitizer.sanitize(failure ?? "unknown error")
      flash = "The editor failed: \(reason); the draft is unchanged."
      return []
    }
    guard thread?.conversationId == conversationId else { return [] }
    composer = ComposerState(text: text)
    drafts[conversationId] = text.isEmpty ? nil : text
    return [.saveDraft(conversationId: conversationId, text: text)]
  }

  private mutating func askHandBack() -> [Effect] {
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
    overlay = .confirm(
      Confirmation(
        title: "Hand back", message: "Hand \(TerminalSanitizer.sanitize(conversation.participantName)) back to the AI agent?",
        effect: .handBack(conversationId: conversation.id)))
    return []
  }

  /// The answer to an open confirmation.
  public mutating func confirm(_ accepted: Bool) -> [Effect] {
    guard case .confirm(let confirmation) = overlay else { return [] }
    overlay = nil
    guard accepted else { return [] }
    if case .takeOver(let id) = confirmation.effect {
      takeOverInFlight = id
      if let followUp = confirmation.then { afterTakeOver = (id, followUp) }
    }
    return [confirmation.effect]
  }

  /// A key while the template picker is open: move, Enter sends the selected template, Esc closes.
  mutating func templatesKey(_ key: Key, keymap: Keymap) -> [Effect] {
    guard case .templates(var picker) = overlay else { return [] }
    switch (key, keymap.command(for: key)) {
    case (.escape, _), (_, .back?):
      overlay = nil
      return []
    case (.enter, _):
      overlay = nil
      guard let choice = picker.selected else { return [] }
      return [.send(conversationId: picker.conversationId, content: .template(id: choice.template.id, preview: choice.preview))]
    case (_, .moveDown?): picker.move(by: 1)
    case (_, .moveUp?): picker.move(by: -1)
    case (_, .moveTop?): picker.move(by: -picker.choices.count)
    case (_, .moveBottom?): picker.move(by: picker.choices.count)
    default: return []
    }
    overlay = .templates(picker)
    return []
  }
}
