public import Foundation
import PoppAPI

/// `b`: a CSV launch from the console, from reading the file to the row-by-row results. Nothing is sent before the
/// recruiter has seen the mapping, the counts and the first problems and said yes.
public struct BulkMode: ConsoleMode, Hashable {
  public var screen: BulkScreen

  public init(_ screen: BulkScreen) { self.screen = screen }

  public var keyContexts: [KeyContext] { screen.confirmingStop ? [.confirm] : [.bulk] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    if screen.confirmingStop {
      switch command {
      case ConfirmCommands.yes:
        screen.confirmingStop = false
        console.flash = "Stopping after the batch in flight…"
        return .stay([.cancelBulk])
      case ConfirmCommands.no: screen.confirmingStop = false
      default: break
      }
      return .stay
    }
    if let moved = console.scrolled(screen.scroll, by: command) {
      screen.scroll = moved
      return .stay
    }
    switch command {
    case BulkCommands.stop:
      switch screen.phase {
      case .preview:
        console.flash = "Nothing was sent."
        return .close
      case .sending: screen.confirmingStop = true
      case .preparing, .failed, .finished: return .close
      }
    case BulkCommands.toggleBusinessHours:
      if case .preview = screen.phase { screen.businessHours.toggle() }
    case BulkCommands.toggleForce:
      if case .preview = screen.phase { screen.force.toggle() }
    case BulkCommands.sendLaunch:
      return .stay(send(console: &console))
    case BulkCommands.nextResultFilter:
      guard case .finished = screen.phase else { break }
      let all = BulkScreen.ResultFilter.allCases
      screen.filter = all[((all.firstIndex(of: screen.filter) ?? 0) + 1) % all.count]
      screen.scroll = 0
    default: break
    }
    return .stay
  }

  private mutating func send(console: inout AppState) -> [Effect] {
    guard let plan = screen.effectivePlan, case .preview(_, let existing) = screen.phase else { return [] }
    guard plan.counts.ready > 0 else {
      console.flash = "Nothing to send: no row is ready (see the problems)."
      return []
    }
    screen.phase = .sending(BulkProgress(total: plan.outgoing.count))
    screen.scroll = 0
    return [
      .sendBulk(campaignId: screen.campaign.id, path: screen.path, plan: plan, existing: existing, businessHours: screen.businessHours)
    ]
  }

  public mutating func apply(_ event: ServiceEvent, console: inout AppState) -> ModeOutcome {
    switch event {
    case .bulkPrepared(let path, let plan, let existing):
      guard screen.path == path, screen.phase == .preparing else { break }
      screen.phase = .preview(plan: plan, existing: existing)
    case .bulkPreparationFailed(let path, let problem):
      if screen.path == path { screen.phase = .failed(problem) }
    case .bulkProgress(let progress):
      if case .sending = screen.phase { screen.phase = .sending(progress) }
    case .bulkFinished(let results, let report, let reportError):
      screen.phase = .finished(results: results, report: report, reportError: reportError)
      screen.confirmingStop = false
      screen.scroll = 0
    default: break
    }
    return .stay
  }
}

extension AppState {
  /// The CSV path typed at the `b` prompt: the launch screen opens and the file is read
  /// away from the UI thread.
  mutating func startBulk(campaignId: String, path: String) -> [Effect] {
    let trimmed = path.trimmingCharacters(in: .whitespaces)
    guard let campaign = campaign(id: campaignId), !trimmed.isEmpty else { return [] }
    let expanded = URL(fileURLWithPath: PathCompletion.expandingTilde(trimmed)).standardizedFileURL.path
    open(BulkMode(BulkScreen(campaign: campaign, path: expanded)))
    return [.prepareBulk(campaign: campaign, path: expanded, defaultCountry: phones.defaultCountry)]
  }
}
