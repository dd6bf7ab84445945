import ConsoleCore
import Foundation
import Testing

/// Preparing a bulk launch: which column is which, what is wrong with each row (by line),
/// duplicates, and what a re-run skips.
@Suite struct BulkPlanTests {
  func plan(_ text: String, channel: Channel = .sms, country: String? = nil, overrides: [String] = []) throws -> BulkPlan {
    try BulkPlan.prepare(
      data: Data(text.utf8),
      settings: BulkImportSettings(channel: channel, defaultCountry: country, overrides: try overrides.map { try ColumnOverride.parse($0) })
    )
  }

  @Test(arguments: [
    ("First Name", BulkField.firstName), ("first_name", .firstName), ("FORENAME", .firstName), ("Given name", .firstName),
    ("Surname", .lastName), ("Last name", .lastName), ("Mobile", .phoneNumber), ("Phone", .phoneNumber),
    ("Phone number", .phoneNumber), ("Cell", .phoneNumber), ("Telephone", .phoneNumber), ("E-mail", .emailAddress),
    ("Email address", .emailAddress), ("Candidate ID", .externalId), ("External ID", .externalId), ("Applicant ID", .externalId),
    ("Notes", .additionalContext), ("Opening message", .openingMessage), ("close_previous_conversations", .closePreviousConversations),
    ("Full name", .name),
  ])
  func commonHeaderSpellingsAreRecognised(header: String, field: BulkField) {
    #expect(BulkField.matching(header: header) == field)
  }

  @Test func unknownAndSecondColumnsAreIgnoredAndShown() throws {
    let mapping = try ColumnMapping.detect(headers: ["Forename", "Surname", "Mobile", "Cell", "Source", "Message"])
    #expect(mapping.columns == [.firstName: 0, .lastName: 1, .phoneNumber: 2])
    #expect(mapping.ignored.map(\.header) == ["Cell", "Source", "Message"])
    let lines = mapping.lines
    #expect(lines.contains { $0.hasPrefix("phoneNumber") && $0.hasSuffix("← \"Mobile\"") })
    #expect(lines.contains { $0.contains("\"Cell\": phoneNumber already comes from \"Mobile\"") })
    #expect(lines.contains { $0.contains("\"Source\": not a field") })
  }

  @Test func overridesChooseAColumnOrUnmapAField() throws {
    let plan = try plan(
      "Given,Known as,Tel,Notes\nAlexandra,Sasha,+447400900001,VIP\n",
      overrides: ["firstName=\"Known as\"", "name=Given", "additionalContext="])
    // Both a first-name and a name column: the override on firstName wins, the name is unused.
    #expect(plan.mapping.columns[.firstName] == 1)
    #expect(plan.rows[0].contact.firstName == "Sasha")
    #expect(plan.rows[0].contact.additionalContext == nil)
    #expect(plan.mapping.lines.contains { $0.contains("\"Notes\": additionalContext unmapped as asked") })

    let chosen = try self.plan("Name,Mobile,Cell\nAda Lovelace,+447400900001,+447400900009\n", overrides: ["phone=cell"])
    #expect(chosen.rows[0].contact.phoneNumber == "+447400900009")

    #expect(throws: BulkFileError.self) { try self.plan("Name,Mobile\nA,+1\n", overrides: ["firstName=Given"]) }
    #expect(throws: BulkFileError.badOverride("colour=Name")) { try ColumnOverride.parse("colour=Name") }
    #expect(throws: BulkFileError.badOverride("firstName")) { try ColumnOverride.parse("firstName") }
  }

  @Test func aLoneNameColumnIsSplitAtTheLastSpace() throws {
    let plan = try plan("Full name,Phone\nMary Ann Smith,+447400900001\nCher,+447400900002\n")
    #expect(plan.rows.map(\.contact.firstName) == ["Mary Ann", "Cher"])
    #expect(plan.rows.map(\.contact.lastName) == ["Smith", nil])
    #expect(plan.mapping.lines.first?.contains("split at the last space") == true)
    // Beside a surname column, "Name" is the first name, whole.
    let beside = try self.plan("Name,Surname,Phone\nMary Ann,Smith,+447400900001\n")
    #expect(beside.rows[0].contact.firstName == "Mary Ann" && beside.rows[0].contact.lastName == "Smith")
  }

