public import ConsoleCore

/// A screen in memory: a grid of cells holding text and the role it was drawn in. Tests read
/// it back as text (snapshots) and as roles (what is highlighted).
public final class MemoryScreen: Screen {
  public struct Cell: Hashable, Sendable {
    /// One grapheme cluster, "" for the second column of a wide character.
    public var text: String
    public var role: StyleRole
  }

  public private(set) var size: Size
  public private(set) var cells: [[Cell]]
  public private(set) var cursor: (row: Int, column: Int)?
  public private(set) var framesDrawn = 0

  public init(rows: Int, columns: Int) {
    size = Size(rows: rows, columns: columns)
    cells = Self.blank(size)
  }

  public func resize(rows: Int, columns: Int) {
    size = Size(rows: rows, columns: columns)
    cells = Self.blank(size)
  }

  static func blank(_ size: Size) -> [[Cell]] {
    Array(repeating: Array(repeating: Cell(text: " ", role: .textNormal), count: size.columns), count: size.rows)
  }

  public func beginFrame() {
    // Blanked in place: a fresh grid per frame would cost more than drawing it.
    let blank = Cell(text: " ", role: .textNormal)
    for row in cells.indices {
      for column in cells[row].indices { cells[row][column] = blank }
    }
    cursor = nil
  }

  public func canvas(_ rect: Rect) -> any Canvas { MemoryCanvas(screen: self, rect: rect) }

  public func placeCursor(row: Int, column: Int) { cursor = (row, column) }

  public func endFrame() { framesDrawn += 1 }

  func put(_ character: Character, width: Int, row: Int, column: Int, role: StyleRole) {
    guard row >= 0, row < size.rows, column >= 0, column + width <= size.columns else { return }
    cells[row][column] = Cell(text: String(character), role: role)
    if width == 2 { cells[row][column + 1] = Cell(text: "", role: role) }
  }

  func paint(row: Int, column: Int, role: StyleRole) {
    guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return }
    cells[row][column] = Cell(text: " ", role: role)
  }

  /// The screen as lines of text, trailing spaces removed.
  public var lines: [String] {
    cells.map { row in
      var line = row.map(\.text).joined()
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }

  public var text: String { lines.joined(separator: "\n") }

  /// The role of the cell at a position.
  public func role(row: Int, column: Int) -> StyleRole { cells[row][column].role }

  /// Where `needle` first appears, as (row, column in cells).
  public func find(_ needle: String) -> (row: Int, column: Int)? {
    for (rowIndex, row) in cells.enumerated() {
      let texts = row.map(\.text)
      for start in texts.indices where texts[start].first == needle.first {
        var joined = ""
        var index = start
        while index < texts.count && joined.count < needle.count {
          joined += texts[index]
          index += 1
        }
        if joined.hasPrefix(needle) { return (rowIndex, start) }
      }
    }
    return nil
  }
}

final class MemoryCanvas: Canvas {
  unowned let screen: MemoryScreen
  let rect: Rect

  init(screen: MemoryScreen, rect: Rect) {
    self.screen = screen
    self.rect = rect
  }

  var size: Size { rect.size }

  @discardableResult
  func draw(_ text: String, row: Int, column: Int, width: Int?, role: StyleRole) -> Int {
    guard row >= 0, row < rect.rows, column < rect.columns else { return 0 }
    let available = min(width ?? rect.columns - column, rect.columns - column)
    let fitted = TextWidth.truncate(CellText.inert(text), to: available)
    var used = 0
    for character in fitted {
      let characterWidth = TextWidth.columns(character)
      guard characterWidth > 0 else { continue }
      screen.put(character, width: characterWidth, row: rect.row + row, column: rect.column + column + used, role: role)
      used += characterWidth
    }
    return used
  }

  func fill(row: Int, column: Int, width: Int, role: StyleRole) {
    guard row >= 0, row < rect.rows else { return }
    for offset in max(column, 0)..<min(column + width, rect.columns) {
      screen.paint(row: rect.row + row, column: rect.column + offset, role: role)
    }
  }
}

/// The last line of defence: whatever a pane forgot to sanitise, no control character
/// reaches a cell.
enum CellText {
  static func inert(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    return TerminalSanitizer.sanitize(text)
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
      || (0x2066...0x2069).contains(scalar.value)
  }
}
