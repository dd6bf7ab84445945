/// Word boundaries for jumps and word deletes. Spaces and punctuation (emoji included) separate words; letters and
/// digits make words, and Han, hiragana, katakana and Hangul each make words of their own, so a jump stops where
/// Japanese changes script ("日本語|の|テキスト") even without spaces.
extension ComposerState {
  enum WordClass: Equatable {
    case separator, word, han, hiragana, katakana, hangul
  }

  static func wordClass(_ character: Character) -> WordClass {
    if character.isWhitespace || character.isPunctuation || character.isSymbol { return .separator }
    guard let scalar = character.unicodeScalars.first else { return .separator }
    switch scalar.value {
    case 0x3040...0x309F: return .hiragana
    case 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .katakana
    case 0x3005, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return .han
    case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return .hangul
    default: break
    }
    if character.isLetter || character.isNumber || character == "_" { return .word }
    // A lone combining mark belongs with the word it was typed into.
    return scalar.properties.generalCategory == .nonspacingMark ? .word : .separator
  }

  /// Back over separators, then over one word: where a backward word jump lands, and how many characters back.
  func wordStart(before end: String.Index) -> (index: String.Index, distance: Int) {
    var index = end
    var distance = 0
    var wordKind: WordClass?
    while index > text.startIndex {
      let previous = text.index(before: index)
      let kind = Self.wordClass(text[previous])
      if let wordKind {
        if kind != wordKind { break }
      } else if kind != .separator {
        wordKind = kind
      }
      index = previous
      distance += 1
    }
    return (index, distance)
  }

  /// Forward over separators, then over one word: where a forward word jump lands, and how many characters on.
  func wordEnd(after start: String.Index) -> (index: String.Index, distance: Int) {
    var index = start
    var distance = 0
    var wordKind: WordClass?
    while index < text.endIndex {
      let kind = Self.wordClass(text[index])
      if let wordKind {
        if kind != wordKind { break }
      } else if kind != .separator {
        wordKind = kind
      }
      index = text.index(after: index)
      distance += 1
    }
    return (index, distance)
  }
}
