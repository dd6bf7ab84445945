import Foundation

/// Saves drafts as they are typed without a write per key: the latest text of each
/// conversation is written ~300 ms after typing pauses, and at least once a second while it
/// goes on, so a killed console or a dropped SSH session loses at most a second of typing.
///
/// A class with a lock rather than an actor so that the UI thread can call `update` directly:
/// it only records the text (no await, no task per key, no reordering of keystrokes). The
/// writes run on a thread of their own rather than the concurrency pool or a dispatch queue
/// (which on Linux share the same few threads), so a pool kept busy by a big first load or
/// blocked work cannot hold a draft back past its second.
public final class DraftSaver: Sendable {
  private struct State {
    var pending: [String: String] = [:]
    var firstPendingAt: ContinuousClock.Instant?
    var lastUpdateAt: ContinuousClock.Instant?
    var writes = 0
    var lastError: String?
    var stopped = false
  }

  /// What the writer thread shares with the saver; the thread holds only this, so the saver
  /// can go away (and stop the thread) when its owner lets go of it.
  private final class Core: @unchecked Sendable {
    let store: WorkflowStore
    let quiet: Duration
    let maxLag: Duration
    /// Guards `state`; the writer waits on it.
    let condition = NSCondition()
    var state = State()
    /// Held while a batch is taken and written, so batches land in order and `flush` waits for
    /// a write in progress.
    let writing = NSLock()

    init(store: WorkflowStore, quiet: Duration, maxLag: Duration) {
      self.store = store
      self.quiet = quiet
      self.maxLag = maxLag
    }

    func withState<T>(_ body: (inout State) -> T) -> T {
      condition.lock()
      defer { condition.unlock() }
      return body(&state)
    }

    /// The writer: sleeps until something is pending, then until its deadline, then writes.
    func run() {
      while true {
        condition.lock()
        while !state.stopped && state.pending.isEmpty { condition.wait() }
        if state.stopped {
          condition.unlock()
          return
        }
        let due = min(state.lastUpdateAt! + quiet, state.firstPendingAt! + maxLag)
        let wait = due - .now
        if wait > .zero {
          _ = condition.wait(until: Date().addingTimeInterval(Self.seconds(wait)))
          condition.unlock()
          continue
        }
        condition.unlock()
        if !writeBatch() {
          // A failed write keeps its texts pending: try again a little later.
          Thread.sleep(forTimeInterval: Self.seconds(maxLag))
        }
      }
    }

    /// Writes what is pending; false when the write failed (the texts stay pending).
    @discardableResult
    func writeBatch() -> Bool {
      writing.lock()
      defer { writing.unlock() }
      let batch = withState { state in
        defer {
          state.pending = [:]
          state.firstPendingAt = nil
          state.lastUpdateAt = nil
        }
        return state.pending
      }
      guard !batch.isEmpty else { return true }
      do {
        try store.saveDrafts(batch)
        withState {
          $0.writes += 1
          $0.lastError = nil
        }
        return true
      } catch {
        withState { state in
          // Put the texts back unless newer ones arrived meanwhile.
          state.pending.merge(batch) { newer, _ in newer }
          state.firstPendingAt = state.firstPendingAt ?? .now
          state.lastUpdateAt = state.lastUpdateAt ?? .now
          state.lastError = "drafts could not be saved: \(error)"
        }
        return false
      }
    }

    static func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
  }

  private let core: Core

  /// `quiet`: the pause after which typing is saved; `maxLag`: the longest a typed text waits.
  public init(store: WorkflowStore, quiet: Duration = .milliseconds(300), maxLag: Duration = .seconds(1)) {
    core = Core(store: store, quiet: quiet, maxLag: maxLag)
    let core = self.core
    let thread = Thread { core.run() }
    thread.name = "popp-console-drafts"
    thread.start()
  }

  deinit {
    core.withState { $0.stopped = true }
    core.condition.broadcast()
  }

  /// Records the composer's text for a conversation; cheap enough to call on every key.
  public func update(conversationId: String, text: String) {
    core.withState { state in
      let now = ContinuousClock.now
      state.pending[conversationId] = text
      state.lastUpdateAt = now
      if state.firstPendingAt == nil { state.firstPendingAt = now }
    }
    core.condition.signal()
  }

  /// The draft to show when a conversation is opened: the text not yet written, else the saved one.
  public func draft(conversationId: String) -> String? {
    if let text = core.withState({ $0.pending[conversationId] }) { return text.isEmpty ? nil : text }
    return try? core.store.draft(conversationId: conversationId)
  }

  /// Writes every pending draft now and returns when it is on disk. The console calls it on
  /// quit and on SIGHUP/SIGTERM before exiting; it blocks for the length of one write.
  public func flush() {
    core.writeBatch()
  }

  /// The last write's error, if it failed (shown in the status bar; the text stays pending).
  public var lastError: String? { core.withState { $0.lastError } }

  var writeCount: Int { core.withState { $0.writes } }
}
