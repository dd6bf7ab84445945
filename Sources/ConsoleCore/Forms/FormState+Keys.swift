/// What a form's command asks of the console around it; edits need nothing.
public enum FormAction: Sendable, Hashable {
  /// Close the form (the values are kept as a draft).
  case close
  /// Checked and ready: send it.
  case submit
}

extension FormState {
  /// Where the form's keys are looked up now: the question's answers while it asks one, the text editor in a text
  /// field, the field's choices anywhere else.
  public var keyContexts: [KeyContext] {
    if confirmation != nil { return [.confirm] }
    switch focusedField?.kind {
    case .text?, .longText?: return isSubmitting ? [.form] : [.form, .editor]
    case .toggle?: return [.form, .toggle]
    default: return [.form, .choice]
    }
  }

  /// Applies a key as `bindings` say: a command of the form's contexts, or typing.
  public mutating func handle(_ key: Key, bindings: Bindings = .defaults) -> FormAction? {
    guard let command = bindings.command(for: key, in: keyContexts) else {
      type(key)
      return nil
    }
    return perform(command)
  }

  /// Carries out a command of the `form`, `choice`, `toggle`, `editor` or `confirm` context.
  public mutating func perform(_ command: CommandName) -> FormAction? {
    if confirmation != nil {
      switch command {
      case ConfirmCommands.yes: return prepareSubmit(confirmed: true) ? .submit : nil
      case ConfirmCommands.no: cancelConfirmation()
      default: break
      }
      return nil
    }
    switch command {
    case FormCommands.closeForm: return .close
    case FormCommands.submit: return prepareSubmit() ? .submit : nil
    case FormCommands.nextField: moveFocus(by: 1)
    case FormCommands.previousField: moveFocus(by: -1)
    case FormCommands.nextSection: moveToSection(forward: true)
    case FormCommands.previousSection: moveToSection(forward: false)
    default:
      guard let field = focusedField, !isSubmitting else { return nil }
      return perform(command, on: field)
    }
    return nil
  }

  private mutating func perform(_ command: CommandName, on field: FormField) -> FormAction? {
    switch (field.kind, command) {
    case (.button(let button), FormCommands.activate), (.button(let button), FormCommands.nextChoice):
      switch button {
      case .addQuestion: addQuestion()
      case .submit: return prepareSubmit() ? .submit : nil
      }
    case (_, FormCommands.activate): moveFocus(by: 1)
    case (.longText, ComposerCommands.newline): editText(field) { $0.newline() }
    case (.text, _), (.longText, _): editText(field) { $0.edit(command) }
    case (.choice(let choices), FormCommands.nextChoice): choose(field, among: choices, step: 1)
    case (.choice(let choices), FormCommands.previousChoice): choose(field, among: choices, step: -1)
    case (.choice, FormCommands.removeQuestion):
      if let question = field.questionIndex { removeQuestion(question) }
    case (.choice, FormCommands.questionUp):
      if let question = field.questionIndex { moveQuestion(question, by: -1) }
    case (.choice, FormCommands.questionDown):
      if let question = field.questionIndex { moveQuestion(question, by: 1) }
    case (.toggle, FormCommands.flip):
      values[field.key] = values.flag(field.key) ? "false" : "true"
    case (.toggle, FormCommands.switchOn): values[field.key] = "true"
    case (.toggle, FormCommands.switchOff): values[field.key] = "false"
    default: break
    }
    return nil
  }

  /// A key no binding claims: text goes into a text field; a letter on a choice jumps to the next choice starting
  /// with it, so WhatsApp/SMS/Email are one key.
  public mutating func type(_ key: Key) {
    guard confirmation == nil, let field = focusedField, !isSubmitting else { return }
    switch field.kind {
    case .text:
      switch key {
      case .paste(let pasted): editText(field) { $0.insert(OneLineText.from(pasted: pasted)) }
      // An Enter left unbound must not put a line break in a one-line field.
      case .enter, .altEnter: break
      default: editText(field) { $0.type(key) }
      }
    case .longText:
      editText(field) { $0.type(key) }
    case .choice(let choices):
      guard case .character(let letter) = key, !choices.isEmpty else { return }
      let current = choices.firstIndex { $0.value == values[field.key] }
      let start = (current ?? -1) + 1
      let order = Array(start..<choices.count) + Array(0..<start)
      guard let next = order.first(where: { choices[$0].label.lowercased().hasPrefix(String(letter).lowercased()) }) else { return }
      select(choices[next].value, in: field)
    default: break
    }
  }

  private mutating func editText(_ field: FormField, _ change: (inout ComposerState) -> Void) {
    var editor = editor?.key == field.key ? editor!.state : ComposerState(text: values[field.key])
    change(&editor)
    self.editor = FieldEditor(key: field.key, state: editor)
    if values[field.key] != editor.text {
      values[field.key] = editor.text
      if serverError.map({ Self.placement(of: $0, in: fields) == field.key }) == true { serverError = nil }
    }
  }

  private mutating func choose(_ field: FormField, among choices: [FormChoice], step: Int) {
    guard !choices.isEmpty else { return }
    let current = choices.firstIndex { $0.value == values[field.key] }
    let next = step > 0 ? ((current ?? -1) + 1) % choices.count : ((current ?? 0) - 1 + choices.count) % choices.count
    select(choices[next].value, in: field)
  }

  private mutating func select(_ value: String, in field: FormField) {
    guard value != values[field.key] else { return }
    let position = fields.firstIndex { $0.key == field.key } ?? 0
    values[field.key] = value
    settleChoices()
    keepFocus(nearIndex: position)
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
