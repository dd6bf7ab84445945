import ConsoleCore
import Foundation

/// `:messages`: the status bar's messages of this session with their times, newest at the bottom.
final class MessagesView: ModeView {
  private static let time: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "HH:mm:ss"
    return formatter
  }()

  func draw(_ mode: MessagesMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let notices = mode.notices
    let rect = frame.viewport.auditBox
    let (width, height) = (rect.columns, rect.rows)
    let canvas = frame.screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Messages · \(notices.count) ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    let rows = MessagesMode.rows(frame.viewport)
    let end = max(notices.count - mode.scroll, 0)
    if notices.isEmpty {
      canvas.draw("No messages yet this session.", row: 1, column: 2, width: width - 4, role: .textDim)
    }
    for (offset, notice) in notices[max(end - rows, 0)..<end].enumerated() {
      let line = Self.time.string(from: notice.at) + "  " + TerminalSanitizer.sanitize(notice.text)
      canvas.draw(line, row: 1 + offset, column: 2, width: width - 4, role: .dialog)
    }
    let contexts = mode.keyContexts
    let footer =
      "\(frame.key(.moveDown, in: contexts))/\(frame.key(.moveUp, in: contexts)) scroll · \(frame.key(.close, in: contexts)) closes"
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
    return nil
  }
}
