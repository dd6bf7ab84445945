/// Where a key is looked up: each mode reads the bindings of its context, then of the context's parents. A config
/// rebinds keys per context in `[keymap.<context>]`; `[keymap]` alone is `global`.
public enum KeyContext: String, CaseIterable, Sendable {
  /// The panes' commands, shared by the campaigns pane, the conversation list and the thread.
  case global
  /// The campaigns pane and the conversation list (over `global`).
  case list
  /// The open thread (over `global`).
  case thread
  /// Writing a reply (over `editor`).
  case composer
  /// Moving and deleting in any text being typed: the composer, the prompt line, a form's text field.
  case editor
  /// The one-line prompt at the foot: `/`, `:` and the CSV path (over `editor`).
  case prompt
  /// A yes/no question.
  case confirm
  /// The template picker.
  case picker
  /// Campaign and launch forms (over `editor` in a text field, `toggle` on a toggle, `choice` elsewhere).
  case form
  /// A form's choices, question rows and buttons.
  case choice
  /// A form's yes/no toggles.
  case toggle
  /// The CSV launch: preview, progress and results.
  case bulk
  /// Read-only screens that scroll: the help and the audit log.
  case pager
  /// The view of a campaign's fields (over `pager`).
  case campaign

  /// Contexts consulted after this one, nearest first.
  public var parents: [KeyContext] {
    switch self {
    case .list, .thread: [.global]
    case .composer, .prompt: [.editor]
    case .campaign: [.pager]
    case .global, .editor, .confirm, .picker, .form, .choice, .toggle, .bulk, .pager: []
    }
  }

  /// This context and its parents, in lookup order. Looked up for every key and every hint drawn, so worked out
  /// once.
  public var chain: [KeyContext] { Self.chains[self] ?? [self] }

  private static let chains: [KeyContext: [KeyContext]] = {
    func chain(_ context: KeyContext) -> [KeyContext] { [context] + context.parents.flatMap(chain) }
    return Dictionary(uniqueKeysWithValues: allCases.map { ($0, chain($0)) })
  }()

  /// The heading of this context's keys in the help.
  public var title: String {
    switch self {
    case .global: "Panes"
    case .list: "Lists"
    case .thread: "Thread"
    case .composer: "Reply"
    case .editor: "Editing text"
    case .prompt: "Prompt line"
    case .confirm: "Questions"
    case .picker: "Template picker"
    case .form: "Forms"
    case .choice: "Form choices"
    case .toggle: "Form toggles"
    case .bulk: "CSV launch"
    case .pager: "Scrolling views"
    case .campaign: "Campaign view"
    }
  }

  /// The built-in keys of the context, in help order. Each mode declares its own beside its code; this is the one
  /// place that registers them.
  public var defaultBindings: [(command: CommandName, keys: [Key])] {
    switch self {
    case .global: Keymap.globalDefaults
    case .list: []
    case .thread: []
    case .composer: ComposerCommands.defaults
    case .editor: EditorCommands.defaults
    case .prompt: PromptCommands.defaults
    case .confirm: ConfirmCommands.defaults
    case .picker: PickerCommands.defaults
    case .form: FormCommands.defaults
    case .choice: FormCommands.choiceDefaults
    case .toggle: FormCommands.toggleDefaults
    case .bulk: BulkCommands.defaults
    case .pager: PagerCommands.defaults
    case .campaign: CampaignViewCommands.defaults
    }
  }

  /// Commands a config may bind here: the context's own and its parents' (to override them for this context only).
  public var bindableCommands: [CommandName] {
    var seen = Set<CommandName>()
    return chain.flatMap { $0.defaultBindings.map(\.command) }.filter { seen.insert($0).inserted }
  }
}
