import ConsoleCore
import Foundation

/// `:audit`: who took over, sent and handed back what, newest at the bottom.
final class AuditView: ModeView {
  private static let time: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter
  }()

  func draw(_ mode: AuditMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    LogBox.draw(
      mode.entries, scroll: mode.scroll, rows: AuditMode.rows(frame.viewport), title: "Audit log · \(mode.entries.count) entries",
      empty: "Nothing yet: take-overs, sends and hand-backs are recorded here.", contexts: mode.keyContexts, in: frame
    ) { entry in
      let outcome = TerminalSanitizer.sanitize(entry.outcome)
      let text =
        "\(Self.time.string(from: entry.time))  \(TextWidth.fit(entry.action.rawValue, to: 13))  \(TextWidth.fit(outcome, to: 18))  "
        + TerminalSanitizer.sanitize(
          "\(entry.conversation.isEmpty ? "campaign " + (entry.campaign ?? "?") : entry.conversation)  \(entry.user)"
            + (entry.detail.map { "  " + $0 } ?? ""))
      return (text, entry.outcome == "ok" ? .dialog : .bannerError)
    }
    return nil
  }
}
