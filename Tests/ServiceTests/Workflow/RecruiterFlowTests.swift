import ConsoleCore
import ConsoleUI
import Foundation
import PoppSandbox
import Synchronization
import Testing

/// The recruiter's whole loop through the console's own state, service and screen, against the
/// sandbox at `--speed 0`: a flag, `n`, `t`, a reply typed with CJK and emoji, Enter, the
/// candidate answering, `h` `y`, and the agent speaking again.
@Suite(.serialized) struct RecruiterFlowTests {
  /// The console without a terminal: keys go to the state, effects to the real service, and
  /// the service's events come back through the mailbox, as in the UI loop.
  final class Console: Sendable {
    let session: ConsoleSession
    private let state: Mutex<AppState>

    var service: ConsoleService { session.service }
    private var mailbox: Mailbox<ServiceEvent> { session.mailbox }
    private var drafts: DraftSaver { session.service.drafts }

    init(sandbox: RunningSandbox) throws {
      var settings = PollSettings()
      settings.intervals = [.head: 0.3, .activeSet: 0.3, .thread: 0.2, .catalog: 60, .sweep: 600]
      session = try ConsoleSession(
        connection: .http(try sandbox.clientConfiguration(), isSandbox: true), pollSettings: settings, storage: SessionStorage(),
        pollRequestTimeout: 5)
      state = Mutex(AppState(connection: session.connection))
    }

    var current: AppState {
      state.withLock { state in
        for event in mailbox.drain() { service.start(state.apply(event)) }
        return state
      }
    }

    func press(_ keys: Key...) {
      _ = current
      for key in keys {
        let (effects, uiEffects) = state.withLock { ($0.handle(key), $0.takeUIEffects()) }
        for case .saveDraft(let id, let text) in uiEffects { drafts.update(conversationId: id, text: text) }
        service.start(effects)
      }
    }

    func type(_ text: String) {
      for character in text { press(character == " " ? .space : .character(character)) }
    }

    func wait(_ what: String, timeout: Double = 10, until condition: (AppState) -> Bool) async throws {
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline {
        if condition(current) { return }
        try await Task.sleep(for: .milliseconds(20))
      }
      Issue.record("timed out waiting for \(what)")
      throw CancellationError()
    }

    func screen(rows: Int = 40, columns: Int = 140) -> MemoryScreen {
      var state = current
      let screen = MemoryScreen(rows: rows, columns: columns)
      TextWidth.prepareLocale()
      state.resize(to: screen.size)
      Renderer().render(state, on: screen)
      return screen
    }
  }

  @Test func flagTakeOverReplyCandidateAnswersHandBackAgentResumes() async throws {
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 0, demoSize: 30))
    let control = sandbox.control()
    let client = try sandbox.client()
    let console = try Console(sandbox: sandbox)
    await console.service.startPolling()
    try await console.wait("the first load") { !$0.isLoading && !$0.campaigns.isEmpty }

    // A fresh flag on an ongoing conversation, the only one: n finds it.
    for flagged in console.current.index.conversations where flagged.needsReview {
      if flagged.isHumanTakeover {
        _ = try await client.handBack(conversationId: flagged.id)
      } else {
        _ = try await client.takeOver(conversationId: flagged.id)
        _ = try await client.handBack(conversationId: flagged.id)
      }
    }
    let target = try #require(console.current.index.conversations.first { $0.conversationStatus == .ongoing && !$0.isHumanTakeover })
    _ = try await control.flag(conversationId: target.id, reason: "Asked about relocation support")
    try await console.wait("only the fresh flag left") { state in
      state.reviewQueue.map(\.id) == [target.id]
    }

    console.press(.character("n"))
    #expect(console.current.thread?.conversationId == target.id)
    #expect(console.screen().text.contains("⚑ Needs review: Asked about relocation"), "the review reason heads the thread")
    console.press(.character("t"))
    try await console.wait("the take-over") { $0.openConversation?.isHumanTakeover == true }
    #expect(console.screen().text.contains("YOU are speaking"))

    console.press(.character("r"))
    let reply = "こんにちは！ Relocation is covered 🚚✨ — 详细信息 to follow"
    console.type(reply)
    let composing = console.screen().text
    #expect(composing.contains("Reply to") && composing.contains("Relocation is covered"), "\(composing)")
    console.press(.enter)
    try await console.wait("the reply in the thread") { $0.thread?.messages.contains { $0.sender == .user && $0.body == reply } == true }
    let stored = try await client.allMessages(conversationId: target.id).collect().filter { $0.sender == .user }
    #expect(stored.map(\.body) == [reply], "exactly one USER message, with exactly that body")
    #expect(try await client.conversation(id: target.id).isHumanTakeover)

    let answer = "Great, thank you! 🙏"
    _ = try await control.injectCandidateMessage(conversationId: target.id, body: answer)
    try await console.wait("the candidate's answer") { $0.thread?.messages.last?.body == answer }

    console.press(.character("h"))
    console.press(.character("y"))
    try await console.wait("the hand-back") { $0.openConversation?.isHumanTakeover == false }
    #expect(console.screen().text.contains("AGENT is speaking"))
    let agentBefore = try await client.allMessages(conversationId: target.id).collect().filter { $0.sender == .agent }.count
    _ = try await control.advanceClock(seconds: 600)
    try await console.wait("the agent's next message", timeout: 15) { state in
      (state.thread?.messages.filter { $0.sender == .agent }.count ?? 0) > agentBefore
    }
    await console.service.stop()
    await sandbox.stop()
  }
}
