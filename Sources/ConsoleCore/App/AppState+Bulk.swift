import Foundation
import PoppAPI

extension AppState {
  /// The CSV path typed at the `b` prompt: the launch screen opens and the file is read
  /// away from the UI thread.
  mutating func startBulk(campaignId: String, path: String) -> [Effect] {
    let trimmed = path.trimmingCharacters(in: .whitespaces)
    guard let campaign = campaign(id: campaignId), !trimmed.isEmpty else { return [] }
    let expanded = URL(fileURLWithPath: PathCompletion.expandingTilde(trimmed)).standardizedFileURL.path
    overlay = .bulk(BulkScreen(campaign: campaign, path: expanded))
    return [.prepareBulk(campaign: campaign, path: expanded, defaultCountry: phones.defaultCountry)]
  }

  mutating func bulkPrepared(path: String, plan: BulkPlan, existing: ExistingContacts) {
    guard case .bulk(var screen) = overlay, screen.path == path, screen.phase == .preparing else { return }
    screen.phase = .preview(plan: plan, existing: existing)
    overlay = .bulk(screen)
  }

  mutating func bulkUpdate(_ update: (inout BulkScreen) -> Void) {
    guard case .bulk(var screen) = overlay else { return }
    update(&screen)
    overlay = .bulk(screen)
  }

  /// A key while the launch screen is open.
  mutating func bulkKey(_ key: Key, keymap: Keymap) -> [Effect] {
    guard case .bulk(var screen) = overlay else { return [] }
    let command = keymap.command(for: key)
    switch (key, command) {
    case (_, .moveDown?): screen.scroll += 1
    case (_, .moveUp?): screen.scroll = max(screen.scroll - 1, 0)
    case (_, .pageDown?): screen.scroll += pageSize
    case (_, .pageUp?): screen.scroll = max(screen.scroll - pageSize, 0)
    default: break
    }
    var effects: [Effect] = []
    switch screen.phase {
    case .preparing, .failed:
      if key == .escape || command == .back { overlay = nil; return [] }
    case .preview:
      switch key {
      case .escape:
        overlay = nil
        flash = "Nothing was sent."
        return []
      case .character("h"): screen.businessHours.toggle()
      case .character("f"): screen.force.toggle()
      case .character("y"), .enter:
        guard let plan = screen.effectivePlan, case .preview(_, let existing) = screen.phase else { break }
        guard plan.counts.ready > 0 else {
          flash = "Nothing to send: no row is ready (see the problems)."
          break
        }
        screen.phase = .sending(BulkProgress(total: plan.outgoing.count))
        screen.scroll = 0
        effects = [
          .sendBulk(campaignId: screen.campaign.id, path: screen.path, plan: plan, existing: existing, businessHours: screen.businessHours)
        ]
      default: break
      }
    case .sending:
      if screen.confirmingStop {
        switch key {
        case .character("y"), .enter:
          screen.confirmingStop = false
          effects = [.cancelBulk]
          flash = "Stopping after the batch in flight…"
        case .character("n"), .escape: screen.confirmingStop = false
        default: break
        }
      } else if key == .escape || command == .quit {
        screen.confirmingStop = true
      }
    case .finished:
      switch key {
      case .escape:
        overlay = nil
        return []
      case .tab:
        let all = BulkScreen.ResultFilter.allCases
        screen.filter = all[((all.firstIndex(of: screen.filter) ?? 0) + 1) % all.count]
        screen.scroll = 0
      default: break
      }
    }
    overlay = .bulk(screen)
    return effects
  }
}
