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
    make(seed: seed, kindHash: SeededRandom.hash(kind), sequence: sequence)
  }

  /// `make(seed:kind:sequence:)` with the kind's `SeededRandom.hash` worked out beforehand.
  static func make(seed: UInt64, kindHash: UInt64, sequence: Int64) -> String {
    let high = SeededRandom.hash(seed, kindHash, UInt64(bitPattern: sequence))
    let low = SeededRandom.mix(high ^ 0x5851_F42D_4C95_7F2D)
    // Written digit by digit: a demo makes an id for each of its hundreds of thousands of
    // messages, and formatting each byte as a String took a fifth of seeding.
    return String(unsafeUninitializedCapacity: 36) { text in
      var written = 0
      for index in 0..<16 {
        var byte = UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> (56 - 8 * UInt64(index % 8)))
        if index == 6 { byte = (byte & 0x0F) | 0x40 }  // version 4
        if index == 8 { byte = (byte & 0x3F) | 0x80 }  // RFC 4122 variant
        if index == 4 || index == 6 || index == 8 || index == 10 {
          text[written] = UInt8(ascii: "-")
          written += 1
        }
        text[written] = hexDigits[Int(byte >> 4)]
        text[written + 1] = hexDigits[Int(byte & 0x0F)]
        written += 2
      }
      return written
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
