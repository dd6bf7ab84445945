public import Foundation
public import PoppAPI

public enum PaneID: Int, CaseIterable, Sendable {
  case campaigns, conversations, thread

  public var title: String {
    switch self {
    case .campaigns: "Campaigns"
    case .conversations: "Conversations"
    case .thread: "Thread"
    }
  }
}

/// What the console is connected to, shown in the title bar.
public struct ConnectionInfo: Sendable, Hashable {
  public var organizationId: String
  public var baseURL: URL
  public var isSandbox: Bool
  /// The config profile in use (`--profile`, `POPP_PROFILE`, `profile =`), if any.
  public var profileName: String?
  /// The hub's socket when the console is attached to one (it polls for the console; writes go through it).
  public var hubPath: String?
  /// Attached to a hub that is gone, and polling Popp directly meanwhile (`hub-fallback = "direct"`).
  public var pollsDirectly = false
  /// The Unix user the hub knows this console as (how colleagues see it).
  public var hubUser: String?

  public init(
    organizationId: String, baseURL: URL, isSandbox: Bool, profileName: String? = nil, hubPath: String? = nil,
    hubUser: String? = nil
  ) {
    self.organizationId = organizationId
    self.baseURL = baseURL
    self.isSandbox = isSandbox
    self.profileName = profileName
    self.hubPath = hubPath
    self.hubUser = hubUser
  }

  /// Names the cache: the organization, and the server when it is not Popp's own.
  public var cacheKey: String {
    baseURL.host == ClientConfiguration.defaultBaseURL.host
      ? organizationId : "\(organizationId)@\(baseURL.host ?? "")-\(baseURL.port.map(String.init) ?? "")"
  }
}

/// The open conversation's messages.
public struct ThreadState: Sendable {
  public var conversationId: String
  public var messages: [Message] = []
  public var isLoading = true
  public var error: String?
  /// Lines scrolled up from the newest message (0 shows the end of the thread).
  public var scrollBack = 0
  /// Messages this console is sending or failed to send, oldest first.
  public var outgoing: [OutboxEntry] = []
  /// What the scroll limit has counted of the messages' lines so far.
  var lineCounts = ThreadLineCounts()

  public init(conversationId: String) { self.conversationId = conversationId }
}

/// Everything the console shows, as a value: keys and service events change it, panes draw it.
public struct AppState: Sendable {
  public var connection: ConnectionInfo
  public var campaigns: [Campaign] = []
  public var templates: [Template] = []
  public var index = ConversationIndex()
  public var isLoading = true
  /// How fresh the data is, and what is wrong while polls fail.
  public var health = SyncHealth()
  public var alerts = AlertSettings()
  /// Marked rows, unread news and flag times, as the polling service last sent them.
  public internal(set) var attention = Attention()

