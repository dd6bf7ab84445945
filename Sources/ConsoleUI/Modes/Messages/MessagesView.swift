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
    LogBox.draw(
      mode.notices, scroll: mode.scroll, rows: MessagesMode.rows(frame.viewport), title: "Messages · \(mode.notices.count)",
      empty: "No messages yet this session.", contexts: mode.keyContexts, in: frame
    ) { notice in
      (Self.time.string(from: notice.at) + "  " + TerminalSanitizer.sanitize(notice.text), .dialog)
    }
    return nil
  }
}
