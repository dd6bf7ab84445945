import Foundation
import PoppAPI

extension AppState {
  /// The distance a movement command goes in a list, or nil for another command. g and G go by half of Int's
  /// range; each list stops at its ends.
  func movement(_ command: CommandName, pageSize: Int) -> Int? {
    switch command {
    case .moveDown: 1
    case .moveUp: -1
    case .pageDown: max(pageSize - 1, 1)
    case .pageUp: -max(pageSize - 1, 1)
    case .moveTop: Int.min / 2
    case .moveBottom: Int.max / 2
    default: nil
    }
  }

  static func clamp(_ value: Int, by delta: Int, count: Int) -> Int {
    guard count > 0 else { return 0 }
    let target = delta > 0 ? (value > Int.max - delta ? Int.max : value + delta) : (value < Int.min - delta ? Int.min : value + delta)
    return min(max(target, 0), count - 1)
  }

  /// Carries out a command every pane shares (from its key, or from the `:` prompt).
  public mutating func performPaneCommand(_ command: CommandName) -> [Effect] {
    flash = nil
    switch command {
    case .nextPane: cycleFocus(by: 1)
    case .previousPane: cycleFocus(by: -1)
    case .open, .back, .moveDown, .moveUp, .pageDown, .pageUp, .moveTop, .moveBottom:
      var pane = paneMode
      return pane.perform(command, console: &self).effects
    case .filter: open(PromptMode(kind: .filter, text: textFilter))
    case .commandPrompt: open(PromptMode(kind: .command))
    case .help: open(HelpMode(contexts: paneMode.keyContexts))
    case .quit: quitRequested = true
    case .redraw: requestUI(.redraw)
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
    case .zoomThread:
      guard thread != nil else {
        flash = "Open a conversation first (\(paneKey(.open))): \(paneKey(.zoomThread)) gives its thread the whole width"
        return []
      }
      threadZoomed.toggle()
      if threadZoomed { focus = .thread }
    case .messages:
      close(MessagesMode.self)
      open(MessagesMode(notices: messageHistory))
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
      open(CampaignDetailMode(campaignId: campaign.id))
    case .profile: return switchProfile(to: nil)
    case .status: cycleStatusFilter()
    case .newCampaign: openForm(.newCampaign)
    case .editCampaign:
      guard let campaign = targetCampaign(for: "edit") else { return [] }
      openForm(.editCampaign(campaign))
    case .launch:
      guard let campaign = targetCampaign(for: "start a conversation in") else { return [] }
      openForm(.launch(campaign))
    case .bulkLaunch:
      guard let campaign = targetCampaign(for: "launch a CSV into") else { return [] }
      open(PromptMode(kind: .csvPath(campaignId: campaign.id)))
    default: break
    }
    return []
  }

  private mutating func cycleFocus(by step: Int) {
    // A folded-away pane is still a stop: Tab onto the campaigns unfolds them, since the layout follows the focus.
    let panes: [PaneID] = thread == nil ? [.campaigns, .conversations] : PaneID.allCases
    let current = panes.firstIndex(of: focus) ?? 0
    focus = panes[(current + step + panes.count) % panes.count]
  }

  public mutating func openThread(_ conversationId: String) -> [Effect] {
    if thread?.conversationId != conversationId { thread = ThreadState(conversationId: conversationId) }
    reviewJump = nil
    focus = .thread
    attention.open(conversationId)
    return [.loadMessages(conversationId: conversationId)]
  }

  mutating func select(_ filter: StatusFilter) {
    statusFilter = filter
    conversationSelection = 0
    refreshVisibleRows()
  }

  /// `:status` with no name: the next status tab.
  private mutating func cycleStatusFilter() {
    let all = StatusFilter.allCases
    select(all[((all.firstIndex(of: statusFilter) ?? 0) + 1) % all.count])
  }

  /// `n` / `N`: the next flagged conversation across every campaign, oldest flag first.
  mutating func jumpToReview(forward: Bool) -> [Effect] {
    let flagged = reviewQueue
    guard !flagged.isEmpty else {
      flash = "No conversation needs review."
      return []
    }
    // Flags a colleague has open or holds are theirs: passed by (still reachable with j/k and the Review tab).
    let open = thread?.conversationId
    let queue = flagged.filter { $0.id == open || !team.isClaimedByOthers($0.id) }
    let passedBy = flagged.count - queue.count
    guard passedBy == 0 || queue.contains(where: { $0.id != open }) else {
      flash =
        "Every other flagged conversation is open with a colleague (\(passedBy)): \(paneKey(.filterNeedsReview)) lists them all."
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
    let effects = openThread(target.id)
    reviewJump = target.id
    return effects
  }
}
