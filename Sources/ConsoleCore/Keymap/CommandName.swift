/// A named action. Keys are bound to names in a key context; the `:` prompt runs the panes' names.
///
/// Each mode declares its own commands next to its code (`Modes/<Name>/<Name>Commands.swift`), so adding a screen does
/// not touch a central list. A name is the identity: the same command (`move-down`) may be bound in several contexts.
public struct CommandName: Hashable, Sendable, CustomStringConvertible {
  /// The name used in config files and at the `:` prompt, e.g. "move-down".
  public let rawValue: String
  /// One line for the help, e.g. "Move the selection down".
  public let summary: String
  /// The help's section, e.g. "Navigation".
  public let group: String

  public init(_ rawValue: String, _ summary: String, group: String) {
    self.rawValue = rawValue
    self.summary = summary
    self.group = group
  }

  /// A pane command by name: what `[keymap]` binds and `:` runs.
  public init?(rawValue: String) {
    guard let known = CommandName.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = known
  }

  public static func == (left: CommandName, right: CommandName) -> Bool { left.rawValue == right.rawValue }
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
  public var description: String { rawValue }

  /// The panes' commands (the `global` context), in help order: what `:` runs and `[keymap]` binds.
  public static let allCases: [CommandName] = Keymap.globalDefaults.map(\.command)

  /// The order of the help's sections for the panes.
  static let groupOrder = ["Navigation", "Filters", "Conversation", "Campaign", "General"]

  /// Commands whose name starts with `prefix`, sorted by name, for completion at the `:` prompt.
  /// Case-insensitive, because names are all lowercase and a stray Shift should not hide them.
  public static func completions(for prefix: String) -> [CommandName] {
    let lowercasedPrefix = prefix.lowercased()
    return allCases.filter { $0.rawValue.hasPrefix(lowercasedPrefix) }.sorted { $0.rawValue < $1.rawValue }
  }
}
