import Synchronization

/// Where background work leaves its results for the UI thread. Posting wakes the UI once per
/// batch: a burst of events costs one redraw, however many arrive before it drains.
public final class Mailbox<Item: Sendable>: Sendable {
  private let items = Mutex<[Item]>([])
  private let wake: Mutex<@Sendable () -> Void>

  /// `wake` must be cheap and safe from any thread (e.g. a byte written to a self-pipe); it
  /// can be given later with `onPost`, once the UI loop exists.
  public init(wake: @escaping @Sendable () -> Void = {}) {
    self.wake = Mutex(wake)
  }

  /// Replaces the wake-up; if items are already waiting, wakes at once.
  public func onPost(_ wake: @escaping @Sendable () -> Void) {
    self.wake.withLock { $0 = wake }
    if !items.withLock({ $0.isEmpty }) { wake() }
  }

  public func post(_ item: Item) {
    let wasEmpty = items.withLock { items in
      defer { items.append(item) }
      return items.isEmpty
    }
    if wasEmpty { wake.withLock { $0 }() }
  }

  /// Everything posted since the last drain, oldest first.
  public func drain() -> [Item] {
    items.withLock { items in
      defer { items.removeAll(keepingCapacity: true) }
      return items
    }
  }
}
