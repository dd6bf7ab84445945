import PoppAPI
import Testing

@Suite struct PhoneNumberNormalizerTests {
  /// (as typed, default country, E.164)
  static let international: [(String, String?, String)] = [
    ("+44 7400 900123", nil, "+447400900123"),
    ("+44 (0)7400 900123", nil, "+447400900123"),
    ("+44 (0) 20 7946 0000", "US", "+442079460000"),
    ("+44 020 7946 0000", nil, "+442079460000"),
    ("(+44) 7400-900-123", nil, "+447400900123"),
    ("0044 7400 900123", nil, "+447400900123"),
    ("0044 (0)7400 900123", "GB", "+447400900123"),
    ("00 33 6 12 34 56 78", nil, "+33612345678"),
    ("011 44 7400 900123", "US", "+447400900123"),
    ("011 33 6 12 34 56 78", "CA", "+33612345678"),
    ("00 44 7400 900123", "US", "+447400900123"),
    ("0011 44 7400 900123", "AU", "+447400900123"),
    ("010 44 7400 900123", "JP", "+447400900123"),
    ("000 44 7400 900123", "KE", "+447400900123"),
    ("tel:+1-415-555-1234", nil, "+14155551234"),
    ("TEL:+44.7400.900123", nil, "+447400900123"),
    ("+1 (415) 555-1234", "GB", "+14155551234"),
    ("＋４４ ７４００ ９００１２３", nil, "+447400900123"),
    ("+٤٤ ٧٤٠٠ ٩٠٠١٢٣", nil, "+447400900123"),
    ("+39 06 1234 5678", nil, "+390612345678"),
    ("+39 (0)6 1234 5678", nil, "+390612345678"),
    ("+39 312 345 6789", nil, "+393123456789"),
    ("+49 170 1234567", nil, "+491701234567"),
    ("+49 (0)30 123456", nil, "+4930123456"),
    ("+52 1 55 1234 5678", nil, "+525512345678"),
    ("+7 912 345-67-89", nil, "+79123456789"),
    ("+7 701 234 5678", nil, "+77012345678"),
    ("+86 138 1234 5678", nil, "+8613812345678"),
    ("+800 1234 5678", nil, "+80012345678"),
    ("+1 268 460 1234", "GB", "+12684601234"),
    ("  +44\u{00A0}7400\u{2009}900123  ", nil, "+447400900123"),
    ("+44 7400 900123", "ZZ", "+447400900123"),
  ]

  static let national: [(String, String, String)] = [
    ("07400 900123", "GB", "+447400900123"),
    ("07400 900123", "gb", "+447400900123"),
    ("07400 900123", "UK", "+447400900123"),
    ("020 7946 0000", "GB", "+442079460000"),
    ("(020) 7946-0000", "GB", "+442079460000"),
    ("7400900123", "GB", "+447400900123"),
    ("447400900123", "GB", "+447400900123"),
    ("44 (0)7400 900123", "GB", "+447400900123"),
    ("(415) 555-1234", "US", "+14155551234"),
    ("415.555.1234", "US", "+14155551234"),
    ("1-415-555-1234", "US", "+14155551234"),
    ("1 (415) 555 1234", "US", "+14155551234"),
    ("604 555 0199", "CA", "+16045550199"),
    ("876 555 0123", "JM", "+18765550123"),
    ("06 1234 5678", "IT", "+390612345678"),
    ("02 1234 5678", "IT", "+390212345678"),
    ("312 345 6789", "IT", "+393123456789"),
    ("06 12 34 56 78", "FR", "+33612345678"),
    ("0170 1234567", "DE", "+491701234567"),
    ("030 123456", "DE", "+4930123456"),
    ("1701234567", "DE", "+491701234567"),
    ("06 12345678", "NL", "+31612345678"),
    ("0470 12 34 56", "BE", "+32470123456"),
    ("612 34 56 78", "ES", "+34612345678"),
    ("912 345 678", "PT", "+351912345678"),
    ("079 123 45 67", "CH", "+41791234567"),
    ("0664 1234567", "AT", "+436641234567"),
    ("070-123 45 67", "SE", "+46701234567"),
    ("412 34 567", "NO", "+4741234567"),
    ("20 12 34 56", "DK", "+4520123456"),
    ("040 123 4567", "FI", "+358401234567"),
    ("512 345 678", "PL", "+48512345678"),
    ("0412 345 678", "AU", "+61412345678"),
    ("(02) 9876 5432", "AU", "+61298765432"),
    ("021 123 4567", "NZ", "+64211234567"),
    ("09 234 5678", "NZ", "+6492345678"),
    ("098765 43210", "IN", "+919876543210"),
    ("082 123 4567", "ZA", "+27821234567"),
    ("(11) 91234-5678", "BR", "+5511912345678"),
    ("011 91234 5678", "BR", "+5511912345678"),
    ("55 1234 5678", "MX", "+525512345678"),
    ("044 55 1234 5678", "MX", "+525512345678"),
    ("050 123 4567", "AE", "+971501234567"),
    ("8123 4567", "SG", "+6581234567"),
    ("090-1234-5678", "JP", "+819012345678"),
    ("0917 123 4567", "PH", "+639171234567"),
    ("0803 123 4567", "NG", "+2348031234567"),
    ("0712 345678", "KE", "+254712345678"),
    ("087 123 4567", "IE", "+353871234567"),
    // Countries the hand table did not know, and libphonenumber's rules for them.
    ("138 1234 5678", "CN", "+8613812345678"),
    ("8 (701) 234-56-78", "KZ", "+77012345678"),
    ("011 15-2345-6789", "AR", "+5491123456789"),
    ("460 1234", "AG", "+12684601234"),
    ("01481 256789", "GB", "+441481256789"),
  ]

