/// Makes untrusted text (anything from the API) inert before it reaches a terminal.
///
/// C0 and C1 controls, DEL and the Unicode bidi overrides and isolates are replaced by
/// visible stand-ins, so an escape sequence in a candidate's message shows as `␛[31m` instead
/// of turning the screen red, and nothing can move the cursor, set the title or ring the bell.
public enum TerminalSanitizer {
  public struct Options: Sendable {
    /// Keep line feeds (a wrapper lays them out); otherwise they show as `␤`.
    public var keepNewlines: Bool
    /// Tab stops every this many columns; tabs become spaces.
    public var tabWidth: Int

    public init(keepNewlines: Bool = false, tabWidth: Int = 4) {
      self.keepNewlines = keepNewlines
      self.tabWidth = tabWidth
    }
  }

  public static func sanitize(_ text: String, options: Options = Options()) -> String {
    var output = String.UnicodeScalarView()
    var column = 0
    let scalars = text.unicodeScalars
    for index in scalars.indices {
      let scalar = scalars[index]
      switch scalar.value {
      case 0x0A:
        if options.keepNewlines {
          output.append(scalar)
          column = 0
        } else {
          output.append("\u{2424}")
        }
      case 0x0D:
        // A carriage return would let text overwrite its own line; CRLF still breaks the
        // line through its LF.
        if options.keepNewlines { continue }
        output.append("\u{240D}")
      case 0x09:
        let spaces = options.tabWidth - column % max(options.tabWidth, 1)
        output.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars)
        column += spaces
      case 0x1B:
        output.append("\u{241B}")
        column += 1
      case 0x00..<0x20:
        output.append(Unicode.Scalar(0x2400 + scalar.value)!)
        column += 1
      case 0x7F:
        output.append("\u{2421}")
        column += 1
      case 0x80...0x9F, 0xFFF9...0xFFFB:
        output.append("\u{FFFD}")
        column += 1
      case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
        // Bidi embeddings, overrides, isolates and marks can reorder what follows them.
        output.append("\u{FFFD}")
        column += 1
      case 0x200D:
        // A zero-width joiner is kept only inside an emoji sequence (👩‍💻). Elsewhere, and above
        // all at the end of a line, terminals join whatever is drawn next into its cell (tmux
        // does, even after the cursor has moved), shifting the rest of the row.
        let next = scalars.index(after: index)
        if let previous = output.last(where: { !isEmojiAttachment($0) }), isPictograph(previous),
          next < scalars.endIndex, isPictograph(scalars[next])
        {
          output.append(scalar)
        }
      default:
        output.append(scalar)
        column += 1
      }
    }
    return String(output)
  }

  /// An emoji that may stand on either side of a joiner (not an ASCII keycap base such as `3`).
  private static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value > 0x7F && scalar.properties.isEmoji && !scalar.properties.isEmojiModifier
  }

  /// What may follow an emoji inside its sequence before a joiner: VS16 and skin tones.
  private static func isEmojiAttachment(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value == 0xFE0F || scalar.properties.isEmojiModifier
  }
}
