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
    let entries = mode.entries
    let rect = frame.viewport.auditBox
    let (width, height) = (rect.columns, rect.rows)
    let canvas = frame.screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Audit log · \(entries.count) entries ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    let rows = AuditMode.rows(frame.viewport)
    let end = max(entries.count - mode.scroll, 0)
    let visible = entries[max(end - rows, 0)..<end]
    if entries.isEmpty {
      canvas.draw("Nothing yet: take-overs, sends and hand-backs are recorded here.", row: 1, column: 2, width: width - 4, role: .textDim)
    }
    for (offset, entry) in visible.enumerated() {
      let time = Self.time.string(from: entry.time)
      let outcome = TerminalSanitizer.sanitize(entry.outcome)
      let line =
        "\(time)  \(TextWidth.fit(entry.action.rawValue, to: 13))  \(TextWidth.fit(outcome, to: 18))  "
        + TerminalSanitizer.sanitize(
          "\(entry.conversation.isEmpty ? "campaign " + (entry.campaign ?? "?") : entry.conversation)  \(entry.user)"
            + (entry.detail.map { "  " + $0 } ?? ""))
      let role: StyleRole = entry.outcome == "ok" ? .dialog : .bannerError
      canvas.draw(line, row: 1 + offset, column: 2, width: width - 4, role: role)
    }
    let contexts = mode.keyContexts
    let footer =
      "\(frame.key(.moveDown, in: contexts))/\(frame.key(.moveUp, in: contexts)) scroll · \(frame.key(.close, in: contexts)) closes"
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
    return nil
  }
}