  @Test(arguments: international)
  func readsInternationalNumbers(_ text: String, _ country: String?, _ expected: String) {
    #expect(PhoneNumberNormalizer(defaultCountry: country).normalize(text) == .e164(expected))
  }

  @Test(arguments: national)
  func readsNationalNumbersByTheDefaultCountry(_ text: String, _ country: String, _ expected: String) {
    #expect(PhoneNumberNormalizer(defaultCountry: country).normalize(text) == .e164(expected))
  }

  /// (as typed, default country, words the reason must hold)
  static let invalid: [(String, String?, [String])] = [
    ("", "GB", ["is empty"]),
    ("   ", nil, ["is empty"]),
    ("07400 900123", nil, ["national number", "starts with 0", "no default country", "+44", "default-country"]),
    ("7400 900123", nil, ["no country code", "default-country"]),
    ("011 44 7400 900123", nil, ["national number", "no default country"]),
    ("07400 90012", "GB", ["has 9 digits after the trunk 0", "GB numbers starting 07 have 10"]),
    ("+44 7400 90012", nil, ["has 9 digits after +44", "GB numbers starting 7 have 10"]),
    ("+44 (0)7400 9001234", nil, ["has 11 digits after +44"]),
    ("0123 45678", "FR", ["has 8 digits after the trunk 0", "FR numbers have 9"]),
    ("415 555 123", "US", ["has 9 digits", "US numbers have 10 (11 with the leading 1)"]),
    ("+1 415 555 12345", nil, ["has 11 digits after +1", "+1 numbers", "have 10"]),
    ("(115) 555-1234", "US", ["area code 115", "0 or 1"]),
    ("415 155 1234", "CA", ["exchange 155"]),
    ("012 345 6789", "US", ["starts with 0", "US numbers"]),
    ("0612 345 678", "ES", ["starts with 0", "ES numbers"]),
    ("06 1234 5678 901", "IT", ["has 13 digits", "IT numbers starting 06 have 6 to 11"]),
    ("31 234 567", "DE", ["trunk 0", "area code", "+49"]),
    ("1-800-FLOWERS", "US", ["contains letters", "FLOWERS"]),
    ("+44 74OO 900123", nil, ["contains letters", "OO"]),
    ("+44 7400 900123 x123", nil, ["extension", "x123", "E.164"]),
    ("+1 415 555 1234 ext. 12", nil, ["extension", "ext. 12"]),
    ("020 7946 0000 extension 4", "GB", ["extension"]),
    ("tel:+1-415-555-1234;ext=5", nil, ["extension"]),
    ("+1 415 555 1234 #99", nil, ["extension"]),
    ("07400 900123", "ZZ", ["\"ZZ\"", "not one this program knows", "GB"]),
    ("+0 123 456 789", nil, ["no country code after the +"]),
    ("+44 7400 +900123", nil, ["+ that is not at the start"]),
    ("+999 12", nil, ["unknown country code", "+9, +99 or +999"]),
    ("+999 1234 5678 9012 34", nil, ["unknown country code"]),
    ("+44 1234 5678 9012 34", nil, ["has 14 digits after +44"]),
    ("jo@example.com", "GB", ["email address"]),
    ("07400*900123", "GB", ["contains \"*\""]),
    ("()-", "GB", ["has no digits"]),
    // Ofcom's drama range: the length of a GB mobile, not one in use (libphonenumber).
    ("07700 900123", "GB", ["has the length of a GB number", "none of GB's number ranges", "check the digits"]),
    ("+44 7700 900123", nil, ["has the length of a GB number", "none of GB's number ranges"]),
    ("09 123 4567", "NZ", ["no NZ numbers start 091"]),
    ("09601", "IR", ["has 6 digits with its country code", "7 to 15", "within its country"]),
  ]

