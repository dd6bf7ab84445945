/// A scrolling list that draws only the rows on screen, so its cost depends on the pane's
/// height and never on how long the list is.
struct ListView {
  /// The first row shown; kept between frames so the view scrolls rather than jumps.
  var offset = 0

  /// The rows to draw for a selection, moving the window only as far as needed to show it.
  mutating func visibleRange(count: Int, selection: Int, height: Int) -> Range<Int> {
    guard count > 0, height > 0 else {
      offset = 0
      return 0..<0
    }
    if selection < offset { offset = selection }
    if selection >= offset + height { offset = selection - height + 1 }
    offset = min(max(offset, 0), max(count - height, 0))
    return offset..<min(offset + height, count)
  }
}
