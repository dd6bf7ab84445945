/// The panes' commands: what the campaigns pane, the conversation list and the thread do.
extension CommandName {
  public static let moveDown = CommandName("move-down", "Move the selection down", group: "Navigation")
  public static let moveUp = CommandName("move-up", "Move the selection up", group: "Navigation")
  public static let moveTop = CommandName("move-top", "Jump to the first item", group: "Navigation")
  public static let moveBottom = CommandName("move-bottom", "Jump to the last item", group: "Navigation")
  public static let pageDown = CommandName("page-down", "Scroll down one page", group: "Navigation")
  public static let pageUp = CommandName("page-up", "Scroll up one page", group: "Navigation")
  public static let nextPane = CommandName("next-pane", "Focus the next pane", group: "Navigation")
  public static let previousPane = CommandName("previous-pane", "Focus the previous pane", group: "Navigation")
  public static let open = CommandName("open", "Open the selected item", group: "Navigation")
  public static let back = CommandName("back", "Close or go back", group: "Navigation")

  public static let filter = CommandName("filter", "Filter the list by typing", group: "Filters")
  public static let filterAll = CommandName("filter-all", "Show all conversations", group: "Filters")
  public static let filterNeedsReview = CommandName("filter-needs-review", "Show conversations that need review", group: "Filters")
  public static let filterOngoing = CommandName("filter-ongoing", "Show ongoing conversations", group: "Filters")
  public static let filterTakenOver = CommandName("filter-taken-over", "Show conversations you have taken over", group: "Filters")
  public static let filterCompleted = CommandName("filter-completed", "Show completed conversations", group: "Filters")
  public static let filterClosed = CommandName("filter-closed", "Show closed conversations", group: "Filters")

  // The review loop (find the next flagged thread, take over, reply, hand back) reads best as one section.
  public static let nextReview = CommandName(
    "next-review", "Jump to the next conversation that needs review", group: "Conversation")
  public static let previousReview = CommandName(
    "previous-review", "Jump to the previous conversation that needs review", group: "Conversation")
  public static let takeOver = CommandName("take-over", "Take over the conversation from the AI agent", group: "Conversation")
  public static let reply = CommandName("reply", "Reply in free text", group: "Conversation")
  public static let template = CommandName("template", "Reply with a saved template", group: "Conversation")
  public static let handBack = CommandName("hand-back", "Hand the conversation back to the AI agent", group: "Conversation")
  public static let toggleDetails = CommandName("toggle-details", "Show or hide the campaign's details", group: "Conversation")
  public static let toggleOutcomes = CommandName("toggle-outcomes", "Show or hide screening outcomes", group: "Conversation")
  public static let retrySend = CommandName("retry-send", "Send a failed message again", group: "Conversation")
  public static let editFailed = CommandName("edit-failed", "Put a failed message back in the composer", group: "Conversation")
  public static let discardFailed = CommandName("discard-failed", "Give up a failed message", group: "Conversation")

  public static let viewCampaign = CommandName("view-campaign", "Show every field of the selected campaign", group: "Campaign")
  public static let newCampaign = CommandName("new-campaign", "Create a campaign", group: "Campaign")
  public static let editCampaign = CommandName("edit-campaign", "Edit the selected campaign (status included)", group: "Campaign")
  public static let launch = CommandName("launch", "Start a conversation with one candidate", group: "Campaign")
  public static let bulkLaunch = CommandName("bulk-launch", "Start conversations from a CSV file", group: "Campaign")

  public static let commandPrompt = CommandName("command-prompt", "Run a command by name", group: "General")
  public static let help = CommandName("help", "Show this help", group: "General")
  public static let quit = CommandName("quit", "Quit", group: "General")
  public static let redraw = CommandName("redraw", "Redraw the screen", group: "General")
  public static let refresh = CommandName("refresh", "Refresh now instead of waiting for the next poll", group: "General")
  public static let audit = CommandName("audit", "Show the audit log of take-overs, sends and hand-backs", group: "General")
  public static let zoomThread = CommandName(
    "zoom-thread", "Give the open thread the whole width (again: back to the panes)", group: "Conversation")
  public static let messages = CommandName("messages", "Show the status bar's recent messages", group: "General")
  public static let profile = CommandName(
    "profile", "Switch organization: :profile NAME (a [profiles.NAME] of the config)", group: "General")
}

extension Keymap {
  /// The keys design.md promises: vi-style movement plus arrows, number keys for the status filters, and single
  /// letters for the review loop (n/N find, t take over, r reply, T template, h hand back). In help order.
  static let globalDefaults: [(command: CommandName, keys: [Key])] = [
    (.moveDown, [.character("j"), .down]),
    (.moveUp, [.character("k"), .up]),
    (.moveTop, [.character("g"), .home]),
    (.moveBottom, [.character("G"), .end]),
    (.pageDown, [.pageDown, .control("f")]),
    (.pageUp, [.pageUp, .control("b")]),
    (.nextPane, [.tab]),
    (.previousPane, [.backTab]),
    (.open, [.enter]),
    (.back, [.escape]),
    (.filter, [.character("/")]),
    (.filterAll, [.character("1")]),
    (.filterNeedsReview, [.character("2")]),
    (.filterOngoing, [.character("3")]),
    (.filterTakenOver, [.character("4")]),
    (.filterCompleted, [.character("5")]),
    (.filterClosed, [.character("6")]),
    (.status, [.character("s")]),
    (.nextReview, [.character("n")]),
    (.previousReview, [.character("N")]),
    (.takeOver, [.character("t")]),
    (.reply, [.character("r")]),
    (.template, [.character("T")]),
    (.handBack, [.character("h")]),
    (.retrySend, [.control("r")]),
    (.editFailed, [.character("E")]),
    (.discardFailed, [.character("D")]),
    (.toggleDetails, [.character("d")]),
    (.toggleOutcomes, [.character("o")]),
    (.zoomThread, [.character("z")]),
    (.viewCampaign, [.character("v")]),
    (.newCampaign, [.character("c")]),
    (.editCampaign, [.character("e")]),
    (.launch, [.character("a")]),
    (.bulkLaunch, [.character("b")]),
    (.commandPrompt, [.character(":")]),
    (.help, [.character("?")]),
    (.quit, [.character("q")]),
    (.redraw, [.control("l")]),
    (.profile, [.character("P")]),
    (.refresh, [.character("R")]),
    (.audit, [.character("A")]),
    (.messages, [.character("m")]),
  ]

  /// The panes' keys (the `global` context).
  public static let defaults = Keymap(globalDefaults)
}
