import Foundation
public import PoppAPI

/// One row of a form: what it edits (named by the API path it becomes, so a validation or
/// server error can be put beside it), how it is edited, and what to show with it.
public struct FormField: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// One line of text.
    case text
    /// Text that may hold line breaks (M-Enter).
    case longText
    /// One of a few values; Left/Right or Space cycle, a letter jumps.
    case choice([FormChoice])
    /// Yes or no; Space, Left/Right, y/n.
    case toggle
    /// Enter does it.
    case button(FormButton)
    /// Shown, not editable (a campaign's type and questions once it exists).
    case readOnly
    /// A section title; never focused.
    case section
  }

  /// The API path the value becomes: `campaignTitle`, `questions[1].content`.
  public var key: String
  public var label: String
  public var kind: Kind
  public var isRequired: Bool
  /// Dim text after the value: what a phone number becomes, what a choice means.
  public var hint: String?

  public init(_ key: String, _ label: String, _ kind: Kind, required: Bool = false, hint: String? = nil) {
    self.key = key
    self.label = label
    self.kind = kind
    self.isRequired = required
    self.hint = hint
  }

  public var isFocusable: Bool {
    if case .section = kind { return false }
    return true
  }

  public var isEditableText: Bool {
    switch kind {
    case .text, .longText: true
    default: false
    }
  }

  /// The question a `questions[i]...` field belongs to.
  public var questionIndex: Int? {
    guard key.hasPrefix("questions["), let close = key.firstIndex(of: "]") else { return nil }
    return Int(key[key.index(key.startIndex, offsetBy: 10)..<close])
  }
}

public struct FormChoice: Sendable, Hashable {
  /// What the request carries ("" for none).
  public var value: String
  public var label: String

  public init(_ value: String, _ label: String? = nil) {
    self.value = value
    self.label = label ?? value
  }
}

public enum FormButton: Sendable, Hashable {
  case addQuestion
  case submit
}

/// A screening question being written: kept as typed, turned into a `Question` on submit.
public struct QuestionDraft: Sendable, Hashable, Codable {
  public var questionType = "TEXT"
  public var isMandatory = true
  public var content = ""
  /// Comma-separated, as typed: "CV, Driving licence".
  public var documentTypes = ""

  public init(questionType: String = "TEXT", isMandatory: Bool = true, content: String = "", documentTypes: String = "") {
    self.questionType = questionType
    self.isMandatory = isMandatory
    self.content = content
    self.documentTypes = documentTypes
  }

  public init(_ question: Question) {
    questionType = question.questionType.rawValue
    isMandatory = question.isMandatory ?? false
    content = question.content ?? ""
    documentTypes = (question.documentTypes ?? []).joined(separator: ", ")
  }

  public var question: Question {
    Question(
      questionType: QuestionType(rawValue: questionType), isMandatory: isMandatory,
      content: questionType == "TEXT" ? content.trimmedOrNil : nil,
      documentTypes: questionType == "DOCUMENT"
        ? documentTypes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : nil)
  }
}

/// What a form holds, as typed: top-level values by API name (toggles "true"/"false"), and
/// the questions in order.
public struct FormValues: Sendable, Hashable, Codable {
  public var fields: [String: String] = [:]
  public var questions: [QuestionDraft] = []

  public init(fields: [String: String] = [:], questions: [QuestionDraft] = []) {
    self.fields = fields
    self.questions = questions
  }

  public subscript(key: String) -> String {
    get {
      guard let (index, name) = Self.questionPath(key) else { return fields[key] ?? "" }
      guard questions.indices.contains(index) else { return "" }
      let question = questions[index]
      switch name {
      case "questionType": return question.questionType
      case "isMandatory": return question.isMandatory ? "true" : "false"
      case "content": return question.content
      case "documentTypes": return question.documentTypes
      default: return ""
      }
    }
    set {
      guard let (index, name) = Self.questionPath(key) else {
        fields[key] = newValue
        return
      }
      guard questions.indices.contains(index) else { return }
      switch name {
      case "questionType": questions[index].questionType = newValue
      case "isMandatory": questions[index].isMandatory = newValue == "true"
      case "content": questions[index].content = newValue
      case "documentTypes": questions[index].documentTypes = newValue
      default: break
      }
    }
  }

  public func flag(_ key: String) -> Bool { self[key] == "true" }

  /// The text of a field, or nil when it holds only spaces.
  public func optional(_ key: String) -> String? { self[key].trimmedOrNil }

  /// `questions[2].content` → (2, "content").
  static func questionPath(_ key: String) -> (Int, String)? {
    guard key.hasPrefix("questions["), let close = key.firstIndex(of: "]") else { return nil }
    guard let index = Int(key[key.index(key.startIndex, offsetBy: 10)..<close]) else { return nil }
    let rest = key[key.index(after: close)...]
    return (index, rest.hasPrefix(".") ? String(rest.dropFirst()) : "")
  }
}

extension String {
  /// The text without surrounding spaces, or nil when nothing is left.
  var trimmedOrNil: String? {
    let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }
}