  @Test(arguments: invalid)
  func explainsWhatIsWrong(_ text: String, _ country: String?, _ words: [String]) {
    let outcome = PhoneNumberNormalizer(defaultCountry: country).normalize(text)
    guard case .invalid(let reason) = outcome else {
      Issue.record("\"\(text)\" (\(country ?? "no country")) was read as \(outcome)")
      return
    }
    for word in words {
      #expect(reason.contains(word), "\"\(text)\": \(reason)")
    }
  }

  /// Ways of writing libphonenumber does not read, tried only once its reading finds no valid
  /// number: (as typed, default country, E.164, what libphonenumber makes of it)
  static let beyondLibphonenumber: [(String, String?, String, String)] = [
    ("00 44 7400 900123", "US", "+447400900123", "a US number of 14 digits"),
    ("00 852 5808 2234", "HK", "+85258082234", "008, one of Hong Kong's prefixes, then +52 5808 2234"),
    ("+34 (0)612 34 56 78", nil, "+34612345678", "+34 0612 345 678, no Spanish number"),
    ("044 55 1234 5678", "MX", "+525512345678", "a Mexican number of 13 digits"),
    ("+52 1 55 1234 5678", nil, "+525512345678", "+52 and 11 digits, no Mexican number"),
  ]

  @Test(arguments: beyondLibphonenumber)
  func readsWhatLibphonenumberDoesNot(_ text: String, _ country: String?, _ expected: String, _ libphonenumber: String) {
    #expect(PhoneNumberNormalizer(defaultCountry: country).normalize(text) == .e164(expected), "libphonenumber: \(libphonenumber)")
  }

  @Test func aNumberOfTheDefaultCountryWrittenWithItsCallingCodeButNoPlusHintsAtThePlus() {
    let outcome = PhoneNumberNormalizer(defaultCountry: "GB").normalize("1 415 555 1234")
    guard case .invalid(let reason) = outcome else {
      Issue.record("read as \(outcome)")
      return
    }
    #expect(reason.contains("+14155551234"), "\(reason)")
  }

  @Test func everyNumberItProducesIsE164() {
    let cases = Self.international.map { ($0.0, $0.1) } + Self.national.map { ($0.0, Optional($0.1)) }
    for (text, country) in cases {
      if case .e164(let number) = PhoneNumberNormalizer(defaultCountry: country).normalize(text) {
        #expect(ContactRules.isE164(number), "\(text) → \(number)")
      }
    }
    #expect(PhoneNumberNormalizer().e164("+44 7400 900123") == "+447400900123")
    #expect(PhoneNumberNormalizer().e164("07400 900123") == nil)
  }

  @Test func knowsItsCountries() {
    for code in [
      "US", "CA", "JM", "PR", "GB", "IE", "DE", "FR", "NL", "BE", "ES", "IT", "PT", "CH", "AT", "SE", "NO", "DK", "FI", "PL", "AU", "NZ",
      "IN", "ZA", "BR", "MX", "AE", "SG", "JP", "PH", "NG", "KE",
    ] {
      #expect(PhoneNumberNormalizer.isKnownCountry(code), "\(code)")
    }
    #expect(PhoneNumberNormalizer.isKnownCountry("gb"))
    #expect(PhoneNumberNormalizer.isKnownCountry("UK"))
    for code in ["ZZ", "", "GBR", "44", "+44"] {
      #expect(!PhoneNumberNormalizer.isKnownCountry(code), "\(code)")
    }
    #expect(PhoneNumberNormalizer.country("ca")?.callingCode == "1")
    #expect(PhoneNumberNormalizer.country("IT")?.keepsLeadingZero == true)
    #expect(PhoneNumberNormalizer.country("GB")?.trunkPrefixes == ["0"])
    #expect(PhoneNumberNormalizer.country("US")?.internationalPrefixes == ["011"])
    #expect(PhoneNumberNormalizer.knownCountryCodes.count == 245, "libphonenumber's regions")
    #expect(PhoneNumberNormalizer.country("CN")?.callingCode == "86")
    #expect(PhoneNumberNormalizer.country("AU")?.internationalPrefixes == ["0011"])
    #expect(PhoneNumberNormalizer.country("ES")?.trunkPrefixes == [])
    #expect(PhoneNumberNormalizer.country("GB")?.lengths == 7...10)
    #expect(PhoneNumberNormalizer.knownCountryCodes == PhoneNumberNormalizer.knownCountryCodes.sorted())
    #expect(Set(PhoneNumberNormalizer.knownCountryCodes).count == PhoneNumberNormalizer.knownCountries.count)
  }
}
