/// A field of a bulk contact that a CSV column can fill, named as the API names it.
///
/// `name` is not an API field: a lone full-name column, split into first and last name when
/// the file has no first-name column (see `ContactBuilder`).
public enum BulkField: String, CaseIterable, Sendable, Hashable, Comparable {
  case firstName, lastName, name, phoneNumber, emailAddress, externalId, openingMessage, additionalContext,
    closePreviousConversations

  /// Header spellings that map to the field, already normalised (`HeaderName.normalize`):
  /// "First Name", "first_name" and "FIRST-NAME" all read as `firstname`. The field's own API
  /// name comes first. Exports from ATSs, spreadsheets and job boards use these.
  public var spellings: [String] {
    switch self {
    case .firstName:
      [
        "firstname", "first", "forename", "forenames", "givenname", "given", "fname", "christianname", "candidatefirstname",
        "applicantfirstname", "contactfirstname", "participantfirstname",
      ]
    case .lastName:
      [
        "lastname", "last", "surname", "familyname", "lname", "candidatelastname", "applicantlastname", "contactlastname",
        "participantlastname", "candidatesurname",
      ]
    case .name:
      ["name", "fullname", "candidatename", "applicantname", "contactname", "participantname", "candidate", "applicant"]
    case .phoneNumber:
      [
        "phonenumber", "phone", "phoneno", "mobile", "mobilenumber", "mobileno", "mobilephone", "mobilephonenumber", "cell",
        "cellphone", "cellnumber", "cellphonenumber", "telephone", "telephonenumber", "tel", "telno", "contactnumber",
        "whatsapp", "whatsappnumber", "msisdn", "candidatephone", "applicantphone", "participantphonenumber",
      ]
    case .emailAddress:
      [
        "emailaddress", "email", "mail", "emailid", "candidateemail", "applicantemail", "contactemail", "personalemail",
        "participantemailaddress",
      ]
    case .externalId:
      [
        "externalid", "candidateid", "applicantid", "applicationid", "id", "ref", "reference", "candidatereference",
        "candidateref", "applicantreference", "externalreference", "atsid",
      ]
    case .openingMessage:
      // Not a bare "Message": in ATS exports that is often the candidate's own cover note.
      ["openingmessage", "firstmessage", "customopeningmessage", "openingtext"]
    case .additionalContext:
      [
        "additionalcontext", "context", "notes", "note", "comments", "comment", "additionalinformation", "additionalinfo",
        "remarks",
      ]
    case .closePreviousConversations:
      [
        "closepreviousconversations", "closepreviousconversation", "closeprevious", "closeexistingconversations",
        "closeexisting",
      ]
    }
  }

  /// The field a header names, if any.
  public static func matching(header: String) -> BulkField? {
    let key = HeaderName.normalize(header)
    guard !key.isEmpty else { return nil }
    return allCases.first { $0.spellings.contains(key) }
  }

  /// The field a `--map` key names: its API name or one of its spellings, in any case.
  public static func named(_ text: String) -> BulkField? {
    let key = HeaderName.normalize(text)
    return allCases.first { HeaderName.normalize($0.rawValue) == key } ?? matching(header: text)
  }

  public static func < (lhs: BulkField, rhs: BulkField) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// How header cells are compared: case and punctuation do not matter.
public enum HeaderName {
  /// Lowercased, with everything but letters and digits dropped: `"E-mail Address "` →
  /// `emailaddress`.
  public static func normalize(_ header: String) -> String {
    String(header.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
  }
}
