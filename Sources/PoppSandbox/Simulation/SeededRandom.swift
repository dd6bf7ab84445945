/// SplitMix64: a tiny, well-mixed generator. Everything random in the simulation derives
/// from the `--seed` through it, so that a seed replays the same world.
struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A stable hash of several values, for deriving ids and per-conversation choices.
  static func hash(_ values: UInt64...) -> UInt64 {
    values.reduce(0x243F_6A88_85A3_08D3) { mix($0 ^ mix($1)) }
  }

  /// FNV-1a of a string, to fold names into a hash.
  static func hash(_ text: String) -> UInt64 {
    text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
  }
}

/// Deterministic UUIDs: the same seed, kind and sequence number give the same id, across
/// restarts too, because the sequence number is the row's own.
enum DeterministicID {
  static func make(seed: UInt64, kind: String, sequence: Int64) -> String {
    let high = SeededRandom.hash(seed, SeededRandom.hash(kind), UInt64(bitPattern: sequence))
    let low = SeededRandom.mix(high ^ 0x5851_F42D_4C95_7F2D)
    var bytes = withUnsafeBytes(of: high.bigEndian) { Array($0) } + withUnsafeBytes(of: low.bigEndian) { Array($0) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    let characters = Array(hex)
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
