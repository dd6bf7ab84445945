import Foundation
import PoppAPI

extension FormState.Purpose {
  /// Where a closed form's values wait to be picked up again.
  public var draftKey: String {
    switch self {
    case .newCampaign: "campaign.new"
    case .editCampaign(let campaign): "campaign.edit." + campaign.id
    case .launch(let campaign): "launch." + campaign.id
    }
  }
}

extension AppState {
  /// Form drafts are saved with the reply drafts (one table, one writer), under this prefix.
  static let formDraftPrefix = "form:"

  /// Takes the form drafts out of the saved drafts (at start): what a crash or a dropped
  /// session left in a form comes back when that form is opened again.
  public mutating func restoreFormDrafts() {
    for (key, text) in drafts where key.hasPrefix(Self.formDraftPrefix) {
      drafts[key] = nil
      if let values = try? JSONDecoder().decode(FormValues.self, from: Data(text.utf8)) {
        formDrafts[String(key.dropFirst(Self.formDraftPrefix.count))] = values
      }
    }
  }

  /// Saves (or, with nil, deletes) a form's draft as it stands.
  func saveFormDraft(_ purpose: FormState.Purpose, _ values: FormValues?) -> Effect {
    let text = values.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
    return .saveDraft(conversationId: Self.formDraftPrefix + purpose.draftKey, text: text)
  }

  /// The campaign a campaign command means: the one selected in the campaigns pane, else the
  /// campaign of the conversation in view.
  mutating func targetCampaign(for action: String) -> Campaign? {
    if let selectedCampaign { return selectedCampaign }
    let conversation = focus == .thread ? openConversation : (focus == .conversations ? selectedConversation : nil)
    if let campaign = campaign(id: conversation?.campaignId) { return campaign }
    flash = "Select a campaign to \(action) (in the campaigns pane)."
    return nil
  }

  /// Opens a form, with its draft when one was left.
  mutating func openForm(_ purpose: FormState.Purpose) {
    let draft = formDrafts[purpose.draftKey]
    overlay = .form(FormState(purpose: purpose, values: draft, templates: templates, phones: phones))
    if draft != nil { flash = "Draft restored." }
  }

  /// A key while a form is open.
  mutating func formKey(_ key: Key) -> [Effect] {
    guard case .form(var form) = overlay else { return [] }
    flash = nil
    let before = form.values
    let action = form.handle(key)
    // Saved as typed, like a reply: a crash or a dropped session loses nothing of a form.
    let saving: [Effect] = form.values != before ? [saveFormDraft(form.purpose, form.values)] : []
    switch action {
    case .close?:
      overlay = nil
      if form.isSubmitting {
        // The answer still comes; keep the values so nothing is lost if it is a refusal.
        formDrafts[form.purpose.draftKey] = form.values
        flash = "Still sending; the form's values are kept."
      } else if form.hasChanges {
        formDrafts[form.purpose.draftKey] = form.values
        flash = "Draft kept: \(reopenKey(form.purpose)) picks it up again."
      } else {
        formDrafts[form.purpose.draftKey] = nil
        return saving + [saveFormDraft(form.purpose, nil)]
      }
      return saving
    case .submit?:
      overlay = .form(form)
      return saving + [submission(of: form)]
    case nil:
      overlay = .form(form)
      if let confirmation = form.confirmation { flash = confirmation }
      return saving
    }
  }

  private func reopenKey(_ purpose: FormState.Purpose) -> String {
    switch purpose {
    case .newCampaign: "c"
    case .editCampaign: "e"
    case .launch: "a"
    }
  }

  private func submission(of form: FormState) -> Effect {
    switch form.purpose {
    case .newCampaign: .createCampaign(CampaignForm.createRequest(form.values, phones: form.phones))
    case .editCampaign(let campaign):
      .updateCampaign(id: campaign.id, CampaignForm.updateRequest(form.values, original: campaign, phones: form.phones))
    case .launch(let campaign): .launchConversation(LaunchForm.request(form.values, campaign: campaign, phones: form.phones))
    }
  }

  /// The form that is sending, open or not.
  private var submittingPurpose: FormState.Purpose? {
    if case .form(let form) = overlay, form.isSubmitting { return form.purpose }
    return nil
  }

  mutating func formSucceeded(note: String, campaign: Campaign?) -> [Effect] {
    var effects: [Effect] = []
    if case .form(let form) = overlay, form.isSubmitting {
      formDrafts[form.purpose.draftKey] = nil
      effects.append(saveFormDraft(form.purpose, nil))
      overlay = nil
    }
    if let campaign {
      if let position = campaigns.firstIndex(where: { $0.id == campaign.id }) {
        campaigns[position] = campaign
      } else {
        campaigns.append(campaign)
        formDrafts[FormState.Purpose.newCampaign.draftKey] = nil
        effects.append(saveFormDraft(.newCampaign, nil))
      }
      campaignSelection = (campaigns.firstIndex { $0.id == campaign.id }).map { $0 + 1 } ?? campaignSelection
      conversationSelection = 0
      refreshVisibleRows()
    }
    flash = note
    return effects
  }

  mutating func formFailed(_ error: FieldError, outcomeUnknown: Bool) {
    guard case .form(var form) = overlay, form.isSubmitting else {
      flash = "Not saved: " + TerminalSanitizer.sanitize(error.description)
      return
    }
    if outcomeUnknown {
      form.submitFailed(
        FieldError(
          "", "the answer was lost, so the server may have acted: check the list (refreshing now) before you submit again"))
    } else {
      form.submitFailed(error)
    }
    overlay = .form(form)
    flash = outcomeUnknown ? "Unknown outcome: nothing is sent again by itself." : "Not saved: the form keeps what you typed."
  }
}