  public var focus: PaneID = .conversations {
    didSet { if focus != oldValue { relayout() } }
  }
  /// 0 is "All campaigns", n is `campaigns[n - 1]`.
  public var campaignSelection = 0
  public var statusFilter: StatusFilter = .all
  public var textFilter = ""
  /// Slots into `index.conversations` of the rows the list shows, in order.
  public private(set) var visibleRows: [Int] = []
  /// The last `/` query and its rows, which a longer query only narrows.
  private var searchedRows: (String, [Int])?
  public var conversationSelection = 0
  public var thread: ThreadState? {
    // Opening or closing a thread changes the layout (the reading room); what happens inside one does not.
    didSet { if (thread == nil) != (oldValue == nil) { relayout() } }
  }
  /// `z`: the open thread over the whole width, until `z` again.
  public var threadZoomed = false {
    didSet { if threadZoomed != oldValue { relayout() } }
  }
  public var showCampaignDetails = false
  public var showOutcomes = false
  /// The screens open over the panes, bottom first; the last takes the keys.
  public var modes: [any ConsoleMode] = []
  /// The keys of every context: what keys do, and what every hint on screen says.
  public var bindings = Bindings.defaults
  /// What the UI loop must do after this change (bell, redraw, drafts, the editor), oldest first.
  public private(set) var uiEffects: [UIEffect] = []
  /// A one-off message for the status bar: the next key clears it, it goes by itself after `StatusNotice.lifetime`,
  /// it never hides the freshness banner, and `:messages` keeps it.
  public var flash: String? {
    get { notice?.text }
    set {
      guard let newValue else { return notice = nil }
      // The same words again while they still show are the same message (a poll repeating itself).
      if newValue == notice?.text, notice?.isShown(at: Date()) == true { return }
      let posted = StatusNotice(text: newValue, at: Date())
      notice = posted
      messageHistory.append(posted)
      if messageHistory.count > StatusNotice.historyLimit {
        messageHistory.removeFirst(messageHistory.count - StatusNotice.historyLimit)
      }
    }
  }
  /// The status bar's message now, with when it was posted.
  public private(set) var notice: StatusNotice?
  /// Every message of this session, oldest first (`:messages`).
  public private(set) var messageHistory: [StatusNotice] = []
  /// Where the panes are for the screen size, set before keys are handled (`resize(to:)`).
  public internal(set) var viewport = Viewport(size: Size(rows: 24, columns: 80))
  public var quitRequested = false
  /// The config's profiles, for `:profile`.
  public var profileNames: [String] = []
  /// `:profile NAME`: the console closes this connection and opens that profile's.
  public var switchToProfile: String?
  /// Unsent drafts by conversation, as saved (loaded at start, kept as typed).
  public var drafts: [String: String] = [:]
  /// Forms closed before they were sent, by `FormState.Purpose.draftKey`: reopening brings
  /// them back as they were left.
  public var formDrafts: [String: FormValues] = [:]
  /// Reads national phone numbers in the launch form (`default-country` in the config).
  public var phones = PhoneNumberNormalizer()

  /// The colleagues attached to the same hub, and where they are (empty when polling alone).
  public var team = TeamPresence() {
    didSet { colleagueMarks = team.marks }
  }
  /// The list's marks for rows colleagues have open, kept with `team`.
  public private(set) var colleagueMarks: [String: ColleagueMark] = [:]
  /// The flagged conversation `n`/`N` last opened: moved past if the hub says a colleague got there first.
  var reviewJump: String?

  /// The conversation this console is taking over right now.
  public var takeOverInFlight: String?
  /// Opens when this console's take-over of the conversation lands.
  public var afterTakeOver: (conversationId: String, followUp: FollowUp)?

  public init(connection: ConnectionInfo) {
    self.connection = connection
  }

  // MARK: Derived

  /// What the team sees of this console: the open thread, and whether its reply holds text.
  public var presence: Presence {
    guard let id = thread?.conversationId else { return Presence() }
    let typing = mode(ComposerMode.self).map { $0.conversationId == id && !$0.composer.isBlank } ?? false
    return Presence(conversationId: id, isTyping: typing)
  }

  public var selectedCampaign: Campaign? {
    campaignSelection > 0 && campaignSelection <= campaigns.count ? campaigns[campaignSelection - 1] : nil
  }

  public var selectedConversation: Conversation? {
    guard conversationSelection >= 0 && conversationSelection < visibleRows.count else { return nil }
    return index.conversations[visibleRows[conversationSelection]]
  }

  public var openConversation: Conversation? {
    thread.flatMap { index.conversation(id: $0.conversationId) }
  }

  public func campaign(id: String?) -> Campaign? {
    guard let id else { return nil }
    return campaigns.first { $0.id == id }
  }

  public func tabCount(_ filter: StatusFilter) -> Int {
    index.count(filter: filter, campaignId: selectedCampaign?.id)
  }

  // MARK: Changes

  /// Recomputes the list after a change of campaign, tab, text filter or data, keeping the
  /// selected conversation selected when it is still listed.
  public mutating func refreshVisibleRows() {
    refreshVisibleRows(keeping: selectedConversation?.id)
  }

  mutating func refreshVisibleRows(keeping selectedId: String?) {
    visibleRows = index.search(textFilter, in: index.rows(filter: statusFilter, campaignId: selectedCampaign?.id))
    searchedRows = (textFilter, visibleRows)
    keepSelection(selectedId)
  }

