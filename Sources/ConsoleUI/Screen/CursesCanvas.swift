import CNCurses
import ConsoleCore

/// One call a frame made on a window's row, with what it takes to send it to ncurses (worked out once: a call the
/// previous frame made the same way is not worked out again).
struct DrawCall {
  enum Kind: Equatable {
    case text(String, width: Int?)
    case fill(width: Int)
  }

  var column: Int
  var kind: Kind
  var role: StyleRole
  /// The code points to send (text only) and the columns they take.
  var scalars: [wchar_t] = []
  var used = 0

  /// The column after the last one the call covers.
  var end: Int {
    switch kind {
    case .text: column + used
    case .fill(let width): column + width
    }
  }

  /// The same call, whatever was worked out from it.
  func isSame(as other: DrawCall) -> Bool { column == other.column && role == other.role && kind == other.kind }
}

/// A window of the ncurses screen and the calls its rows were drawn with. A frame records its calls row by row;
/// `send` then hands ncurses only the rows whose calls differ from the previous frame's, cleared and drawn again, so
/// a key that moves the selection costs two rows of work, not the whole screen, in Swift and in ncurses alike.
final class RetainedWindow {
  let pointer: WindowPointer
  let rect: Rect
  private var shown: [[DrawCall]]
  private var drawing: [[DrawCall]]
  private var rowChanged: [Bool]

  init(pointer: WindowPointer, rect: Rect) {
    self.pointer = pointer
    self.rect = rect
    shown = Array(repeating: [], count: rect.rows)
    drawing = Array(repeating: [], count: rect.rows)
    // A new window shows nothing yet: every row is sent, blank ones included.
    rowChanged = Array(repeating: true, count: rect.rows)
  }

  /// The call as this frame makes it, taking what the previous frame worked out for the same call.
  func record(_ call: DrawCall, row: Int, prepare: (inout DrawCall) -> Void) -> Int {
    let index = drawing[row].count
    if !rowChanged[row], index < shown[row].count, shown[row][index].isSame(as: call) {
      drawing[row].append(shown[row][index])
      return shown[row][index].used
    }
    rowChanged[row] = true
    var prepared = call
    prepare(&prepared)
    drawing[row].append(prepared)
    return prepared.used
  }

  /// Sends the rows that changed to the window; true when there were any.
  func send(palette: StylePalette) -> Bool {
    var sentAny = false
    for row in 0..<rect.rows {
      guard rowChanged[row] || drawing[row].count != shown[row].count else { continue }
      sentAny = true
      cn_clear_row(pointer, Int32(row))
      // The furthest column drawn so far, and the style of the call that reached it.
      var frontier = 0
      var frontierStyle: StylePalette.Style?
      for call in drawing[row] {
        let style = palette.style(call.role)
        // A gap no call drew (between two columns of a list row) takes the style of the call
        // before it when that looks the same on a blank: ncurses then goes from one colour
        // straight to the next, instead of back to the plain style for the gap and out again
        // (`ESC[39m ESC(B ESC[m` and a colour: about 11 bytes a gap, two gaps a list row).
        if let before = frontierStyle, before.blankLooksPlain, call.column > frontier {
          cn_fill(pointer, Int32(row), Int32(frontier), Int32(call.column - frontier), before.attributes, before.pair)
        }
        if call.end >= frontier {
          frontier = call.end
          frontierStyle = style
        }
        switch call.kind {
        case .text:
          _ = call.scalars.withUnsafeBufferPointer { buffer in
            cn_put(pointer, Int32(row), Int32(call.column), buffer.baseAddress, Int32(buffer.count), style.attributes, style.pair)
          }
        case .fill(let width):
          cn_fill(pointer, Int32(row), Int32(call.column), Int32(width), style.attributes, style.pair)
        }
      }
    }
    swap(&shown, &drawing)
    for row in 0..<rect.rows {
      drawing[row].removeAll(keepingCapacity: true)
      rowChanged[row] = false
    }
    return sentAny
  }

  /// Forgets what was shown, so that the next frame sends every row (the theme changed).
  func forget() {
    for row in 0..<rect.rows {
      shown[row].removeAll()
      rowChanged[row] = true
    }
  }
}

final class CursesCanvas: Canvas {
  let window: RetainedWindow
  let rect: Rect

  init(window: RetainedWindow) {
    self.window = window
    rect = window.rect
  }

  var size: Size { rect.size }

  @discardableResult
  func draw(_ text: String, row: Int, column: Int, width: Int?, role: StyleRole) -> Int {
    guard row >= 0, row < rect.rows, column >= 0, column < rect.columns else { return 0 }
    let call = DrawCall(column: column, kind: .text(text, width: width), role: role)
    return window.record(call, row: row) { call in
      let available = min(width ?? rect.columns - column, rect.columns - column)
      (call.scalars, call.used) = Self.terminalText(TextWidth.truncate(CellText.inert(text), to: available))
    }
  }

  func fill(row: Int, column: Int, width: Int, role: StyleRole) {
    guard row >= 0, row < rect.rows, column < rect.columns else { return }
    let start = max(column, 0)
    let count = min(width, rect.columns - start)
    guard count > 0 else { return }
    _ = window.record(DrawCall(column: start, kind: .fill(width: count), role: role), row: row) { _ in }
  }

  /// The code points to send for text that fits, and the columns they take. Printable ASCII goes byte for byte.
  static func terminalText(_ fitted: String) -> ([wchar_t], Int) {
    if TextWidth.printableASCIIColumns(fitted.utf8) != nil {
      return (fitted.utf8.map { wchar_t($0) }, fitted.utf8.count)
    }
    var wide: [wchar_t] = []
    var used = 0
    for character in fitted {
      let columns = TextWidth.columns(character)
      guard columns > 0 else { continue }
      wide += terminalScalars(character)
      used += columns
    }
    return (wide, used)
  }

  /// The code points to send for one cluster. ncurses measures each code point on its own, so a
  /// joined emoji sequence would advance its cursor further than the terminal draws: send the
  /// base and its combining marks only, which keeps every column where it belongs.
  static func terminalScalars(_ character: Character) -> [wchar_t] {
    var scalars: [wchar_t] = []
    for (offset, scalar) in character.unicodeScalars.enumerated() {
      if offset == 0 {
        scalars.append(wchar_t(bitPattern: scalar.value))
        continue
      }
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .spacingMark: scalars.append(wchar_t(bitPattern: scalar.value))
      default:
        if scalar.value == 0xFE0F { scalars.append(wchar_t(bitPattern: scalar.value)) } else { return scalars }
      }
    }
    return scalars
  }
}
