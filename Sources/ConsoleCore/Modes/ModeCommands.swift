extension CommandName {
  /// Closing a screen that changes nothing: the picker, the help, the audit log, the CSV launch.
  public static let close = CommandName("close", "Close without doing anything", group: "Screens")
}

extension AppState {
  /// Where a scroll goes for a movement command (j, k, a page, g, G), kept within `0...limit`; nil for another
  /// command. `reversed` for a view scrolled up from its end (the audit log).
  func scrolled(_ value: Int, by command: CommandName, limit: Int = Int.max / 2, reversed: Bool = false) -> Int? {
    guard let delta = movement(command, pageSize: pageSize) else { return nil }
    return min(max(reversed ? value - delta : value + delta, 0), max(limit, 0))
  }
}
