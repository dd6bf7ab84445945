public import PoppAPI

/// A form on screen: what it is for, the values as typed, which row has focus, and what to
/// say about them. Errors show beside a field once it has been left, and all of them after a
/// submit; a server's refusal shows beside the field it names. Nothing typed is lost by a
/// failed submit.
public struct FormState: Sendable, Hashable {
  public enum Purpose: Sendable, Hashable {
    case newCampaign
    case editCampaign(Campaign)
    case launch(Campaign)
  }

  /// The focused text field's cursor, kept while the field has focus.
  public struct FieldEditor: Sendable, Hashable {
    public var key: String
    public var state: ComposerState
  }

  public var purpose: Purpose
  public var values: FormValues
  /// The catalog when the form opened: opening templates to choose from.
  public var templates: [Template]
  public var phones: PhoneNumberNormalizer
  public internal(set) var focusKey: String
  public internal(set) var editor: FieldEditor?
  /// Fields the recruiter has left; their problems show from then on.
  public internal(set) var visited: Set<String> = []
  /// Set by a submit attempt: every problem shows.
  public internal(set) var showsAllErrors = false
  /// The server's refusal, placed beside the field its text names (path "" for the form).
  public var serverError: FieldError?
  /// Between sending and the answer: a second submit is refused.
  public var isSubmitting = false
  /// A question to answer before submitting (a campaign going live or archived).
  public internal(set) var confirmation: String?

  public init(purpose: Purpose, values: FormValues? = nil, templates: [Template], phones: PhoneNumberNormalizer = .init()) {
    self.purpose = purpose
    self.templates = templates
    self.phones = phones
    switch purpose {
    case .newCampaign: self.values = values ?? CampaignForm.newValues()
    case .editCampaign(let campaign): self.values = values ?? CampaignForm.values(of: campaign)
    case .launch: self.values = values ?? LaunchForm.newValues()
    }
    focusKey = ""
    settleChoices()
    focusKey = fields.first { $0.isFocusable && $0.kind != .readOnly }?.key ?? ""
  }

  public var title: String {
    switch purpose {
    case .newCampaign: "New campaign"
    case .editCampaign(let campaign): "Edit campaign · " + TerminalSanitizer.sanitize(campaign.campaignTitle)
    case .launch(let campaign):
      "Start a conversation · " + TerminalSanitizer.sanitize(campaign.campaignTitle) + " · " + campaign.channel.rawValue
    }
  }

  public var fields: [FormField] {
    switch purpose {
    case .newCampaign: CampaignForm.fields(values, templates: templates, existing: nil, phones: phones)
    case .editCampaign(let campaign): CampaignForm.fields(values, templates: templates, existing: campaign, phones: phones)
    case .launch(let campaign): LaunchForm.fields(values, campaign: campaign, phones: phones)
    }
  }

  /// Every problem of the values as they stand.
  public var errors: [FieldError] {
    switch purpose {
    case .newCampaign: CampaignForm.errors(values, templates: templates, existing: nil, phones: phones)
    case .editCampaign(let campaign): CampaignForm.errors(values, templates: templates, existing: campaign, phones: phones)
    case .launch(let campaign): LaunchForm.errors(values, campaign: campaign, phones: phones)
    }
  }

  /// The problems to show now, by the key of the field they belong to ("" for the form).
  public var shownErrors: [String: [String]] {
    let fields = fields
    var shown: [String: [String]] = [:]
    for error in errors {
      let key = Self.placement(of: error, in: fields)
      guard showsAllErrors || visited.contains(key) || key.isEmpty && showsAllErrors else { continue }
      shown[key, default: []].append(key.isEmpty || key != error.path ? error.description : error.message)
    }
    if let serverError {
      let key = Self.placement(of: serverError, in: fields)
      shown[key, default: []].append("server: " + TerminalSanitizer.sanitize(serverError.description))
    }
    return shown
  }

  /// The row an error belongs to: the field it names, else its top-level field, else the form.
  static func placement(of error: FieldError, in fields: [FormField]) -> String {
    if fields.contains(where: { $0.key == error.path }) { return error.path }
    if let question = FormValues.questionPath(error.path), fields.contains(where: { $0.key == "questions[\(question.0)].questionType" }) {
      return "questions[\(question.0)].questionType"
    }
    if fields.contains(where: { $0.key == error.field }) { return error.field }
    return ""
  }

  /// A form whose values differ from how it opened: closing it keeps them as a draft.
  public var hasChanges: Bool {
    self.values != FormState(purpose: purpose, templates: templates, phones: phones).values
  }

