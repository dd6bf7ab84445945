import ConsoleCore
import Foundation

/// The title bar (what the console is connected to) and the status bar (freshness, messages,
/// key hints).
enum Bars {
  static func title(_ state: AppState, on canvas: any Canvas) {
    let width = canvas.size.columns
    canvas.fill(row: 0, column: 0, width: width, role: .statusBar)
    var column = canvas.draw(" popp-console ", row: 0, column: 0, role: .statusBar)
    if state.connection.isSandbox {
      column += canvas.draw(" SANDBOX ", row: 0, column: column, role: .badgeSandbox)
      column += 1
    }
    let profile = state.connection.profileName.map { TerminalSanitizer.sanitize($0) + " · " } ?? ""
    column += canvas.draw(
      " " + profile + "org " + TerminalSanitizer.sanitize(state.connection.organizationId) + " ", row: 0, column: column,
      role: .badgeProfile)
    let host = TerminalSanitizer.sanitize(state.connection.baseURL.host ?? "")
    let hint = state.connection.isSandbox ? "demo data · no real candidates" : host
    canvas.draw("  " + hint, row: 0, column: column, width: width - column - 8, role: .statusBar)
    let help = state.bindings.key(for: .help, in: state.paneKeyContexts) + " help"
    let helpWidth = TextWidth.columns(help)
    canvas.draw(help, row: 0, column: max(width - helpWidth - 1, 0), width: helpWidth, role: .statusBarKey)
  }

  static func status(_ state: AppState, on canvas: any Canvas, now: Date) {
    let width = canvas.size.columns
    canvas.fill(row: 0, column: 0, width: width, role: .statusBar)
    // The profile in its accent colour, at the start of the line the eye comes back to, so
    // production is never mistaken for a test organization.
    let profile = state.connection.profileName.map { " " + TerminalSanitizer.sanitize($0) + " " } ?? ""
    let start = profile.isEmpty ? 0 : canvas.draw(profile, row: 0, column: 0, width: width / 4, role: .badgeProfile)
    let (text, role) = message(state, now: now)
    // A problem's banner comes first; the key hints take what room it leaves.
    let room = width - start
    let hints = hintText(
      state.bindings, contexts: state.paneKeyContexts,
      width: state.health.problem == nil ? room / 2 : max(room - TextWidth.columns(text) - 4, 0))
    let hintWidth = TextWidth.columns(hints)
    canvas.draw(" " + text, row: 0, column: start, width: room - hintWidth - 2, role: role)
    canvas.draw(hints, row: 0, column: width - hintWidth - 1, width: hintWidth, role: .statusBarKey)
  }

  static func message(_ state: AppState, now: Date) -> (String, StyleRole) {
    let updated = state.health.updatedAt.map { RelativeTime.describe($0, now: now) }
    // Nothing on screen can change while the hub is gone: no flash may hide that.
    if let problem = state.health.problem, problem.isHubGone {
      let text = "HUB GONE · reconnecting · " + (updated.map { "updated \($0)" } ?? "nothing loaded yet") + " · read-only · "
      return (text + TerminalSanitizer.sanitize(problem.reason), .bannerOffline)
    }
    // Freshness is the one thing the bar promises always: a notice waits behind it (`:messages` keeps it).
    if let problem = state.health.problem {
      let retry = max(Int(problem.nextRetryAt.timeIntervalSince(now).rounded(.up)), 0)
      // What a recruiter needs first (how old, when it retries) before the reason, which may be long.
      var text = problem.isOffline ? "OFFLINE" : "STALE"
      text += updated.map { " · updated \($0)" } ?? " · nothing loaded yet"
      text += retry > 0 ? " · retry in \(retry) s (\(state.bindings.key(for: .refresh, in: state.paneKeyContexts)): now)" : " · retrying"
      text += " · " + TerminalSanitizer.sanitize(problem.reason)
      return (text, problem.isOffline ? .bannerOffline : .bannerStale)
    }
    if let notice = state.notice, notice.isShown(at: now) { return (TerminalSanitizer.sanitize(notice.text), .statusBar) }
    if state.isLoading { return ("Loading…", .statusBar) }
    let review = state.index.count(filter: .needsReview, campaignId: nil)
    // First, where a narrow status bar still shows it: freshness and writes are the hub's.
    var text = state.connection.hubPath == nil ? "" : state.connection.pollsDirectly ? "direct, hub gone · " : "via hub · "
    text += "\(state.index.count) conversations · \(review) need review"
    if !state.attention.unread.isEmpty { text += " · \(state.attention.unread.count) unread" }
    if let updated { text += " · updated " + updated }
    if state.connection.isSandbox && state.connection.hubPath == nil {
      text += " · sandbox: set POPP_API_KEY and POPP_ORGANIZATION_ID to reach Popp"
    }
    return (text, .statusBar)
  }

  /// The most useful keys, from the live bindings, as many as fit whole in `width`.
  static func hintText(_ bindings: Bindings, contexts: [KeyContext], width: Int) -> String {
    let wanted: [(CommandName, String)] = [
      (.quit, "quit"), (.help, "help"), (.nextReview, "next review"), (.filter, "filter"), (.open, "open"),
    ]
    var text = ""
    for (command, label) in wanted {
      guard let key = bindings.keys(for: command, in: contexts).first else { continue }
      let hint = (text.isEmpty ? "" : "  ") + key.notation + " " + label
      guard TextWidth.columns(text + hint) <= width else { break }
      text += hint
    }
    return text
  }
}
