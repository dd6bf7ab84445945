/// The reply being written to the open thread's candidate, at the thread's foot. It takes every key: its own
/// commands, the editor's, and typing. Every change is saved as a draft at once.
public struct ComposerMode: ConsoleMode, Hashable {
  public var conversationId: String
  public var composer: ComposerState

  public init(conversationId: String, text: String) {
    self.conversationId = conversationId
    composer = ComposerState(text: text)
  }

  public var keyContexts: [KeyContext] { KeyContext.composer.chain }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    console.flash = nil
    let before = composer.text
    let action = composer.perform(command)
    saveIfChanged(since: before, console: &console)
    switch action {
    case .send?: return send(console: &console)
    case .leave?:
      if !composer.isBlank { console.flash = "Draft kept: \(console.paneKey(.reply)) picks it up again." }
      return .close
    case .openEditor?:
      console.requestUI(.editExternally(conversationId: conversationId, text: composer.text))
      return .stay
    case nil: return .stay
    }
  }

  public mutating func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.flash = nil
    let before = composer.text
    composer.type(key)
    saveIfChanged(since: before, console: &console)
    return .stay
  }

  /// The text `$EDITOR` left replaces the draft.
  public mutating func replaceText(_ text: String, console: inout AppState) {
    composer = ComposerState(text: text)
    console.drafts[conversationId] = text.isEmpty ? nil : text
    console.requestUI(.saveDraft(conversationId: conversationId, text: text))
  }

  private func saveIfChanged(since before: String, console: inout AppState) {
    guard composer.text != before else { return }
    console.drafts[conversationId] = composer.text.isEmpty ? nil : composer.text
    console.requestUI(.saveDraft(conversationId: conversationId, text: composer.text))
  }

  private mutating func send(console: inout AppState) -> ModeOutcome {
    guard !composer.isBlank else {
      console.flash = "Nothing to send: type a message, or \(console.bindings.key(for: ComposerCommands.leave, in: keyContexts)) to leave."
      return .stay
    }
    guard console.openConversation?.id == conversationId, console.openConversation?.isHumanTakeover == true else {
      console.flash =
        "Not sent: the conversation is no longer taken over (\(console.paneKey(.takeOver)) takes it over again). Your draft is kept."
      return .stay
    }
    console.drafts[conversationId] = nil
    console.requestUI(.saveDraft(conversationId: conversationId, text: ""))
    return .close([.send(conversationId: conversationId, content: .body(composer.body))])
  }
}
