/// What one role looks like on the terminal at hand: ready to become an ncurses colour pair plus attributes.
public struct ResolvedStyle: Sendable, Hashable {
  public var foreground: TerminalColor
  public var background: TerminalColor
  public var attributes: TextAttributes

  public init(foreground: TerminalColor, background: TerminalColor, attributes: TextAttributes) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}
