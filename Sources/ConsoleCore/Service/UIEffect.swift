/// What the UI loop does itself, in the order asked, once the keys and events of a wake-up are handled: the
/// terminal's own output, and drafts (saved in the order typed, never through a task per key).
public enum UIEffect: Sendable, Hashable {
  /// Ring the terminal bell.
  case ringBell
  /// Draw every cell again (C-l).
  case redraw
  /// Save a conversation's draft ("" deletes it).
  case saveDraft(conversationId: String, text: String)
  /// Edit the draft in `$VISUAL`/`$EDITOR`: the UI loop leaves the screen for it.
  case editExternally(conversationId: String, text: String)
}
