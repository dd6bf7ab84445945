import Foundation
import PoppAPI

/// Every conversation's lowercased search text, by slot, for the `/` filter: a query scans
/// bytes, not Strings.
///
/// Slots are kept in pages of 1,024: a merge into an index a copy shares (the screen's) copies
/// the page it writes to, not every key. Within a page the keys lie end to end in one buffer
/// (read in list order, a scan stays in cache). A key that changes is written again at the end
/// of its page's buffer and the old bytes are left where they were, so a merge never moves the
/// others; once the bytes no key points at are half the buffer, the page is compacted.
struct SearchKeys: Sendable {
  private var pages: [Page] = []

  private static let pageShift = 10
  private static let pageSize = 1 << pageShift
  private static let pageMask = pageSize - 1

  init() {}

  /// The keys of every conversation, slot by slot.
  init(_ conversations: ChunkedArray<Conversation>) {
    pages.reserveCapacity(conversations.count / Self.pageSize + 1)
    var lowercasing = Lowercasing()
    conversations.forEachChunk { _, chunk in
      for conversation in chunk.indices { append(chunk[conversation], &lowercasing) }
    }
  }

  /// Adds the key of a conversation that takes the next slot.
  mutating func append(_ conversation: Conversation, _ lowercasing: inout Lowercasing) {
    if pages.last.map({ $0.count == Self.pageSize }) ?? true { pages.append(Page(capacity: Self.pageSize)) }
    pages[pages.count - 1].append(conversation, &lowercasing)
  }

  /// Makes `conversation` the text of `slot`, whose name, phone, email or externalId changed.
  mutating func replace(_ slot: Int, with conversation: Conversation, _ lowercasing: inout Lowercasing) {
    pages[slot >> Self.pageShift].replace(slot & Self.pageMask, with: conversation, &lowercasing)
  }

  // MARK: Searching

  /// The slots among `rows` whose text contains `query` (case-insensitive), in the order given.
  ///
  /// The byte and byte-pair sets rule most conversations out with a few AND operations; the
  /// rest are checked in place in their page's buffer, eight bytes at a time. (A `memchr` over
  /// the whole buffer was slower: its per-call cost, paid once a conversation, outweighed its
  /// speed when most match.)
  func search(_ query: String, in rows: [Int]) -> [Int] {
    let needle = Array(query.lowercased().utf8)
    guard !needle.isEmpty, !rows.isEmpty else { return needle.isEmpty ? rows : [] }
    let pattern = Pattern(needle)
    return pages.withUnsafeBufferPointer { pages in
      pattern.needle.withUnsafeBufferPointer { needle in
        rows.filter { row in pages[row >> Self.pageShift].matches(pattern, needle, at: row & Self.pageMask) }
      }
    }
  }

  /// A query's bytes with what the byte and pair sets are asked about them.
  struct Pattern {
    let needle: [UInt8]
    /// For a one-byte needle, its word and bit in a byte set.
    let byteWord: Int
    let byteBit: UInt64
    let pairs: (UInt64, UInt64, UInt64, UInt64)

    init(_ needle: [UInt8]) {
      self.needle = needle
      byteWord = Int(needle[0]) >> 6
      byteBit = 1 << UInt64(needle[0] & 63)
      pairs = needle.count >= 2 ? SearchKeys.pairMask(needle) : (0, 0, 0, 0)
    }
  }

  /// The pairs of `needle` as a 256-bit set, in four words.
  private static func pairMask(_ needle: [UInt8]) -> (UInt64, UInt64, UInt64, UInt64) {
    var mask: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    for index in 0..<(needle.count - 1) {
      let bit = pairBit(needle[index], needle[index + 1])
      let value = UInt64(1) << UInt64(bit & 63)
      switch bit >> 6 {
      case 0: mask.0 |= value
      case 1: mask.1 |= value
      case 2: mask.2 |= value
      default: mask.3 |= value
      }
    }
    return mask
  }

  static func pairBit(_ first: UInt8, _ second: UInt8) -> Int {
    Int((UInt32(first) &* 31 &+ UInt32(second)) & 255)
  }

  /// The keys of up to 1,024 consecutive slots.
  private struct Page: Sendable {
    var bytes: [UInt8] = []
    /// Where each slot's key starts and ends in `bytes`.
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    /// Per slot, a 256-bit set of the byte pairs its text holds (4 words each): a query whose
    /// pairs are not all there cannot match, which rules out most conversations with a few AND
    /// operations instead of a scan of their text.
    var pairSets: [UInt64] = []
    /// Per slot, the set of bytes its text holds (4 words each), for one-key queries.
    var byteSets: [UInt64] = []
    /// Bytes of replaced keys, which no slot points at any more.
    var unusedBytes = 0

