/// What a key in a form asks of the console around it; edits need nothing.
public enum FormAction: Sendable, Hashable {
  /// Esc: close the form (the values are kept as a draft).
  case close
  /// Checked and ready: send it.
  case submit
}

extension FormState {
  /// Applies a key. Every key is taken, so typing never reaches the console's keymap.
  ///
  /// Tab/Down and S-Tab/Up move between fields, PgDn/PgUp between sections, Enter moves on
  /// (or presses a button), M-Enter breaks a line in long text, C-s submits from anywhere,
  /// Esc closes. Text fields edit like the composer; choices cycle with Left/Right/Space.
  public mutating func handle(_ key: Key) -> FormAction? {
    if confirmation != nil {
      switch key {
      case .character("y"), .character("Y"), .enter: return prepareSubmit(confirmed: true) ? .submit : nil
      case .character("n"), .character("N"), .escape: cancelConfirmation()
      default: break
      }
      return nil
    }
    switch key {
    case .escape: return .close
    case .control("s"): return prepareSubmit() ? .submit : nil
    case .tab, .down, .control("n"):
      moveFocus(by: 1)
      return nil
    case .backTab, .up, .control("p"):
      moveFocus(by: -1)
      return nil
    case .pageDown:
      moveToSection(forward: true)
      return nil
    case .pageUp:
      moveToSection(forward: false)
      return nil
    default: break
    }
    guard let field = focusedField, !isSubmitting else { return nil }
    switch field.kind {
    case .text, .longText:
      if key == .enter {
        moveFocus(by: 1)
      } else {
        edit(field, key)
      }
    case .choice(let choices):
      choose(field, among: choices, key)
    case .toggle:
      toggle(field, key)
    case .button(let button):
      guard key == .enter || key == .space else { return nil }
      switch button {
      case .addQuestion: addQuestion()
      case .submit: return prepareSubmit() ? .submit : nil
      }
    case .readOnly, .section:
      if key == .enter { moveFocus(by: 1) }
    }
    return nil
  }

  private mutating func edit(_ field: FormField, _ key: Key) {
    if field.kind == .text && (key == .altEnter || key == .control("e")) { return }
    var editor = editor?.key == field.key ? editor!.state : ComposerState(text: values[field.key])
    // Up/Down move between fields and Enter moves on, so only M-Enter breaks a line.
    _ = editor.handle(key, keys: ComposerKeys(send: [], newline: field.kind == .longText ? [.altEnter] : []))
    self.editor = FieldEditor(key: field.key, state: editor)
    if values[field.key] != editor.text {
      values[field.key] = editor.text
      if serverError.map({ Self.placement(of: $0, in: fields) == field.key }) == true { serverError = nil }
    }
  }

  private mutating func choose(_ field: FormField, among choices: [FormChoice], _ key: Key) {
    guard !choices.isEmpty else { return }
    let current = choices.firstIndex { $0.value == values[field.key] }
    var next: Int?
    switch key {
    case .right, .space, .character(" "): next = ((current ?? -1) + 1) % choices.count
    case .left: next = ((current ?? 0) - 1 + choices.count) % choices.count
    case .enter: moveFocus(by: 1)
    case .character("x"), .delete:
      if let question = field.questionIndex { removeQuestion(question) }
    case .character("<"):
      if let question = field.questionIndex { moveQuestion(question, by: -1) }
    case .character(">"):
      if let question = field.questionIndex { moveQuestion(question, by: 1) }
    case .character(let letter):
      // A letter jumps to the next choice starting with it, so WhatsApp/SMS/Email are one key.
      let start = (current ?? -1) + 1
      let order = Array(start..<choices.count) + Array(0..<start)
      next = order.first { choices[$0].label.lowercased().hasPrefix(String(letter).lowercased()) }
    default: break
    }
    guard let next, choices[next].value != values[field.key] else { return }
    let position = fields.firstIndex { $0.key == field.key } ?? 0
    values[field.key] = choices[next].value
    settleChoices()
    keepFocus(nearIndex: position)
  }

  private mutating func toggle(_ field: FormField, _ key: Key) {
    switch key {
    case .space, .left, .right, .character(" "): values[field.key] = values.flag(field.key) ? "false" : "true"
    case .character("y"), .character("Y"): values[field.key] = "true"
    case .character("n"), .character("N"): values[field.key] = "false"
    case .enter: moveFocus(by: 1)
    default: break
    }
  }

  mutating func addQuestion() {
    values.questions.append(QuestionDraft())
    focus("questions[\(values.questions.count - 1)].content")
  }

  mutating func removeQuestion(_ index: Int) {
    guard values.questions.indices.contains(index) else { return }
    let position = fields.firstIndex { $0.key == focusKey } ?? 0
    values.questions.remove(at: index)
    if !values.questions.isEmpty {
      focus("questions[\(min(index, values.questions.count - 1))].questionType")
    }
    keepFocus(nearIndex: position)
  }

  mutating func moveQuestion(_ index: Int, by step: Int) {
    let target = index + step
    guard values.questions.indices.contains(index), values.questions.indices.contains(target) else { return }
    values.questions.swapAt(index, target)
    focus("questions[\(target)].questionType")
  }
}
