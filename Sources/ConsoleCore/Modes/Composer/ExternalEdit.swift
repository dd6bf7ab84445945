extension AppState {
  /// The text `$EDITOR` left (nil when it failed, with the reason): the draft stays as it was.
  public mutating func finishExternalEdit(conversationId: String, edited: String?, failure: String? = nil) {
    guard let text = edited else {
      let reason = TerminalSanitizer.sanitize(failure ?? "unknown error")
      flash = "The editor failed: \(reason); the draft is unchanged."
      return
    }
    guard let position = modes.lastIndex(where: { ($0 as? ComposerMode)?.conversationId == conversationId }),
      var composer = modes[position] as? ComposerMode
    else { return }
    composer.replaceText(text, console: &self)
    modes[position] = composer
  }

  /// The reply being written, if the composer is open.
  public var composer: ComposerState? { mode(ComposerMode.self)?.composer }
}
