extension CommandName {
  /// Closing a screen that changes nothing: the picker, the help, the audit log, the CSV launch.
  public static let close = CommandName("close", "Close without doing anything", group: "Screens")
}