    var count: Int { starts.count }

    init(capacity: Int) {
      bytes.reserveCapacity(capacity * 64)
      starts.reserveCapacity(capacity)
      ends.reserveCapacity(capacity)
      pairSets.reserveCapacity(capacity * 4)
      byteSets.reserveCapacity(capacity * 4)
    }

    mutating func append(_ conversation: Conversation, _ lowercasing: inout Lowercasing) {
      starts.append(UInt32(bytes.count))
      SearchKeys.appendKey(of: conversation, to: &bytes, &lowercasing)
      ends.append(UInt32(bytes.count))
      for _ in 0..<4 {
        pairSets.append(0)
        byteSets.append(0)
      }
      recordSets(of: count - 1)
    }

    mutating func replace(_ entry: Int, with conversation: Conversation, _ lowercasing: inout Lowercasing) {
      unusedBytes += Int(ends[entry] - starts[entry])
      starts[entry] = UInt32(bytes.count)
      SearchKeys.appendKey(of: conversation, to: &bytes, &lowercasing)
      ends[entry] = UInt32(bytes.count)
      for word in 0..<4 {
        pairSets[entry * 4 + word] = 0
        byteSets[entry * 4 + word] = 0
      }
      recordSets(of: entry)
      // Each compaction follows at least half a buffer of replaced keys: linear overall.
      if unusedBytes > bytes.count / 2 { compact() }
    }

    /// The buffer again with only the keys in use, entry by entry.
    private mutating func compact() {
      var compacted: [UInt8] = []
      compacted.reserveCapacity(bytes.count - unusedBytes)
      for entry in starts.indices {
        let start = compacted.count
        compacted += bytes[Int(starts[entry])..<Int(ends[entry])]
        starts[entry] = UInt32(start)
        ends[entry] = UInt32(compacted.count)
      }
      bytes = compacted
      unusedBytes = 0
    }

    /// The byte and pair sets of an entry's key.
    private mutating func recordSets(of entry: Int) {
      let start = Int(starts[entry])
      let end = Int(ends[entry])
      guard start < end else { return }
      let base = entry * 4
      bytes.withUnsafeBufferPointer { text in
        var previous = text[start]
        byteSets[base + Int(previous >> 6)] |= 1 << UInt64(previous & 63)
        for position in (start + 1)..<end {
          let byte = text[position]
          byteSets[base + Int(byte >> 6)] |= 1 << UInt64(byte & 63)
          let bit = SearchKeys.pairBit(previous, byte)
          pairSets[base + bit >> 6] |= 1 << UInt64(bit & 63)
          previous = byte
        }
      }
    }

    /// Whether an entry's key contains the pattern: for one byte, its byte set decides; for
    /// more, its pair set rules most out and its text decides the rest.
    @inline(__always)
    func matches(_ pattern: Pattern, _ needle: UnsafeBufferPointer<UInt8>, at entry: Int) -> Bool {
      guard needle.count >= 2 else { return holds(pattern.byteWord, pattern.byteBit, at: entry) }
      return holdsPairs(pattern.pairs, at: entry) && contains(needle, at: entry)
    }

    /// Whether an entry's byte set holds `bit` in `word`.
    func holds(_ word: Int, _ bit: UInt64, at entry: Int) -> Bool {
      byteSets[entry * 4 + word] & bit != 0
    }

    /// Whether an entry's pair set holds every pair of `mask`.
    func holdsPairs(_ mask: (UInt64, UInt64, UInt64, UInt64), at entry: Int) -> Bool {
      let base = entry * 4
      return pairSets[base] & mask.0 == mask.0 && pairSets[base + 1] & mask.1 == mask.1 && pairSets[base + 2] & mask.2 == mask.2
        && pairSets[base + 3] & mask.3 == mask.3
    }

