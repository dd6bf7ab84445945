import Benchmark
import ConsoleCore
import ConsoleUI
import Foundation

/// The composer's budget: a keystroke costs under 2 ms, drawing included. One sample is one key handled and the whole
/// 80×24 frame drawn after it on the in-memory screen, the composer taking the foot of the thread pane.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 10, maxDuration: .seconds(10), maxIterations: 2_000)
  TextWidth.prepareLocale()
  let keys = Bindings.defaults
  let sentence = "Thanks for your time today, Zoë! 日本語のテキスト 👩🏽‍💻 — see you Tuesday at 10:00. "
  let draft = String(String(repeating: sentence, count: 2_000 / sentence.count + 1).prefix(2_000))
  let rect = Rect(row: 14, column: 0, rows: 9, columns: 80)

  /// One frame as the console draws it: begin, the composer, the cursor, end.
  func frame(_ state: ComposerState, view: inout ComposerView, on screen: MemoryScreen) {
    screen.beginFrame()
    if let cursor = view.render(state, recipient: "美咲 佐藤", hints: ComposerView.hints(keys), in: rect, on: screen) {
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
        _ = state.handle(typed % 2 == 0 ? .character("a") : .backspace, bindings: keys)
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
      _ = state.handle(moves[next % moves.count], bindings: keys)
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
      _ = state.handle(.paste(paste), bindings: keys)
      frame(state, view: &view, on: screen)
      blackHole(state.characterCount)
    }
  }

  // Issue 5's budgets on the whole console (state, draft save, renderer) at 160×40.
  let now = Date()
  let conversation = Conversation(
    id: "c-1", campaignId: "camp", participantFirstName: "美咲", participantLastName: "佐藤", participantPhoneNumber: "+819012345678",
    conversationStatus: .ongoing, needsReview: true, needsReviewReason: "Asked about salary", isHumanTakeover: true,
    lastMessageAt: now, createdAt: now, updatedAt: now)
  let campaign = Campaign(
    id: "camp", organizationId: "org", type: .applicantOutreach, channel: .whatsapp, closingMethod: .custom, campaignStatus: .live,
    campaignTitle: "Store Manager – Paris Opéra")
  let senders: [MessageSender] = [.agent, .candidate, .agent, .candidate, .user, .system]
  let longMessage = "はい、大丈夫です 👍 I can start in March; my current notice period is four weeks and I would need to relocate from Lyon."
  var thousand: [Message] = []
  for index in 0..<1_000 {
    let body: String =
      index % 7 == 0 ? longMessage : "Message \(index): thanks for the update — could you tell me more about the shift pattern?"
    let sender: MessageSender = senders[index % senders.count]
    let createdAt: Date = now.addingTimeInterval(Double(index - 1_000) * 60)
    thousand.append(Message(id: "m\(index)", conversationId: "c-1", body: body, sender: sender, status: .delivered, createdAt: createdAt))
  }
  var base = AppState(connection: ConnectionInfo(organizationId: "org", baseURL: URL(string: "http://127.0.0.1:1/v1")!, isSandbox: true))
  _ = base.apply(.loaded(campaigns: [campaign], conversations: [conversation], templates: [], at: now))

  Benchmark("Console: open a thread of 1,000 messages and draw it (160×40)") { benchmark in
    let screen = MemoryScreen(rows: 40, columns: 160)
    for _ in benchmark.scaledIterations {
      var state = base
      // A renderer of its own each time: nothing of the thread is wrapped beforehand.
      let renderer = Renderer()
      _ = state.openThread("c-1")
      _ = state.apply(.messagesLoaded(conversationId: "c-1", messages: thousand))
      state.resize(to: screen.size)
      renderer.render(state, on: screen)
      blackHole(state.thread?.messages.count)
    }
  }

  Benchmark("Console: a key typed in the composer, the draft save scheduled and the frame drawn (160×40)") { benchmark in
    let screen = MemoryScreen(rows: 40, columns: 160)
    let renderer = Renderer()
    let saver = DraftSaver(store: try! WorkflowStore(path: nil))
    var state = base
    _ = state.openThread("c-1")
    _ = state.apply(.messagesLoaded(conversationId: "c-1", messages: thousand))
    _ = state.perform(.reply)
    state.resize(to: screen.size)
    renderer.render(state, on: screen)
    var typed = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      _ = state.handle(typed % 2 == 0 ? .character("日") : .backspace)
      typed += 1
      for case .saveDraft(let id, let text) in state.takeUIEffects() { saver.update(conversationId: id, text: text) }
      state.resize(to: screen.size)
      renderer.render(state, on: screen)
    }
    blackHole(state.composer?.characterCount)
  }
}
