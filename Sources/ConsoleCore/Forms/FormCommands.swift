/// A form's keys: the `form` context moves between fields, submits and closes; the `choice` and `toggle`
/// contexts work the field in focus when it is not text (a choice, a question's row, a button; a toggle). A text field is typed in, over `editor`.
public enum FormCommands {
  public static let group = "Forms"

  public static let nextField = CommandName("next-field", "Go to the next field", group: group)
  public static let previousField = CommandName("previous-field", "Go to the previous field", group: group)
  public static let nextSection = CommandName("next-section", "Go to the next section", group: group)
  public static let previousSection = CommandName("previous-section", "Go to the previous section", group: group)
  public static let activate = CommandName("activate", "Press the button, or go to the next field", group: group)
  public static let submit = CommandName("submit", "Check and send the form", group: group)
  public static let closeForm = CommandName("close-form", "Close the form; what was typed is kept as a draft", group: group)

  public static let nextChoice = CommandName("next-choice", "Choose the next value", group: "Form choices")
  public static let previousChoice = CommandName("previous-choice", "Choose the previous value", group: "Form choices")
  public static let removeQuestion = CommandName("remove-question", "Remove this screening question", group: "Form choices")
  public static let questionUp = CommandName("question-up", "Move this question up", group: "Form choices")
  public static let questionDown = CommandName("question-down", "Move this question down", group: "Form choices")

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (nextField, [.tab, .down, .control("n")]),
    (previousField, [.backTab, .up, .control("p")]),
    (nextSection, [.pageDown]),
    (previousSection, [.pageUp]),
    (activate, [.enter]),
    (ComposerCommands.newline, [.altEnter]),
    (submit, [.control("s")]),
    (closeForm, [.escape]),
  ]

  public static let flip = CommandName("flip", "Turn the toggle on or off", group: "Form toggles")
  public static let switchOn = CommandName("switch-on", "Turn the toggle on", group: "Form toggles")
  public static let switchOff = CommandName("switch-off", "Turn the toggle off", group: "Form toggles")

  static let toggleDefaults: [(command: CommandName, keys: [Key])] = [
    (flip, [.space, .right, .left]),
    (switchOn, [.character("y"), .character("Y")]),
    (switchOff, [.character("n"), .character("N")]),
  ]

  static let choiceDefaults: [(command: CommandName, keys: [Key])] = [
    (nextChoice, [.right, .space]),
    (previousChoice, [.left]),
    (removeQuestion, [.character("x"), .delete]),
    (questionUp, [.character("<")]),
    (questionDown, [.character(">")]),
  ]
}
