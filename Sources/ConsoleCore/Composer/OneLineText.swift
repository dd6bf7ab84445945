/// Text pasted where one line is all there is (the prompt, a form's one-line field): line breaks and tabs become
/// spaces and other controls go, so the paste is kept rather than refused.
enum OneLineText {
  static func from(pasted: String) -> String {
    String(pasted.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
  }
}
