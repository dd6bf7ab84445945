/// Every user-visible action is a named command. Raw values are the names used in config files and the `:` prompt.
///
/// Case order is the order of the help overlay within each group.
public enum CommandName: String, Sendable, CaseIterable {
  case moveDown = "move-down", moveUp = "move-up", moveTop = "move-top", moveBottom = "move-bottom"
  case pageDown = "page-down", pageUp = "page-up"
  case nextPane = "next-pane", previousPane = "previous-pane"
  case open = "open", back = "back"
  case filter = "filter", commandPrompt = "command-prompt", help = "help", quit = "quit", redraw = "redraw"
  case filterAll = "filter-all", filterNeedsReview = "filter-needs-review", filterOngoing = "filter-ongoing"
  case filterTakenOver = "filter-taken-over", filterCompleted = "filter-completed", filterClosed = "filter-closed"
  case nextReview = "next-review", previousReview = "previous-review"
  case takeOver = "take-over", reply = "reply", template = "template", handBack = "hand-back"
  case retrySend = "retry-send", editFailed = "edit-failed", discardFailed = "discard-failed"
  case viewCampaign = "view-campaign", newCampaign = "new-campaign", editCampaign = "edit-campaign", launch = "launch", bulkLaunch =
    "bulk-launch"
  case profile = "profile"
  case toggleDetails = "toggle-details", toggleOutcomes = "toggle-outcomes", refresh = "refresh", audit = "audit"

  /// One line for the help overlay, e.g. "Move the selection down".
  public var summary: String {
    switch self {
    case .moveDown: "Move the selection down"
    case .moveUp: "Move the selection up"
    case .moveTop: "Jump to the first item"
    case .moveBottom: "Jump to the last item"
    case .pageDown: "Scroll down one page"
    case .pageUp: "Scroll up one page"
    case .nextPane: "Focus the next pane"
    case .previousPane: "Focus the previous pane"
    case .open: "Open the selected item"
    case .back: "Close or go back"
    case .filter: "Filter the list by typing"
    case .commandPrompt: "Run a command by name"
    case .help: "Show this help"
    case .quit: "Quit"
    case .redraw: "Redraw the screen"
    case .filterAll: "Show all conversations"
    case .filterNeedsReview: "Show conversations that need review"
    case .filterOngoing: "Show ongoing conversations"
    case .filterTakenOver: "Show conversations you have taken over"
    case .filterCompleted: "Show completed conversations"
    case .filterClosed: "Show closed conversations"
    case .nextReview: "Jump to the next conversation that needs review"
    case .previousReview: "Jump to the previous conversation that needs review"
    case .takeOver: "Take over the conversation from the AI agent"
    case .reply: "Reply in free text"
    case .template: "Reply with a saved template"
    case .handBack: "Hand the conversation back to the AI agent"
    case .toggleDetails: "Show or hide the campaign's details"
    case .toggleOutcomes: "Show or hide screening outcomes"
    case .refresh: "Refresh now instead of waiting for the next poll"
    case .retrySend: "Send a failed message again"
    case .editFailed: "Put a failed message back in the composer"
    case .discardFailed: "Give up a failed message"
    case .audit: "Show the audit log of take-overs, sends and hand-backs"
    case .viewCampaign: "Show every field of the selected campaign"
    case .profile: "Switch organization: :profile NAME (a [profiles.NAME] of the config)"
    case .newCampaign: "Create a campaign"
    case .editCampaign: "Edit the selected campaign (status included)"
    case .launch: "Start a conversation with one candidate"
    case .bulkLaunch: "Start conversations from a CSV file"
    }
  }

  /// Grouping for the help overlay: "Navigation", "Filters", "Conversation", "General".
  public var group: String {
    switch self {
    case .moveDown, .moveUp, .moveTop, .moveBottom, .pageDown, .pageUp, .nextPane, .previousPane, .open, .back:
      "Navigation"
    case .filter, .filterAll, .filterNeedsReview, .filterOngoing, .filterTakenOver, .filterCompleted, .filterClosed:
      "Filters"
    // The review loop (find the next flagged thread, take over, reply, hand back) reads best as one section.
    case .nextReview, .previousReview, .takeOver, .reply, .template, .handBack, .toggleDetails, .toggleOutcomes, .retrySend,
      .editFailed, .discardFailed:
      "Conversation"
    case .viewCampaign, .newCampaign, .editCampaign, .launch, .bulkLaunch:
      "Campaign"
    case .commandPrompt, .help, .quit, .redraw, .refresh, .audit, .profile:
      "General"
    }
  }

  /// The order of the help overlay's sections.
  static let groupOrder = ["Navigation", "Filters", "Conversation", "Campaign", "General"]

  /// Commands whose name starts with `prefix`, sorted by name, for completion at the `:` prompt.
  /// Case-insensitive, because names are all lowercase and a stray Shift should not hide them.
  public static func completions(for prefix: String) -> [CommandName] {
    let lowercasedPrefix = prefix.lowercased()
    return allCases.filter { $0.rawValue.hasPrefix(lowercasedPrefix) }.sorted { $0.rawValue < $1.rawValue }
  }
}
