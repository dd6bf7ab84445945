import Foundation
import PoppAPI

/// What the simulated agent and candidates say. Plain, varied, and deterministic: every
/// choice is made from a roll the caller derives from the seed.
enum Script {
  static func opening(firstName: String, campaign: Campaign) -> String {
    let agent = campaign.agent?.agentName ?? "Alex"
    let company = campaign.company ?? campaign.jobDescriptionParsed?.employerName ?? "our team"
    var text =
      "Hi \(firstName), this is \(agent) from \(company). Thanks for your interest in the \(campaign.campaignTitle) role! Do you have a few minutes to answer some quick questions?"
    if campaign.channel == .sms { text += " Reply STOP to opt out." }
    return text
  }

  static func ask(_ question: Question, index: Int, resuming: Bool) -> String {
    let lead = resuming ? "Thanks for your patience! Picking up where we left off: " : (index == 0 ? "Great, let's start. " : "Thanks! ")
    switch question.questionType {
    case .document:
      let kinds = (question.documentTypes ?? ["document"]).joined(separator: " or ")
      return lead + "Could you send me your \(kinds)?"
    default:
      return lead + (question.content ?? "Could you tell me a bit more about yourself?")
    }
  }

  static func answer(to question: Question?, positive: Bool, roll: UInt64) -> String {
    guard let question else {
      return pick(
        ["Yes, happy to chat!", "Sure, go ahead 👍", "Hi! Yes, I have a few minutes.", "Of course, thanks for reaching out."], roll)
    }
    if question.questionType == .document {
      return pick(["Here you go: CV_2026.pdf", "Attached my CV 📎", "Sent it over just now (resume.pdf)."], roll)
    }
    if positive {
      return pick(
        [
          "Yes, absolutely.", "Yes — I've been doing exactly that for the last six years.",
          "Yes, that's right.", "Definitely, yes.", "Yes! 🙂",
        ], roll)
    }
    return pick(["No, unfortunately not.", "No, I don't.", "Not at the moment, no."], roll)
  }

  static func unanswerable(roll: UInt64) -> String {
    pick(
      [
        "Before I answer — is the salary negotiable, and is there a relocation package?",
        "Can I bring my dog to the office?",
        "Would you sponsor a visa for my partner as well?",
        "Is it possible to work four days a week?",
        "I had an offer from you last year that was withdrawn — can someone explain why?",
      ], roll)
  }

  static func confirmation(roll: UInt64) -> String {
    pick(["Done, booked for Thursday at 10. Thanks!", "All set, see you then.", "Booked ✅"], roll)
  }

  static func replyToRecruiter(roll: UInt64) -> String {
    pick(
      [
        "Thanks for getting back to me!", "That's really helpful, thank you.",
        "Great, that answers my question.", "Ok, sounds good 👍",
      ], roll)
  }

  static func flaggedHolding() -> String {
    "Good question — let me check with the hiring team and get back to you shortly."
  }

  static func rejection(firstName: String) -> String {
    "Thanks for your honesty, \(firstName). That requirement is essential for this role, so we won't be able to move forward this time. We'll keep your details for future openings."
  }

  static func closing(for campaign: Campaign) -> String {
    switch campaign.closingMethod {
    case .custom: campaign.customRequest ?? "Thanks! Our team will be in touch."
    case .meetingURL: "Thanks, that's everything I need! Please pick a time that suits you here: \(campaign.meetingUrl ?? "")"
    case .phoneNumber:
      "Thanks, that's everything I need! Please give our team a call on \(campaign.contactNumber ?? "") at your convenience."
    case .calendarMeetingIntegration: "Thanks, that's everything I need! I've sent you a calendar invitation to choose an interview slot."
    case .unknown: "Thanks, that's everything I need!"
    }
  }

  static func closingAcknowledged() -> String {
    "Wonderful, you're all set. Good luck!"
  }

  static func nudge(firstName: String, count: Int) -> String {
    count == 1
      ? "Hi \(firstName), just checking in — are you still interested in the role?"
      : "Hi \(firstName), one last nudge from me. Let me know if you'd like to continue!"
  }

  static let optedOut = "Candidate opted out. No further messages will be sent."
  static func deliveryFailed(channel: Channel) -> String {
    "Delivery failed: the candidate cannot be reached on \(channel)."
  }
  static let closedAfterNudges = "Closed after 2 unanswered follow-ups."

  static func isNegative(_ answer: String) -> Bool {
    let text = answer.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
    let negativeStarts = ["no", "nope", "not ", "unfortunately", "i don't", "i do not", "i can't", "non", "nein"]
    return negativeStarts.contains { start in
      guard text.hasPrefix(start) else { return false }
      let rest = text.dropFirst(start.count)
      return start.hasSuffix(" ") || rest.first.map { !$0.isLetter } ?? true
    }
  }

  static func isOptOut(_ text: String) -> Bool {
    ["STOP", "UNSUBSCRIBE", "STOPALL"].contains(text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased())
  }

  static func pick(_ options: [String], _ roll: UInt64) -> String {
    options[Int(roll % UInt64(options.count))]
  }
}
