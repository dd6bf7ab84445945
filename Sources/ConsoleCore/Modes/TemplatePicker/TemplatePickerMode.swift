/// `T`: choose a template to send; Enter sends the selected one through the outbox.
public struct TemplatePickerMode: ConsoleMode, Hashable {
  public var picker: TemplatePicker

  public init(_ picker: TemplatePicker) { self.picker = picker }

  public var keyContexts: [KeyContext] { [.picker] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case .close: return .close
    case PickerCommands.choose:
      guard let choice = picker.selected else { return .close }
      return .close([
        .send(conversationId: picker.conversationId, content: .template(id: choice.template.id, preview: choice.preview))
      ])
    case .moveDown: picker.move(by: 1)
    case .moveUp: picker.move(by: -1)
    case .moveTop: picker.move(by: -picker.choices.count)
    case .moveBottom: picker.move(by: picker.choices.count)
    default: break
    }
    return .stay
  }
}
