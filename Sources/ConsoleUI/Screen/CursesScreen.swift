import CNCurses
public import ConsoleCore

/// The ncurses screen. Each canvas is a window that keeps the calls its rows were drawn with: a frame draws
/// everything, but only the rows whose calls changed reach ncurses (`RetainedWindow`), each window is
/// `wnoutrefresh`ed and `doupdate` runs once, so ncurses compares and sends only those rows' changed cells.
/// Every call happens on the thread that runs the event loop.
public final class CursesScreen: Screen {
  private let root: WindowPointer
  private var windows: [Rect: RetainedWindow] = [:]
  private var frameOrder: [Rect] = []
  private var previousFrameOrder: [Rect] = []
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
    for window in windows.values { delwin(window.pointer) }
    windows.removeAll()
    cn_stop()
  }

  public var size: Size { Size(rows: Int(cn_lines(root)), columns: Int(cn_columns(root))) }

  public func apply(theme: Theme) {
    palette = StylePalette(theme: theme, tier: palette.tier, directColor: palette.directColor)
    let background = palette.style(.textNormal)
    for window in windows.values {
      cn_set_background(window.pointer, background.attributes, background.pair)
      window.forget()
    }
  }

  public func beginFrame() {
    frameOrder.removeAll(keepingCapacity: true)
    cursor = nil
  }

  public func canvas(_ rect: Rect) -> any Canvas {
    let window: RetainedWindow
    if let existing = windows[rect] {
      window = existing
    } else {
      // newwin fails only when out of memory; the root window then stands in.
      let pointer =
        newwin(Int32(max(rect.rows, 1)), Int32(max(rect.columns, 1)), Int32(rect.row), Int32(rect.column)) ?? root
      let background = palette.style(.textNormal)
      cn_set_background(pointer, background.attributes, background.pair)
      window = RetainedWindow(pointer: pointer, rect: rect)
      windows[rect] = window
    }
    if !frameOrder.contains(rect) { frameOrder.append(rect) }
    return CursesCanvas(window: window)
  }

  public func placeCursor(row: Int, column: Int) { cursor = (row, column) }

  public func endFrame() {
    for (rect, window) in windows where !frameOrder.contains(rect) {
      delwin(window.pointer)
      windows[rect] = nil
    }
    // Windows overlap (a dialog over the panes), and wnoutrefresh copies only the rows a window changed: when
    // windows came, went or changed places, or a window changed under one drawn after it, the later windows are
    // copied whole again so that whatever is on top stays on top.
    let reordered = frameOrder != previousFrameOrder
    var changedBelow: [Rect] = []
    cn_noutrefresh(root)
    for rect in frameOrder {
      guard let window = windows[rect] else { continue }
      let changed = window.send(palette: palette)
      if reordered || changedBelow.contains(where: { $0.intersects(rect) }) { cn_touch(window.pointer) }
      if changed { changedBelow.append(rect) }
      cn_noutrefresh(window.pointer)
    }
    previousFrameOrder = frameOrder
    // The cursor goes in the last drawn window that holds it (the prompt, or the composer under later panes); a
    // second wnoutrefresh copies no cells, it only tells doupdate where the cursor goes.
    if let cursor, let rect = frameOrder.last(where: { $0.contains(row: cursor.row, column: cursor.column) }),
      let window = windows[rect]?.pointer
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
    for window in windows.values { delwin(window.pointer) }
    windows.removeAll()
    previousFrameOrder = []
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

typealias WindowPointer = UnsafeMutablePointer<WINDOW>

extension Rect {
  func contains(row: Int, column: Int) -> Bool {
    (self.row..<self.row + rows).contains(row) && (self.column..<self.column + columns).contains(column)
  }

  func intersects(_ other: Rect) -> Bool {
    row < other.row + other.rows && other.row < row + rows && column < other.column + other.columns
      && other.column < column + columns
  }
}

enum RawKey: Equatable {
  case character(UInt32)
  case function(Int32)
}
