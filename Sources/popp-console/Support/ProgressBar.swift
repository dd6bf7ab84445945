import ConsoleCore
import Foundation
import Synchronization

/// A progress bar on stderr, redrawn in place, only when stderr is a terminal: stdout stays
/// clean for `--json` and a log file gets no carriage returns.
final class ProgressBar: Sendable {
  private let enabled: Bool
  private let drawn = Mutex(false)

  init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
    self.enabled = enabled
  }

  func update(_ progress: BulkProgress) {
    guard enabled else { return }
    // The note may carry a server's error text: sanitised like everything else printed.
    let line = "\r" + Output.clean(BulkFormat.progressLine(progress)) + "\u{1B}[K"
    drawn.withLock { drawn in
      FileHandle.standardError.write(Data(line.utf8))
      drawn = true
    }
  }

  /// Ends the bar's line so that what follows starts on a fresh one.
  func finish() {
    drawn.withLock { drawn in
      if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
      drawn = false
    }
  }
}

enum StandardError {
  static func print(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
