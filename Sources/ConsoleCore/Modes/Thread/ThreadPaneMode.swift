/// The open thread: moving scrolls back through its history.
struct ThreadPaneMode: PaneMode {
  var keyContexts: [KeyContext] { KeyContext.thread.chain }

  func move(by delta: Int, console: inout AppState) { console.scrollThread(by: delta) }

  func open(console: inout AppState) -> [Effect] { [] }

  func back(console: inout AppState) { console.focus = .conversations }
}
