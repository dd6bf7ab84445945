import Benchmark
import ConsoleCore
import ConsoleUI

/// The composer's budget: a keystroke costs under 2 ms, drawing included. One sample is one key handled and the whole
/// 80×24 frame drawn after it on the in-memory screen, the composer taking the foot of the thread pane.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 10, maxDuration: .seconds(10), maxIterations: 2_000)
  TextWidth.prepareLocale()
  let keys = ComposerKeys()
  let sentence = "Thanks for your time today, Zoë! 日本語のテキスト 👩🏽‍💻 — see you Tuesday at 10:00. "
  let draft = String(String(repeating: sentence, count: 2_000 / sentence.count + 1).prefix(2_000))
  let rect = Rect(row: 14, column: 0, rows: 9, columns: 80)

  /// One frame as the console draws it: begin, the composer, the cursor, end.
  func frame(_ state: ComposerState, view: inout ComposerView, on screen: MemoryScreen) {
    screen.beginFrame()
    if let cursor = view.render(state, recipient: "美咲 佐藤", keys: keys, in: rect, on: screen) {
      screen.placeCursor(row: cursor.row, column: cursor.column)
    }
    screen.endFrame()
  }

  /// Setup (the draft and a first frame) is outside the measurement; each sample is one key and one frame.
  func keystroke(into draft: String) -> (Benchmark) -> Void {
    { benchmark in
      let screen = MemoryScreen(rows: 24, columns: 80)
      var view = ComposerView()
      var state = ComposerState(text: draft, cursor: draft.count / 2)
      frame(state, view: &view, on: screen)
      var typed = 0
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        // Type and delete in turn, so the draft keeps its length however many iterations a sample runs.
        _ = state.handle(typed % 2 == 0 ? .character("a") : .backspace, keys: keys)
        typed += 1
        frame(state, view: &view, on: screen)
      }
      blackHole(state.characterCount)
    }
  }

  Benchmark("Composer: one keystroke into a 2,000-character draft, drawn", closure: keystroke(into: draft))

  // Ten times the budgeted draft: how a keystroke scales (every edit rewraps the whole draft).
  let long = String(String(repeating: sentence, count: 20_000 / sentence.count + 1).prefix(20_000))
  Benchmark("Composer: one keystroke into a 20,000-character draft, drawn", closure: keystroke(into: long))

  Benchmark("Composer: cursor movement in a 2,000-character draft, drawn") { benchmark in
    let screen = MemoryScreen(rows: 24, columns: 80)
    var view = ComposerView()
    var state = ComposerState(text: draft, cursor: 1_000)
    frame(state, view: &view, on: screen)
    let moves: [Key] = [.up, .controlRight, .down, .controlLeft, .left, .right]
    var next = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      _ = state.handle(moves[next % moves.count], keys: keys)
      next += 1
      frame(state, view: &view, on: screen)
    }
    blackHole(state.cursor)
  }

  Benchmark("Composer: paste of 20,000 characters into an empty draft, drawn") { benchmark in
    let paste = String(String(repeating: sentence + "\r", count: 20_000 / sentence.count + 1).prefix(20_000))
    let screen = MemoryScreen(rows: 24, columns: 80)
    for _ in benchmark.scaledIterations {
      var view = ComposerView()
      var state = ComposerState()
      _ = state.handle(.paste(paste), keys: keys)
      frame(state, view: &view, on: screen)
      blackHole(state.characterCount)
    }
  }
}
