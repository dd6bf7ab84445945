/// The open thread: moving scrolls back through its history.
struct ThreadPaneMode: PaneMode {
  var keyContexts: [KeyContext] { KeyContext.thread.chain }

  func move(by delta: Int, console: inout AppState) { console.scrollThread(by: delta) }

  func open(console: inout AppState) -> [Effect] { [] }

  /// Esc leaves a zoomed thread for the panes first, then the thread for the list.
  func back(console: inout AppState) {
    if console.threadZoomed {
      console.threadZoomed = false
    } else {
      console.focus = .conversations
    }
  }
}
