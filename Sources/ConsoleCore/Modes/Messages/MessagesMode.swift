/// `:messages` (`m`): the status bar's recent messages with their times, newest last (as vim's `:messages`), for the
/// one that went by while the recruiter looked elsewhere or that the freshness banner kept off the bar.
public struct MessagesMode: LogPagerMode, Hashable {
  public var notices: [StatusNotice]
  public var scroll = 0

  public init(notices: [StatusNotice]) { self.notices = notices }

  public var entryCount: Int { notices.count }
  public static let opener = CommandName.messages
}
