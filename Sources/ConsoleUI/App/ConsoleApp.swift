import CNCurses
public import ConsoleCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The console's event loop. It runs on one thread, which alone touches ncurses; it blocks in
/// `poll` on the keyboard and a self-pipe that the service (via the mailbox) and the signal
/// handlers write to, so it wakes at once for either and uses no CPU while idle.
public final class ConsoleApp {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
  }

  private var state: AppState

  /// The profile `:profile NAME` asked for when the console ended to switch organizations.
  public var nextProfile: String? { state.switchToProfile }
  private let renderer: Renderer
  private let screen: CursesScreen
  private let mailbox: Mailbox<ServiceEvent>
  private let service: any ConsoleBackend
  private let wakeRead: Int32
  private let wakeWrite: Int32

  private var shownTitle: String?
  private var keyTranslator: KeyTranslator
  private let environment: [String: String]
  private var watched: [String] = []
  private var presence = Presence()

  /// Starts ncurses. Fails (without touching the terminal) when TERM names no known terminal.
  /// `service` posts its results to `mailbox`, which from now on wakes this loop.
  public init(
    state: AppState, theme: Theme, environment: [String: String], mailbox: Mailbox<ServiceEvent>,
    service: any ConsoleBackend
  ) throws {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw Failure(description: "cannot create the wake-up pipe: \(String(cString: strerror(errno)))") }
    for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    wakeRead = fds[0]
    wakeWrite = fds[1]
    guard let screen = CursesScreen(theme: theme, environment: environment) else {
      close(fds[0])
      close(fds[1])
      throw Failure(
        description:
          "cannot drive the terminal \"\(environment["TERM"] ?? "")\": set TERM to a terminal ncurses knows (e.g. xterm-256color)")
    }
    self.screen = screen
    // Asks ncurses for the terminal's extra key codes, so only once the screen has started.
    keyTranslator = KeyTranslator.forTerminal()
    self.state = state
    renderer = Renderer()
    let writeEnd = fds[1]
    self.mailbox = mailbox
    self.service = service
    self.environment = environment
    mailbox.onPost { cn_wake(writeEnd) }
  }

  /// Runs until the recruiter quits or a signal asks to stop; the terminal is restored on every
  /// way out. Returns the signal that ended it, if any.
  @discardableResult
  public func run() -> Int32? {
    cn_install_signal_pipe(wakeWrite)
    if state.alerts.title { cn_title_push() }
    let log = ConsolePaths(environment: environment).logFile
    try? ConsolePaths.createPrivateFolder(holding: log)
    _ = cn_redirect_stderr(log.path)
    defer {
      // Drafts reach the disk before the process can end (q, SIGTERM, SIGHUP alike).
      service.drafts.flush()
      let service = self.service
      Task { await service.stop() }
      if shownTitle != nil { cn_title_pop() }
      screen.restore()
      cn_restore_stderr()
      // Nothing may write to the pipe once it is closed (its number could be reused).
      mailbox.onPost {}
      close(wakeRead)
      close(wakeWrite)
    }
    let service = self.service
    Task { await service.startPolling() }
    draw()
    var endingSignal: Int32?
    while !state.quitRequested {
      // Wake at least once a second so "updated 3 s ago" stays true.
      let ready = cn_wait(wakeRead, 1000)
      var effects: [Effect] = []
      if ready & 2 != 0 {
        var signals = [UInt8](repeating: 0, count: 16)
        let count = Int(cn_drain(wakeRead, &signals, Int32(signals.count)))
        for signal in signals.prefix(count) {
          switch Int32(signal) {
          case SIGWINCH: screen.resizeToTerminal()
          case SIGINT, SIGTERM, SIGHUP:
            endingSignal = Int32(signal)
            state.quitRequested = true
          default: break
          }
        }
        for event in mailbox.drain() { effects += state.apply(event) }
      }
      if ready & 1 != 0 {
        var raw: [RawKey] = []
        while let key = screen.readRawKey() {
          if key == .function(cn_key_resize()) {
            // ncurses has already taken the new size; only the windows must be rebuilt.
            screen.invalidate()
            continue
          }
          raw.append(key)
        }
        // The keys act on the screen as it is now: a page is the new size's page.
        state.resize(to: screen.size)
        for key in keyTranslator.keys(from: raw) {
          effects += state.handle(key)
          if state.quitRequested { break }
        }
      }
      runUILoopEffects()
      let watching = state.watchedConversationIds
      if watching != watched {
        watched = watching
        effects.append(.watch(conversationIds: watching))
      }
      service.start(effects)
      let present = state.presence
      if present != presence {
        presence = present
        service.present(present)
      }
      if !state.quitRequested {
        draw()
        updateTitle()
      }
    }
    return endingSignal
  }

  /// What the state asked of the terminal: the bell, a redraw, drafts saved in the order typed (cheap: the saver
  /// writes in the background), and `$EDITOR`, with the screen handed over to it.
  private func runUILoopEffects() {
    for effect in state.takeUIEffects() {
      switch effect {
      case .ringBell: screen.beep()
      case .redraw: screen.invalidate()
      case .saveDraft(let id, let text): service.drafts.update(conversationId: id, text: text)
      case .editExternally(let id, let text):
        let result = ExternalEditor.edit(text, environment: environment)
        screen.invalidate()
        switch result {
        case .success(let edited): state.finishExternalEdit(conversationId: id, edited: edited)
        case .failure(let failure): state.finishExternalEdit(conversationId: id, edited: nil, failure: failure.description)
        }
        runUILoopEffects()
      }
    }
  }

  /// "popp-console — 3 need review" while conversations are flagged (OSC 2), if allowed.
  private func updateTitle() {
    guard state.alerts.title else { return }
    let flagged = state.index.count(filter: .needsReview, campaignId: nil)
    let title = flagged > 0 ? "popp-console — \(flagged) need review" : "popp-console"
    guard title != shownTitle else { return }
    shownTitle = title
    screen.setTitle(title)
  }

  private func draw() {
    state.resize(to: screen.size)
    renderer.render(state, on: screen)
  }
}