  /// Narrows the list for a longer `/` query: only rows that matched the shorter one can match.
  mutating func narrowVisibleRows(to query: String) {
    let selectedId = selectedConversation?.id
    if let (previous, rows) = searchedRows, !previous.isEmpty, query.lowercased().hasPrefix(previous.lowercased()) {
      textFilter = query
      visibleRows = index.search(query, in: rows)
      searchedRows = (query, visibleRows)
      keepSelection(selectedId)
    } else {
      textFilter = query
      refreshVisibleRows(keeping: selectedId)
    }
  }

  private mutating func keepSelection(_ selectedId: String?) {
    // Rows are in list order, so the selected conversation's row is found by binary search.
    if let selectedId, let row = index.position(of: selectedId, in: visibleRows) {
      conversationSelection = row
      return
    }
    conversationSelection = min(conversationSelection, max(visibleRows.count - 1, 0))
  }

  /// A service event: the panes' data first, then every open mode sees it.
  public mutating func apply(_ event: ServiceEvent) -> [Effect] {
    applyToPanes(event) + applyToModes(event)
  }

  private mutating func applyToPanes(_ event: ServiceEvent) -> [Effect] {
    switch event {
    case .loaded(let campaigns, let index, let templates, let at):
      replaceCatalog(campaigns: campaigns, templates: templates)
      replaceIndex(index)
      isLoading = false
      if let at { health.updatedAt = max(at, health.updatedAt ?? at) }
    case .conversationsUpdated(let index, let changes, let attention, let alerting):
      replaceIndex(index)
      isLoading = false
      self.attention = attention
      if let open = thread?.conversationId { self.attention.open(open) }
      guard alerting else { return [] }
      let flagged = changes.compactMap { if case .flagged(let conversation) = $0 { conversation } else { nil } }
      if !flagged.isEmpty {
        if alerts.bell { requestUI(.ringBell) }
        let names = flagged.prefix(2).map { TerminalSanitizer.sanitize($0.participantName) }.joined(separator: ", ")
        flash = flagged.count == 1 ? "Needs review: \(names)" : "\(flagged.count) conversations need review: \(names)…"
      }
      for case .takenOverElsewhere(let conversation) in changes where conversation.id == thread?.conversationId {
        let who = team.otherHolder(of: conversation.id).map { TerminalSanitizer.sanitize(team.name(of: $0, myUser: connection.hubUser)) }
        flash =
          who.map { "\($0) took over \(TerminalSanitizer.sanitize(conversation.participantName))." }
          ?? "Someone else took over \(TerminalSanitizer.sanitize(conversation.participantName)) (another console or Popp's web app)."
      }
    case .catalogUpdated(let campaigns, let templates):
      replaceCatalog(campaigns: campaigns, templates: templates)
      refreshVisibleRows()
    case .health(let health):
      self.health = health
    case .messagesLoaded(let id, let messages):
      guard thread?.conversationId == id else { return [] }
      thread?.messages = messages
      thread?.isLoading = false
      thread?.error = nil
    case .messagesFailed(let id, let error):
      guard thread?.conversationId == id else { return [] }
      thread?.isLoading = false
      thread?.error = error
    case .team(let team):
      self.team = team
    case .pollingDirectly(let direct):
      guard connection.pollsDirectly != direct else { return [] }
      connection.pollsDirectly = direct
      // Nobody's presence is known while the hub is gone; it sends the team again when the console is back.
      if direct { team = TeamPresence() }
      flash =
        direct
        ? "The hub is gone: polling Popp directly with your own credentials until it is back (hub-fallback = \"direct\")."
        : "Attached to the hub again."
    case .openedElsewhere(let id, let member):
      // Two recruiters pressed `n` together and the hub heard the other first: this one moves on.
      guard reviewJump == id, thread?.conversationId == id else { return [] }
      let name = TerminalSanitizer.sanitize(team.name(of: member, myUser: connection.hubUser))
      let effects = jumpToReview(forward: true)
      if thread?.conversationId != id { flash = "\(name) opened that one first; here is the next. " + (flash ?? "") }
      return effects
    case .conversationChanged(let index, _, let note):
      replaceIndex(index)
      flash = note
      takeOverInFlight = nil
      var effects: [Effect] = []
      if let pending = afterTakeOver, index.conversation(id: pending.conversationId)?.isHumanTakeover == true {
        afterTakeOver = nil
        effects = begin(pending.followUp, conversationId: pending.conversationId)
      }
      if let id = thread?.conversationId { effects.append(.loadMessages(conversationId: id)) }
      return effects
    case .outgoing(let message):
      guard thread?.conversationId == message.conversationId else { return [] }
      if let position = thread?.outgoing.firstIndex(where: { $0.id == message.id }) {
        thread?.outgoing[position] = message
      } else {
        thread?.outgoing.append(message)
      }
      if message.state == .failed { flash = "Not sent: \(TerminalSanitizer.sanitize(message.error ?? "unknown error"))" }
    case .outgoingDiscarded(let id, let conversationId):
      guard thread?.conversationId == conversationId else { return [] }
      thread?.outgoing.removeAll { $0.id == id }
    case .auditLoaded(let entries):
      close(AuditMode.self)
      open(AuditMode(entries: entries))
    case .bulkFinished(let results, let report, _):
      let queued = results.filter { $0.status == .queued }.count
      flash = "CSV launch finished: \(queued) queued" + (report.map { "; results in \($0)" } ?? "")
    case .bulkPrepared, .bulkPreparationFailed, .bulkProgress:
      break
    case .formSucceeded(let note, let campaign):
      formSucceeded(note: note, campaign: campaign)
    case .formFailed(let error, _):
      flash = "Not saved: " + TerminalSanitizer.sanitize(error.description)
    case .actionFailed(let error):
      flash = error
      afterTakeOver = nil
      takeOverInFlight = nil
    }
    return []
  }

