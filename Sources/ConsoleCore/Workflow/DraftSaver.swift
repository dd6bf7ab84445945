import Foundation
import Synchronization

/// Saves drafts as they are typed without a write per key: the latest text of each
/// conversation is written ~300 ms after typing pauses, and at least once a second while it
/// goes on, so a killed console or a dropped SSH session loses at most a second of typing.
///
/// A class with a lock rather than an actor so that the UI thread can call `update` directly:
/// it only records the text (no await, no task per key, no reordering of keystrokes). The
/// writes run on a serial dispatch queue of their own rather than the concurrency pool, so a
/// pool kept busy by a big first load cannot hold a draft back past its second.
public final class DraftSaver: Sendable {
  private struct State {
    var pending: [String: String] = [:]
    var firstPendingAt: ContinuousClock.Instant?
    var lastUpdateAt: ContinuousClock.Instant?
    var timerRunning = false
    var writes = 0
    var lastError: String?
  }

  private let store: WorkflowStore
  private let quiet: Duration
  private let maxLag: Duration
  private let state = Mutex(State())
  private let queue = DispatchQueue(label: "popp-console.drafts", qos: .userInitiated)
  /// Held while a batch is taken and written, so batches land in order and `flush` waits for
  /// a write in progress.
  private let writing = Mutex(())

  /// `quiet`: the pause after which typing is saved; `maxLag`: the longest a typed text waits.
  public init(store: WorkflowStore, quiet: Duration = .milliseconds(300), maxLag: Duration = .seconds(1)) {
    self.store = store
    self.quiet = quiet
    self.maxLag = maxLag
  }

  /// Records the composer's text for a conversation; cheap enough to call on every key.
  public func update(conversationId: String, text: String) {
    let startTimer = state.withLock { state in
      let now = ContinuousClock.now
      state.pending[conversationId] = text
      state.lastUpdateAt = now
      if state.firstPendingAt == nil { state.firstPendingAt = now }
      defer { state.timerRunning = true }
      return !state.timerRunning
    }
    if startTimer { wake(after: quiet) }
  }

  /// The draft to show when a conversation is opened: the text not yet written, else the saved one.
  public func draft(conversationId: String) -> String? {
    if let text = state.withLock({ $0.pending[conversationId] }) { return text.isEmpty ? nil : text }
    return try? store.draft(conversationId: conversationId)
  }

  /// Writes every pending draft now and returns when it is on disk. The console calls it on
  /// quit and on SIGHUP/SIGTERM before exiting; it blocks for the length of one write.
  public func flush() {
    writeBatch()
  }

  /// The last write's error, if it failed (shown in the status bar; the text stays pending).
  public var lastError: String? { state.withLock { $0.lastError } }

  var writeCount: Int { state.withLock { $0.writes } }

  private func wake(after delay: Duration) {
    let nanoseconds = max(0, delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)
    queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in tick() }
  }

  /// Writes when the deadline has come, else sleeps until it; stops when nothing is pending.
  private func tick() {
    let wait: Duration? = state.withLock { state in
      guard let first = state.firstPendingAt, let last = state.lastUpdateAt else {
        state.timerRunning = false
        return nil
      }
      return min(last + quiet, first + maxLag) - .now
    }
    guard let wait else { return }
    if wait > .zero { return wake(after: wait) }
    writeBatch()
    // A failed write keeps its texts pending: try again a little later.
    wake(after: state.withLock { $0.lastError } == nil ? .zero : maxLag)
  }

  private func writeBatch() {
    writing.withLock { _ in
      let batch = state.withLock { state in
        defer {
          state.pending = [:]
          state.firstPendingAt = nil
          state.lastUpdateAt = nil
        }
        return state.pending
      }
      guard !batch.isEmpty else { return }
      do {
        try store.saveDrafts(batch)
        state.withLock {
          $0.writes += 1
          $0.lastError = nil
        }
      } catch {
        state.withLock { state in
          // Put the texts back unless newer ones arrived meanwhile.
          state.pending.merge(batch) { newer, _ in newer }
          state.firstPendingAt = state.firstPendingAt ?? .now
          state.lastUpdateAt = state.lastUpdateAt ?? .now
          state.lastError = "drafts could not be saved: \(error)"
        }
      }
    }
  }
}
