import CNCurses
public import ConsoleCore

/// The ncurses screen. Each canvas is a window; a frame erases and redraws them, then
/// `wnoutrefresh`es each and calls `doupdate` once, so ncurses sends only the cells that changed.
/// Every call happens on the thread that runs the event loop.
public final class CursesScreen: Screen {
  private let root: WindowPointer
  private var windows: [Rect: WindowPointer] = [:]
  private var frameOrder: [Rect] = []
  private var cursor: (row: Int, column: Int)?
  private var palette: StylePalette

  /// Starts ncurses on the terminal named by TERM; nil when the terminal is unknown.
  public init?(theme: Theme, environment: [String: String]) {
    TextWidth.prepareLocale()
    guard let window = cn_start(nil) else { return nil }
    root = window
    // ncurses has read the user's $ESCDELAY; without one, 25 ms keeps a lone Esc quick (ncurses' own is 1 s).
    if environment["ESCDELAY"].flatMap(Int.init) == nil { cn_set_escdelay(25) }
    cn_install_crash_restore()
    // Pastes arrive marked, so the composer takes a pasted line feed as text; cn_stop turns it off.
    cn_bracketed_paste(1)
    let tier = ColorTierDetection.tier(colors: Int(cn_colors()), hasColors: cn_colors() > 0, environment: environment)
    palette = StylePalette(theme: theme, tier: tier, directColor: cn_is_direct_color() != 0)
  }

  public var colorTier: ColorTier { palette.tier }

  public func restore() {
    for window in windows.values { delwin(window) }
    windows.removeAll()
    cn_stop()
  }

  public var size: Size { Size(rows: Int(cn_lines(root)), columns: Int(cn_columns(root))) }

  public func apply(theme: Theme) {
    palette = StylePalette(theme: theme, tier: palette.tier, directColor: palette.directColor)
  }

  public func beginFrame() {
    frameOrder.removeAll(keepingCapacity: true)
    cursor = nil
  }

  public func canvas(_ rect: Rect) -> any Canvas {
    let window: WindowPointer
    if let existing = windows[rect] {
      window = existing
    } else {
      // newwin fails only when out of memory; the root window then stands in.
      window = newwin(Int32(max(rect.rows, 1)), Int32(max(rect.columns, 1)), Int32(rect.row), Int32(rect.column)) ?? root
      windows[rect] = window
    }
    if !frameOrder.contains(rect) {
      let background = palette.style(.textNormal)
      cn_set_background(window, background.attributes, background.pair)
      cn_erase(window)
      frameOrder.append(rect)
    }
    return CursesCanvas(window: window, rect: rect, palette: palette)
  }

  public func placeCursor(row: Int, column: Int) { cursor = (row, column) }

  public func endFrame() {
    for (rect, window) in windows where !frameOrder.contains(rect) {
      delwin(window)
      windows[rect] = nil
    }
    cn_noutrefresh(root)
    for rect in frameOrder {
      if let window = windows[rect] { cn_noutrefresh(window) }
    }
    // The cursor goes in the last drawn window that holds it (the prompt, or the composer under later panes); a
    // second wnoutrefresh copies no cells, it only tells doupdate where the cursor goes.
    if let cursor, let rect = frameOrder.last(where: { $0.contains(row: cursor.row, column: cursor.column) }),
      let window = windows[rect]
    {
      cn_cursor(1, window, Int32(cursor.row - rect.row), Int32(cursor.column - rect.column))
      cn_noutrefresh(window)
    } else if let cursor {
      cn_cursor(1, root, Int32(cursor.row), Int32(cursor.column))
      cn_noutrefresh(root)
    } else {
      cn_cursor(0, root, 0, 0)
    }
    cn_doupdate()
  }

  /// Forgets what the terminal shows and repaints everything (Ctrl-L, after a resize).
  public func invalidate() {
    cn_clearok(root)
    for window in windows.values { delwin(window) }
    windows.removeAll()
  }

  public func resizeToTerminal() {
    cn_resize_from_terminal()
    invalidate()
  }

  /// The next key waiting, without blocking.
  func readRawKey() -> RawKey? {
    var value: UInt32 = 0
    switch cn_read_key(root, &value) {
    case 1: return .character(value)
    case 2: return .function(Int32(bitPattern: value))
    default: return nil
    }
  }

  public func beep() { cn_beep() }

  public func setTitle(_ title: String) {
    let clean = TerminalSanitizer.sanitize(title)
    clean.withCString { cn_set_title($0) }
  }
}

final class CursesCanvas: Canvas {
  let window: WindowPointer
  let rect: Rect
  let palette: StylePalette

  init(window: WindowPointer, rect: Rect, palette: StylePalette) {
    self.window = window
    self.rect = rect
    self.palette = palette
  }

  var size: Size { rect.size }

  @discardableResult
  func draw(_ text: String, row: Int, column: Int, width: Int?, role: StyleRole) -> Int {
    guard row >= 0, row < rect.rows, column >= 0, column < rect.columns else { return 0 }
    let available = min(width ?? rect.columns - column, rect.columns - column)
    let fitted = TextWidth.truncate(CellText.inert(text), to: available)
    var wide: [wchar_t] = []
    var used = 0
    for character in fitted {
      let columns = TextWidth.columns(character)
      guard columns > 0 else { continue }
      wide += Self.terminalScalars(character)
      used += columns
    }
    // ncurses refuses to write the bottom-right cell's neighbour; writing within bounds is enough.
    let style = palette.style(role)
    _ = wide.withUnsafeBufferPointer { buffer in
      cn_put(window, Int32(row), Int32(column), buffer.baseAddress, Int32(buffer.count), style.attributes, style.pair)
    }
    return used
  }

  func fill(row: Int, column: Int, width: Int, role: StyleRole) {
    guard row >= 0, row < rect.rows, column < rect.columns else { return }
    let start = max(column, 0)
    let count = min(width, rect.columns - start)
    guard count > 0 else { return }
    let style = palette.style(role)
    cn_fill(window, Int32(row), Int32(start), Int32(count), style.attributes, style.pair)
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

typealias WindowPointer = UnsafeMutablePointer<WINDOW>

extension Rect {
  func contains(row: Int, column: Int) -> Bool {
    (self.row..<self.row + rows).contains(row) && (self.column..<self.column + columns).contains(column)
  }
}

enum RawKey: Equatable {
  case character(UInt32)
  case function(Int32)
}