  /// Asks the UI loop to do something once this change is drawn.
  mutating func requestUI(_ effect: UIEffect) {
    uiEffects.append(effect)
  }

  /// Hands the UI loop what it must do, oldest first.
  public mutating func takeUIEffects() -> [UIEffect] {
    defer { uiEffects = [] }
    return uiEffects
  }

  /// The key a pane command has now, for hints in messages ("r writes a reply instead").
  func paneKey(_ command: CommandName) -> String {
    bindings.key(for: command, in: paneMode.keyContexts)
  }

  /// New data for the list, keeping the selected conversation selected.
  private mutating func replaceIndex(_ index: ConversationIndex) {
    let selectedId = selectedConversation?.id
    self.index = index
    refreshVisibleRows(keeping: selectedId)
  }

  private mutating func replaceCatalog(campaigns: [Campaign], templates: [Template]) {
    let selectedCampaignId = selectedCampaign?.id
    self.campaigns = campaigns
    self.templates = templates
    if let selectedCampaignId {
      campaignSelection = (campaigns.firstIndex { $0.id == selectedCampaignId }).map { $0 + 1 } ?? 0
    }
  }

  /// Flagged conversations across every campaign, the longest waiting first.
  public var reviewQueue: [Conversation] { attention.reviewQueue(in: index) }

  /// The conversations around the selection, which the active-set poller keeps fresh: the selection's list page and
  /// one either side (the list's page whatever has focus; the thread's page would wrap the thread and the draft on
  /// every wake-up).
  public var watchedConversationIds: [String] {
    // The window moves a page at a time, not a row: a new set wakes the poller, and a key that only moves the
    // selection should not.
    let page = max(viewport.listPageSize, 1)
    let low = max((conversationSelection / page - 1) * page, 0)
    let high = min((conversationSelection / page + 2) * page, visibleRows.count)
    var ids = low < high ? visibleRows[low..<high].map { index.conversations[$0].id } : []
    if let open = thread?.conversationId, !ids.contains(open) { ids.append(open) }
    return ids
  }
}
