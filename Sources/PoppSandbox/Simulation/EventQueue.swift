/// The conversations one run of the simulation works on, held in memory for the whole run,
/// with their pending events in the order the simulation takes them.
///
/// The run used to ask SQLite for the next 500 due conversations, decode them, and write
/// each back after its event; held here, a demo of 100,000 conversations and 700,000 events
/// is read once and written once.
struct EventQueue {
  /// Every conversation of the run, in its latest state.
  private(set) var conversations: [ConversationRow]
  /// Whether the conversation at the same index ran an event, and so must be written back.
  private(set) var changed: [Bool]
  private var due = MinHeap<DueEvent>()

  private struct DueEvent: Comparable {
    var time: Int64
    var seq: Int64
    var index: Int

    static func < (a: DueEvent, b: DueEvent) -> Bool { (a.time, a.seq) < (b.time, b.seq) }
  }

  init(conversations: [ConversationRow]) {
    self.conversations = conversations
    changed = Array(repeating: false, count: conversations.count)
    for index in conversations.indices { schedule(index) }
  }

  private mutating func schedule(_ index: Int) {
    guard let time = conversations[index].nextEventAt else { return }
    due.insert(DueEvent(time: time, seq: conversations[index].seq ?? 0, index: index))
  }

  /// Processes due events until none is left at or before `now`. Returns how many ran.
  ///
  /// They run as they did when each batch was a query (`WHERE nextEventAt <= now ORDER BY
  /// nextEventAt, seq LIMIT batch`): the earliest `batch` due events are taken, then run in
  /// order, and an event one of them schedules waits for the next batch even when it falls
  /// before the batch's last. Messages get their `seq` in this order, so it must not change.
  mutating func run(until now: Int64, batch size: Int, in world: inout World) throws -> Int {
    var processed = 0
    var batch: [Int] = []
    batch.reserveCapacity(size)
    while true {
      batch.removeAll(keepingCapacity: true)
      while batch.count < size, let first = due.min, first.time <= now {
        batch.append(due.removeMin().index)
      }
      if batch.isEmpty { return processed }
      for index in batch {
        guard let event = conversations[index].pendingEvent, let time = conversations[index].nextEventAt else { continue }
        conversations[index].schedule(nil, at: nil)
        try Simulation.handle(event, at: time, for: &conversations[index], in: &world)
        changed[index] = true
        processed += 1
        schedule(index)
      }
    }
  }
}

/// A binary heap: the least element in O(1), insertion and removal of it in O(log n).
struct MinHeap<Element: Comparable> {
  private var elements: [Element] = []

  var min: Element? { elements.first }
  var count: Int { elements.count }

  mutating func insert(_ element: Element) {
    elements.append(element)
    var child = elements.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard elements[child] < elements[parent] else { break }
      elements.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the least element; the heap must not be empty.
  mutating func removeMin() -> Element {
    let least = elements[0]
    let last = elements.removeLast()
    guard !elements.isEmpty else { return least }
    elements[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1, right = left + 1
      var smallest = parent
      if left < elements.count && elements[left] < elements[smallest] { smallest = left }
      if right < elements.count && elements[right] < elements[smallest] { smallest = right }
      if smallest == parent { return least }
      elements.swapAt(parent, smallest)
      parent = smallest
    }
  }
}