  /// A choice whose value is no longer offered (the opening template after a change of
  /// channel) takes the first that is.
  mutating func settleChoices() {
    for field in fields {
      guard case .choice(let choices) = field.kind, let first = choices.first else { continue }
      // A choice never made (the opening template of a new campaign) takes the first too.
      let unset = field.questionIndex == nil && values.fields[field.key] == nil
      if unset || !choices.contains(where: { $0.value == values[field.key] }) { values[field.key] = first.value }
    }
  }

  // MARK: Focus

  public var focusedField: FormField? { fields.first { $0.key == focusKey } }

  mutating func moveFocus(by step: Int) {
    let fields = fields
    let focusable = fields.indices.filter { fields[$0].isFocusable }
    guard !focusable.isEmpty else { return }
    leave()
    let current = focusable.firstIndex { fields[$0].key == focusKey } ?? 0
    let next = min(max(current + step, 0), focusable.count - 1)
    focusKey = fields[focusable[next]].key
  }

  /// PgDn / PgUp: the first field of the next section, or of this one's previous section.
  mutating func moveToSection(forward: Bool) {
    let fields = fields
    guard let current = fields.firstIndex(where: { $0.key == focusKey }) else { return }
    let sections = fields.indices.filter { fields[$0].kind == .section }
    let start: Int
    if forward {
      start = sections.first { $0 > current } ?? fields.count - 1
    } else {
      let own = sections.last { $0 < current } ?? 0
      start = sections.last { $0 < own } ?? 0
    }
    let order = forward ? Array(start..<fields.count) + Array((0..<start).reversed()) : Array(start..<fields.count)
    guard let target = order.first(where: { fields[$0].isFocusable }) else { return }
    leave()
    focusKey = fields[target].key
  }

  public mutating func focus(_ key: String) {
    guard fields.contains(where: { $0.key == key && $0.isFocusable }) else { return }
    leave()
    focusKey = key
  }

  /// After a change of rows (a question removed, a choice that hides a field), keeps focus
  /// on the same field or the nearest one.
  mutating func keepFocus(nearIndex index: Int) {
    let fields = fields
    guard !fields.contains(where: { $0.key == focusKey }) else { return }
    let focusable = fields.indices.filter { fields[$0].isFocusable }
    if let nearest = focusable.last(where: { $0 <= index }) ?? focusable.first { focusKey = fields[nearest].key }
  }

  private mutating func leave() {
    if !focusKey.isEmpty { visited.insert(focusKey) }
    editor = nil
  }

  // MARK: Submitting

  /// Checks the values before sending: false (with every problem shown and the first one
  /// focused, or a confirmation asked) when the form cannot go yet.
  public mutating func prepareSubmit(confirmed: Bool = false) -> Bool {
    guard !isSubmitting else { return false }
    leave()
    let errors = errors
    if !errors.isEmpty {
      showsAllErrors = true
      let fields = fields
      if let first = errors.map({ Self.placement(of: $0, in: fields) }).first(where: { !$0.isEmpty }),
        let row = fields.first(where: { $0.key == first || ($0.key.hasPrefix(first) && $0.isFocusable) }), row.isFocusable
      {
        focusKey = row.key
      }
      return false
    }
    if !confirmed, let question = confirmationQuestion {
      confirmation = question
      return false
    }
    confirmation = nil
    serverError = nil
    isSubmitting = true
    return true
  }

  mutating func cancelConfirmation() { confirmation = nil }

  /// Status changes of an existing campaign are asked about: they start or stop outreach.
  private var confirmationQuestion: String? {
    guard case .editCampaign(let campaign) = purpose else { return nil }
    let update = CampaignForm.updateRequest(values, original: campaign, phones: phones)
    guard let status = update.campaignStatus else { return nil }
    let change = "\(campaign.campaignStatus.rawValue) → \(status.rawValue)"
    switch status {
    case .live: return "Put the campaign live (\(change))? Conversations can then be started in it."
    case .archived: return "Archive the campaign (\(change))? No new conversations can start in it."
    default: return "Change the campaign's status (\(change))?"
    }
  }

  /// The server refused: everything typed stays; the refusal shows beside its field.
  public mutating func submitFailed(_ error: FieldError) {
    isSubmitting = false
    serverError = error
    let key = Self.placement(of: error, in: fields)
    if !key.isEmpty, fields.first(where: { $0.key == key })?.isFocusable == true { focus(key) }
  }
}
