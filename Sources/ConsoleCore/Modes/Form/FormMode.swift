import Foundation
import PoppAPI

/// A campaign form (`c`, `e`) or the single launch (`a`). Everything typed is saved as a draft as it is typed; a
/// submit is sent once, and the form stays open with what was typed until the server says yes.
public struct FormMode: ConsoleMode, Hashable {
  public var form: FormState

  public init(_ form: FormState) { self.form = form }

  public var keyContexts: [KeyContext] { form.keyContexts }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    act(console: &console) { $0.perform(command) }
  }

  public mutating func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    act(console: &console) { form in
      form.type(key)
      return nil
    }
  }

  public mutating func apply(_ event: ServiceEvent, console: inout AppState) -> ModeOutcome {
    guard form.isSubmitting else { return .stay }
    switch event {
    case .formSucceeded:
      console.formDrafts[form.purpose.draftKey] = nil
      console.requestUI(console.saveFormDraft(form.purpose, nil))
      return .close
    case .formFailed(let error, let outcomeUnknown):
      if outcomeUnknown {
        form.submitFailed(
          FieldError(
            "", "the answer was lost, so the server may have acted: check the list (refreshing now) before you submit again"))
      } else {
        form.submitFailed(error)
      }
      console.flash = outcomeUnknown ? "Unknown outcome: nothing is sent again by itself." : "Not saved: the form keeps what you typed."
      return .stay
    default:
      return .stay
    }
  }

  private mutating func act(console: inout AppState, _ change: (inout FormState) -> FormAction?) -> ModeOutcome {
    console.flash = nil
    let before = form.values
    let action = change(&form)
    // Saved as typed, like a reply: a crash or a dropped session loses nothing of a form.
    if form.values != before { console.requestUI(console.saveFormDraft(form.purpose, form.values)) }
    switch action {
    case .close?:
      if form.isSubmitting {
        // The answer still comes; keep the values so nothing is lost if it is a refusal.
        console.formDrafts[form.purpose.draftKey] = form.values
        console.flash = "Still sending; the form's values are kept."
      } else if form.hasChanges {
        console.formDrafts[form.purpose.draftKey] = form.values
        console.flash = "Draft kept: \(console.paneKey(form.purpose.reopenCommand)) picks it up again."
      } else {
        console.formDrafts[form.purpose.draftKey] = nil
        console.requestUI(console.saveFormDraft(form.purpose, nil))
      }
      return .close
    case .submit?:
      return .stay([form.submission])
    case nil:
      if let confirmation = form.confirmation { console.flash = confirmation }
      return .stay
    }
  }
}

extension FormState.Purpose {
  /// Where a closed form's values wait to be picked up again.
  public var draftKey: String {
    switch self {
    case .newCampaign: "campaign.new"
    case .editCampaign(let campaign): "campaign.edit." + campaign.id
    case .launch(let campaign): "launch." + campaign.id
    }
  }

  /// The pane command that opens this form again.
  var reopenCommand: CommandName {
    switch self {
    case .newCampaign: .newCampaign
    case .editCampaign: .editCampaign
    case .launch: .launch
    }
  }
}

extension FormState {
  /// The request a submit sends.
  var submission: Effect {
    switch purpose {
    case .newCampaign: .createCampaign(CampaignForm.createRequest(values, phones: phones))
    case .editCampaign(let campaign):
      .updateCampaign(id: campaign.id, CampaignForm.updateRequest(values, original: campaign, phones: phones))
    case .launch(let campaign): .launchConversation(LaunchForm.request(values, campaign: campaign, phones: phones))
    }
  }
}