  @Test func aMissingRequiredColumnIsAnErrorNamingIt() throws {
    do {
      _ = try plan("Surname,Email\nSmith,a@example.com\n")
      Issue.record("accepted without first names or phones")
    } catch let error as BulkFileError {
      guard case .missingColumns(let fields, let mapping) = error else { throw error }
      #expect(fields == [.firstName, .phoneNumber])
      #expect(mapping.columns[.lastName] == 0)
      #expect(error.description.contains("no column for phoneNumber") && error.description.contains("--map phoneNumber="))
    }
    // An EMAIL campaign needs the email column instead of the phone.
    #expect(throws: BulkFileError.missingColumns([.emailAddress], mapping: try ColumnMapping.detect(headers: ["First Name", "Phone"]))) {
      try self.plan("First Name,Phone\nAda,+447400900001\n", channel: .email)
    }
    #expect(try plan("First Name,Email\nAda,ada@example.com\n", channel: .email).counts.ready == 1)
  }

  @Test func aHeaderWithoutRowsIsNothingToSend() {
    #expect(throws: BulkFileError.headerOnly) { try plan("First Name,Phone\n\n\n") }
    #expect(throws: BulkFileError.empty) { try plan("") }
  }

  @Test func phonesAreNormalisedAndTheNormalisedNumberIsSent() throws {
    let plan = try plan("First Name,Phone\nAda,+44 7400 900123\nBob,(+1) 415-555-1234\n")
    #expect(plan.outgoing.map(\.contact.phoneNumber) == ["+447400900123", "+14155551234"])
    #expect(plan.outgoing.map(\.line) == [2, 3])
  }

  @Test func aNationalNumberNeedsADefaultCountry() throws {
    let text = "First Name,Mobile\nAda,07400 900123\n"
    let without = try plan(text)
    guard case .invalid(let problems) = without.rows[0].state else {
      Issue.record("a national number without a country was accepted: \(without.rows[0])")
      return
    }
    #expect(problems.count == 1)
    #expect(problems[0].hasPrefix("phoneNumber \"07400 900123\""))
    #expect(problems[0].contains("no default country is set"))
    #expect(without.problems().map(\.description).first?.hasPrefix("line 2: phoneNumber") == true)

    // With GB the row is whatever the normaliser makes of it: the normalised number when it
    // reads national formats, else its reason, without the hint to set a country.
    let withGB = try plan(text, country: "GB")
    switch PhoneNumberNormalizer(defaultCountry: "GB").normalize("07400 900123") {
    case .e164(let number):
      #expect(withGB.rows[0].state == .ready)
      #expect(withGB.outgoing.first?.contact.phoneNumber == number)
    case .invalid(let why):
      #expect(withGB.rows[0].state == .invalid(["phoneNumber \"07400 900123\" \(why)"]))
    }
  }

  @Test func rowsAreCheckedAgainstTheCampaignsChannel() throws {
    let text = """
      First Name,Phone,Email,Opening message,Close previous
      Ada,+447400900001,ada@example.com,,
      ,+447400900002,bob@example.com,,
      Cé,,not-an-email,Reply STOP to opt out,maybe
      Dee,+447400900004,dee@example.com,Hello without the opt-out word,no

      """
    let sms = try plan(text, channel: .sms)
    #expect(sms.counts.ready == 1 && sms.counts.invalid == 3)
    let problems = sms.problems().map(\.description)
    #expect(problems.contains("line 3: firstName is required"))
    #expect(problems.contains("line 4: phoneNumber is required for SMS campaigns"))
    #expect(problems.contains { $0.hasPrefix("line 4: closePreviousConversations must be yes or no") })
    #expect(problems.contains("line 5: openingMessage must contain STOP on SMS campaigns (opt-out instructions)"))

    let email = try plan(text, channel: .email)
    #expect(email.problems().map(\.description).contains("line 4: emailAddress is not a valid email address: \"not-an-email\""))
    #expect(email.rows[0].contact.emailAddress == "ada@example.com")
    #expect(email.counts.ready == 2, "line 5's message is fine on email: \(email.problems())")
    #expect(try plan(text, channel: .whatsapp).problems().contains { $0.message.hasPrefix("openingMessage is not allowed on WHATSAPP") })
  }

  @Test func duplicatesAreFlaggedOnTheLaterLineNamingTheFirst() throws {
    let plan = try plan(
      """
      First Name,Phone,Candidate ID
      Ada,+447400900001,A-1
      Ada again,+447400900009,A-1
      Bob,+447400900002,
      Bob twin,+44 7400 900002,
      Cé,+447400900002,C-3

      """)
    #expect(plan.rows.map(\.state) == [.ready, .duplicate(ofLine: 2), .ready, .duplicate(ofLine: 4), .ready])
    #expect(plan.counts.duplicates == 2)
    #expect(
      plan.problems().map(\.description) == [
        "line 3: duplicate of line 2 (same externalId \"A-1\")", "line 5: duplicate of line 4 (same phoneNumber \"+447400900002\")",
      ])
  }

  @Test func rowsAlreadyInTheCampaignAreSkippedByTheirKey() throws {
    let plan = try plan(
      """
      First Name,Phone,Email,ID
      Ada,+447400900001,,A-1
      Bob,+447400900002,,
      Cé,+447400900003,,C-3
      Dee,+447400900004,,

      """)
    var existing = ExistingContacts()
    // A conversation with id A-1; one with a phone but another external id; a report row.
    existing.keys.formUnion(ContactKey.all(externalId: "A-1", phoneNumber: "+447400900099", emailAddress: nil))
    existing.keys.formUnion(ContactKey.all(externalId: "X-9", phoneNumber: "+447400900002", emailAddress: nil))
    existing.add(report: [
      BulkRowResult(line: 5, contact: BulkContact(firstName: "Dee", phoneNumber: "+447400900004"), status: .queued, reason: nil),
      BulkRowResult(
        line: 4, contact: BulkContact(firstName: "Cé", phoneNumber: "+447400900003", externalId: "C-3"), status: .failed, reason: "x"),
    ])
    let skipped = plan.skipping(existing: existing)
    #expect(skipped.rows.map(\.state) == [.alreadyInCampaign, .alreadyInCampaign, .ready, .alreadyInCampaign])
    #expect(skipped.counts.alreadyInCampaign == 3)
    #expect(skipped.outgoing.map(\.line) == [4])
    #expect(skipped.results().map(\.status) == [.skipped, .skipped, .ready, .skipped])
    #expect(skipped.results()[0].reason == "already in the campaign")
  }

  @Test func thePreviewShowsMappingCountsAndFirstProblems() throws {
    var text = "First Name,Phone,Source\n"
    for index in 0..<15 { text += "N\(index),bad\(index),web\n" }
    text += "Ok,+447400900001,web\n"
    let lines = try plan(text).previewLines(problemLimit: 3)
    #expect(lines.first == "Columns (comma-separated):")
    #expect(lines.contains("Rows: 16"))
    #expect(lines.contains("  ready to send:           1"))
    #expect(lines.contains("  invalid:                 15"))
    #expect(lines.contains { $0.hasPrefix("  line 2: phoneNumber \"bad0\"") })
    #expect(lines.contains { $0.hasPrefix("  line 4: phoneNumber \"bad2\"") })
    #expect(!lines.contains { $0.hasPrefix("  line 5:") })
    #expect(lines.last == "  … and 12 more")
  }

  @Test func resultsFileRoundTripsAndIsWrittenAtomically() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("applicants.csv")
    #expect(BulkReport.path(forInput: input).lastPathComponent == "applicants.results.csv")
    #expect(BulkReport.path(forInput: folder.appendingPathComponent("list.TXT")).lastPathComponent == "list.TXT.results.csv")
    let results = [
      BulkRowResult(
        line: 2,
        contact: BulkContact(
          firstName: "Zoë \"Z\"", lastName: "O'Neil, Jr.", phoneNumber: "+447400900001", externalId: "A-1",
          additionalContext: "two\nlines", closePreviousConversations: true), status: .queued, reason: nil),
      BulkRowResult(line: 9, contact: BulkContact(firstName: "陳"), status: .invalid, reason: "phoneNumber is required for SMS campaigns"),
    ]
    let report = BulkReport.path(forInput: input)
    try Data("old".utf8).write(to: report)
    try BulkReport.write(results, campaignId: "camp-1", to: report)
    #expect(try BulkReport.read(report) == results)
    #expect(try BulkReport.read(report, campaignId: "camp-1") == results)
    #expect(try BulkReport.read(report, campaignId: "camp-2").isEmpty, "another campaign's results do not count there")
    let text = try String(contentsOf: report, encoding: .utf8)
    #expect(text.hasPrefix("line,firstName,lastName,phoneNumber,emailAddress,externalId,openingMessage,additionalContext,"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["applicants.results.csv"], "no temporary file left")
  }
}
