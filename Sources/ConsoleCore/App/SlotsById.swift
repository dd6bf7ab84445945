/// The slot of each conversation id, in shards by the id's last bytes, so that adding an id to an
/// index a copy shares (the screen's) copies one shard of a few hundred entries, not one
/// dictionary of every id (100,000 Strings to retain: 7–20 ms for UUIDs on the project machine).
struct SlotsById: Sendable {
  private var shards = [[String: Int]](repeating: [:], count: Self.shardCount)

  private static let shardCount = 128

  init() {}

  /// Room for `count` ids, so that building an index does not grow the shards step by step.
  init(minimumCapacity count: Int) {
    shards = (0..<Self.shardCount).map { _ in [String: Int](minimumCapacity: count / Self.shardCount + 8) }
  }

  subscript(id: String) -> Int? {
    get { shards[Self.shard(of: id)][id] }
    set { shards[Self.shard(of: id)][id] = newValue }
  }

  /// A mix of the id's last four UTF-8 bytes, where ids differ most (a UUID's hex, a counter's
  /// digits): reading them is cheaper than hashing the id a second time, and an id scheme whose
  /// ends repeat only makes shards larger.
  private static func shard(of id: String) -> Int {
    var mix = 0
    for byte in id.utf8.suffix(4) { mix = mix &* 31 &+ Int(byte) }
    return mix & (shardCount - 1)
  }
}
