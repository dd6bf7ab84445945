/// An array kept in fixed-size chunks, so that changing one element of a copy copies its chunk,
/// not the whole array.
///
/// The conversation index is a value that the sync engine, the screen and the hub each hold a
/// copy of: its next merge writes to storage shared with the copy on screen. With one `Array`
/// of 100,000 conversations, the first write copied all of them (retaining every String each
/// holds); here it copies one chunk and the short array of chunks.
public struct ChunkedArray<Element> {
  /// 64 elements a chunk of large ones (a conversation is about 350 bytes, so a copied chunk is
  /// about 22 KB; at 100,000 the array of chunks is 1,563 entries, retained once when a merge
  /// first writes to a shared index), 1,024 of small ones such as `Double`s.
  static var chunkShift: Int { MemoryLayout<Element>.stride > 64 ? 6 : 10 }
  static var chunkSize: Int { 1 << chunkShift }
  static var chunkMask: Int { chunkSize - 1 }

  /// Every chunk but the last is full.
  private var chunks: [[Element]] = []
  public private(set) var count = 0

  public init() {}

  mutating func append(_ element: Element) {
    if count & Self.chunkMask == 0 {
      var chunk: [Element] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    chunks[chunks.count - 1].append(element)
    count += 1
  }

  /// Calls `body` with each chunk's elements in order and the position of its first element;
  /// a pass over every element that borrows them instead of copying each out.
  func forEachChunk(_ body: (_ start: Int, _ elements: UnsafeBufferPointer<Element>) throws -> Void) rethrows {
    for (number, chunk) in chunks.enumerated() {
      try chunk.withUnsafeBufferPointer { try body(number << Self.chunkShift, $0) }
    }
  }
}

extension ChunkedArray: RandomAccessCollection {
  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public internal(set) subscript(position: Int) -> Element {
    // Borrowed, not copied: reading one field of a conversation copies that field alone.
    _read { yield chunks[position >> Self.chunkShift][position & Self.chunkMask] }
    _modify { yield &chunks[position >> Self.chunkShift][position & Self.chunkMask] }
  }
}

extension ChunkedArray: Sendable where Element: Sendable {}
