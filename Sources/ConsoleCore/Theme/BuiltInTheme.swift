extension Theme {
  /// The theme used when none is configured or the configured one cannot be read. Compiled in, so the console
  /// looks right even when no theme folder is installed; it is a verbatim copy of `themes/default-dark.toml`
  /// (a test keeps them equal).
  public static let builtInDefault: Theme = {
    do {
      return try ThemeLoader.parse(builtInDefaultSource, file: "built-in default-dark.toml", fallback: .plain)
    } catch {
      // Unreachable while the tests pass; a console in terminal colours beats one that cannot start.
      return .plain
    }
  }()

  static let builtInDefaultSource = #"""
    # Popp console theme: see README.md in this folder for the format and the roles.
    # The built-in default is a copy of this file (Sources/ConsoleCore/Theme/BuiltInTheme.swift); keep them equal.
    name = "Default dark"
    description = "For dark terminals: keeps your terminal's own background and text colour and adds calm accents."

    [palette]
    muted          = "#8a8a8a"  # secondary text
    faint          = "#585858"  # borders
    accent         = "#5fafff"  # focus
    selection      = "#005f87"  # the cursor row
    selection-idle = "#3a3a3a"  # the cursor row of other panes
    bar            = "#303030"  # status bar
    panel          = "#262626"  # dialogs
    ink            = "#ffffff"
    dark           = "#000000"  # text on bright badges
    good           = "#87d787"
    warn           = "#ffaf00"
    bad            = "#ff5f5f"
    taken          = "#d787ff"
    info           = "#5fd7d7"
    steel          = "#87afd7"
    highlight      = "#ffd75f"
    sandbox        = "#ff8700"
    alarm          = "#af0000"

    # --- Text ---

    # body text; its colours are the screen's, and roles without fg/bg take them
    [roles."text.normal"]
    fg = "default"
    bg = "default"
    mono = []

    # secondary text: ids, counts, hints
    [roles."text.dim"]
    fg = "muted"
    mono = ["dim"]

    # column headers
    [roles."text.header"]
    fg = "#bcbcbc"
    attrs = ["bold"]
    mono = ["bold", "underline"]

    # control characters from candidates, shown as visible symbols
    [roles."text.inert"]
    fg = "#af87ff"
    mono = ["underline"]

    # --- Panes ---

    [roles."pane.border"]
    fg = "faint"
    fg8 = "default"
    mono = []

    # title of a pane without focus
    [roles."pane.title"]
    fg = "muted"
    attrs = ["bold"]
    mono = []

    [roles."pane.title.focused"]
    fg = "accent"
    attrs = ["bold"]
    fg8 = "cyan"
    mono = ["reverse", "bold"]

    # --- Lists ---

    # the cursor row in the focused pane
    [roles."list.selected"]
    fg = "ink"
    bg = "selection"
    attrs = ["bold"]
    fg16 = "bright-white"
    bg16 = "blue"
    mono = ["reverse", "bold"]

    # the cursor row in other panes
    [roles."list.selected_unfocused"]
    fg = "#d0d0d0"
    bg = "selection-idle"
    fg16 = "bright-white"
    bg16 = "bright-black"
    fg8 = "black"
    bg8 = "white"
    mono = ["underline"]

    # a conversation that appeared since you last looked
    [roles."list.new"]
    fg = "good"
    attrs = ["bold"]
    mono = ["bold", "underline"]

    # a conversation that changed since you last looked
    [roles."list.changed"]
    fg = "info"
    mono = ["bold"]

    # unread candidate messages
    [roles."list.unread"]
    fg = "ink"
    attrs = ["bold"]
    mono = ["bold"]

    # the text a filter matched
    [roles."list.match"]
    fg = "dark"
    bg = "highlight"
    attrs = ["bold"]
    mono = ["underline", "bold"]

    # --- Conversation statuses ---

    # flagged for a human: must stand out
    [roles."status.needs_review"]
    fg = "warn"
    attrs = ["bold"]
    fg16 = "bright-yellow"
    mono = ["reverse", "bold"]

    [roles."status.ongoing"]
    fg = "steel"
    fg8 = "cyan"
    mono = []

    # a recruiter is speaking, the agent is quiet
    [roles."status.taken_over"]
    fg = "taken"
    attrs = ["bold"]
    mono = ["bold", "underline"]

    [roles."status.completed"]
    fg = "good"
    mono = []

    # screening failed, delivery failed, opted out
    [roles."status.failed"]
    fg = "bad"
    mono = []

    # created or queued, nothing sent yet
    [roles."status.queued"]
    fg = "#767676"
    fg8 = "default"
    mono = ["dim"]

    # a status this console does not know yet
    [roles."status.unknown"]
    fg = "muted"
    attrs = ["italic"]
    mono = ["dim"]

    # --- Thread ---

    [roles."message.candidate"]
    fg = "#5fd7ff"
    attrs = ["bold"]
    mono = ["bold"]

    # Popp's AI agent
    [roles."message.agent"]
    fg = "#87afff"
    attrs = ["bold"]
    fg8 = "default"
    mono = ["bold"]

    # the recruiter
    [roles."message.you"]
    fg = "good"
    attrs = ["bold"]
    mono = ["bold", "underline"]

    # notes such as takeover and hand-back
    [roles."message.system"]
    fg = "muted"
    attrs = ["italic"]
    mono = ["dim"]

    # timestamps, channel, delivery state
    [roles."message.meta"]
    fg = "#6c6c6c"
    fg8 = "default"
    mono = ["dim"]

    # --- Badges and banners: must be unmistakable ---

    # nothing here reaches a real candidate
    [roles."badge.sandbox"]
    fg = "dark"
    bg = "sandbox"
    attrs = ["bold"]
    mono = ["reverse", "bold"]

    # which organization you are in
    [roles."badge.profile"]
    fg = "dark"
    bg = "steel"
    fg8 = "white"
    mono = ["reverse"]

    # data is older than it should be
    [roles."banner.stale"]
    fg = "dark"
    bg = "highlight"
    attrs = ["bold"]
    mono = ["reverse", "bold"]

    # the API cannot be reached
    [roles."banner.offline"]
    fg = "ink"
    bg = "alarm"
    attrs = ["bold"]
    mono = ["reverse", "bold"]

    [roles."banner.error"]
    fg = "ink"
    bg = "#d70000"
    attrs = ["bold"]
    mono = ["reverse", "bold"]

    # --- Status bar, tabs, dialogs, help ---

    [roles."statusbar"]
    fg = "#d0d0d0"
    bg = "bar"
    fg16 = "black"
    bg16 = "white"
    mono = ["reverse"]

    # key hints inside the status bar
    [roles."statusbar.key"]
    fg = "highlight"
    bg = "bar"
    attrs = ["bold"]
    fg16 = "blue"
    bg16 = "white"
    mono = ["reverse", "bold"]

    # the status filter in force
    [roles."tab.active"]
    fg = "ink"
    bg = "selection"
    attrs = ["bold"]
    fg16 = "bright-white"
    bg16 = "blue"
    mono = ["reverse", "bold"]

    [roles."tab.inactive"]
    fg = "muted"
    mono = []

    [roles."dialog"]
    fg = "#e4e4e4"
    bg = "panel"
    mono = []

    [roles."dialog.title"]
    fg = "accent"
    bg = "panel"
    attrs = ["bold"]
    fg8 = "cyan"
    mono = ["bold"]

    # the : command line and the / filter
    [roles."prompt"]
    fg = "accent"
    attrs = ["bold"]
    fg8 = "cyan"
    mono = ["bold"]

    [roles."help.key"]
    fg = "highlight"
    attrs = ["bold"]
    mono = ["bold"]

    [roles."help.text"]
    fg = "default"
    mono = []

    # waited longer than it should have
    [roles."sla.breached"]
    fg = "bad"
    attrs = ["bold"]
    mono = ["reverse", "bold"]
    """#
}