    /// Whether an entry's key contains `needle` (two bytes or more), checked in place.
    ///
    /// Eight places at a time: a word read at a place and one read a byte later are compared
    /// with the needle's first and second bytes in every lane at once, and only the lanes
    /// where both match are checked further. Byte by byte, a common first letter ("a") sent
    /// the scan down a mispredicted branch every few bytes; this was most of a `/` key's time
    /// at 100,000 conversations.
    func contains(_ needle: UnsafeBufferPointer<UInt8>, at entry: Int) -> Bool {
      let start = Int(starts[entry])
      let end = Int(ends[entry])
      let last = end - needle.count
      guard start <= last else { return false }
      return bytes.withUnsafeBufferPointer { bytes in
        let text = UnsafeRawPointer(bytes.baseAddress!)
        func matchesFrom2(_ place: Int) -> Bool {
          var matched = 2
          while matched < needle.count && bytes[place + matched] == needle[matched] { matched += 1 }
          return matched == needle.count
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let firsts = UInt64(needle[0]) &* ones
        let seconds = UInt64(needle[1]) &* ones
        var place = start
        // The second word ends at `place + 9`, which must stay inside the key.
        while place + 9 <= end {
          let difference =
            (UInt64(littleEndian: text.loadUnaligned(fromByteOffset: place, as: UInt64.self)) ^ firsts)
            | (UInt64(littleEndian: text.loadUnaligned(fromByteOffset: place + 1, as: UInt64.self)) ^ seconds)
          // A high bit per zero byte of `difference` (the lowest exact; above it, maybe not).
          var lanes = (difference &- ones) & ~difference & highs
          while lanes != 0 {
            let candidate = place + lanes.trailingZeroBitCount >> 3
            if candidate <= last && bytes[candidate] == needle[0] && bytes[candidate + 1] == needle[1] && matchesFrom2(candidate) {
              return true
            }
            lanes &= lanes &- 1
          }
          place += 8
        }
        while place <= last {
          if bytes[place] == needle[0] && bytes[place + 1] == needle[1] && matchesFrom2(place) { return true }
          place += 1
        }
        return false
      }
    }
  }

  // MARK: Making keys

  /// Whether two versions of a conversation have the same search key.
  static func sameText(_ a: Conversation, _ b: Conversation) -> Bool {
    a.participantFirstName == b.participantFirstName && a.participantLastName == b.participantLastName
      && a.participantPhoneNumber == b.participantPhoneNumber && a.participantEmailAddress == b.participantEmailAddress
      && a.externalId == b.externalId
  }

  /// Appends a conversation's search key to `bytes`: first name, last name, full name, phone,
  /// email and externalId (those present), lowercased, separated by 0x01. The same bytes as
  /// `[first, last, participantName, phone, email, externalId].compactMap { $0 }
  /// .joined(separator: "\u{1}").lowercased().utf8`, without making those Strings.
  static func appendKey(of conversation: Conversation, to bytes: inout [UInt8], _ lowercasing: inout Lowercasing) {
    var separated = false
    func append(_ part: String?) {
      guard let part else { return }
      if separated { bytes.append(1) }
      separated = true
      lowercasing.append(part, to: &bytes)
    }
    append(conversation.participantFirstName)
    append(conversation.participantLastName)
    // `participantName`: the non-empty names joined by a space.
    if separated { bytes.append(1) }
    separated = true
    let first = conversation.participantFirstName.flatMap { $0.isEmpty ? nil : $0 }
    let last = conversation.participantLastName.flatMap { $0.isEmpty ? nil : $0 }
    if let first { lowercasing.append(first, to: &bytes) }
    if let last {
      if first != nil { bytes.append(0x20) }
      lowercasing.append(last, to: &bytes)
    }
    append(conversation.participantPhoneNumber)
    append(conversation.participantEmailAddress)
    append(conversation.externalId)
  }
}

/// Lowercases text into bytes as `lowercased()` would: scalar by scalar, each by its lowercase
/// mapping. ASCII text (most phones, emails, ids) is copied and lowercased in place; other text
/// goes scalar by scalar, and only scalars that change when lowercased (Ñ, Å, İ, Σ) look their
/// mapping up. Whether a scalar of the BMP changes is remembered (the Unicode property lookup
/// costs more than everything else here); the table is made at the first non-ASCII text, so a
/// merge of ASCII names never pays for it.
struct Lowercasing {
  /// Per BMP scalar: 0 not looked up yet, 1 unchanged, 2 changes when lowercased.
  private var changes: [UInt8] = []

  mutating func append(_ text: String, to bytes: inout [UInt8]) {
    let start = bytes.count
    bytes += text.utf8
    let ascii = bytes.withUnsafeMutableBufferPointer { bytes in
      for position in start..<bytes.count {
        let byte = bytes[position]
        if byte >= 0x80 { return false }
        if byte &- 0x41 < 26 { bytes[position] = byte | 0x20 }
      }
      return true
    }
    if ascii { return }
    bytes.removeSubrange(start...)
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        let byte = UInt8(scalar.value)
        bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
      } else if changesWhenLowercased(scalar) {
        bytes += scalar.properties.lowercaseMapping.utf8
      } else {
        UTF8.encode(scalar) { bytes.append($0) }
      }
    }
  }

  private mutating func changesWhenLowercased(_ scalar: Unicode.Scalar) -> Bool {
    let value = Int(scalar.value)
    guard value < 0x1_0000 else { return scalar.properties.changesWhenLowercased }
    if changes.isEmpty { changes = [UInt8](repeating: 0, count: 0x1_0000) }
    if changes[value] == 0 { changes[value] = scalar.properties.changesWhenLowercased ? 2 : 1 }
    return changes[value] == 2
  }
}
