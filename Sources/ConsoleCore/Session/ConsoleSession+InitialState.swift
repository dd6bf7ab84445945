extension ConsoleSession {
  /// The console's state before its first poll answers: this connection, the alert settings,
  /// the saved drafts (forms' reopened as they were left) and whatever the cache holds, so
  /// the first frame shows the last known lists at once.
  public func initialState() async -> AppState {
    var state = AppState(connection: connection)
    state.alerts = alerts
    state.drafts = draftsAtStart
    state.restoreFormDrafts()
    if cacheHadData {
      for event in await engine.cachedState { _ = state.apply(event) }
    }
    return state
  }
}
