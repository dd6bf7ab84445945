public import ConsoleCore

/// A rectangle of the screen to draw in, with its own coordinates. Text is clipped to it.
public protocol Canvas: AnyObject {
  var size: Size { get }
  /// Draws `text` at (row, column), cut to `width` columns (or the canvas edge) with an ellipsis
  /// when it does not fit. Returns the columns used.
  @discardableResult
  func draw(_ text: String, row: Int, column: Int, width: Int?, role: StyleRole) -> Int
  /// Paints `width` blank columns in a role (backgrounds, selection bars).
  func fill(row: Int, column: Int, width: Int, role: StyleRole)
}

extension Canvas {
  @discardableResult
  public func draw(_ text: String, row: Int, column: Int = 0, role: StyleRole = .textNormal) -> Int {
    draw(text, row: row, column: column, width: nil, role: role)
  }

  /// Fills a whole row, then draws text on it.
  public func line(_ text: String, row: Int, role: StyleRole) {
    fill(row: row, column: 0, width: size.columns, role: role)
    draw(text, row: row, column: 0, width: size.columns, role: role)
  }
}

/// Where frames are drawn: ncurses for people, an in-memory grid for tests.
public protocol Screen: AnyObject {
  var size: Size { get }
  /// Starts a frame: everything not drawn in it is blank.
  func beginFrame()
  /// A canvas over `rect`, valid until `endFrame`.
  func canvas(_ rect: Rect) -> any Canvas
  /// Where the terminal cursor shows (a prompt), or nil to hide it.
  func placeCursor(row: Int, column: Int)
  /// Sends the frame to the terminal (only the cells that changed).
  func endFrame()
}
