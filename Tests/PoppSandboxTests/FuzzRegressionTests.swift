import Foundation
import PoppAPI
import PoppSandbox
import Testing

/// Answers that broke `openapi/popp-sandbox.yaml` (found while fuzzing the sandbox, see
/// TESTING.md), each kept here so that it stays fixed.
@Suite struct FuzzRegressionTests {
  /// SCHEDULING campaigns need no questions, but the questions they are given were stored
  /// unchecked and echoed back: `{"questionType": "FOO"}` without `isMandatory`, and `{}` as
  /// `{"questionType": ""}`, neither of which the document's Question allows.
  @Test func schedulingCampaignsRefuseMalformedQuestions() async throws {
    try await withSandbox { harness in
      let before = try await harness.client.allCampaigns().collect().count
      let base =
        #""campaignType": "SCHEDULING", "channel": "SMS", "closingMethod": "CUSTOM", "customMessage": "Thanks", "campaignTitle": "Interviews", "campaignDescription": "Book a slot.""#
      for (questions, field) in [
        (#"[{"questionType": "FOO", "isMandatory": true}]"#, "questions[0].questionType"),
        (#"[{}]"#, "questions[0].isMandatory"), (#"[{"questionType": "TEXT"}]"#, "questions[0].isMandatory"),
        (#"[{"questionType": "DOCUMENT", "isMandatory": false}]"#, "questions[0].documentTypes"),
      ] {
        let (status, body) = try await harness.raw("POST", "campaigns", body: Data("{\(base), \"questions\": \(questions)}".utf8))
        #expect(status == 400, "questions \(questions): \(body)")
        #expect(body.contains(field), "questions \(questions): \(body)")
      }
      #expect(try await harness.client.allCampaigns().collect().count == before, "nothing was stored")
      for questions in [
        "", #", "questions": []"#, #", "questions": [{"questionType": "TEXT", "isMandatory": false, "content": "Mornings?"}]"#,
      ] {
        let (status, body) = try await harness.raw("POST", "campaigns", body: Data("{\(base)\(questions)}".utf8))
        #expect(status == 201, "\(questions): \(body)")
      }
    }
  }

  /// `conversationStatus=` (empty, or with an empty entry) named no status and listed nothing
  /// with 200: a client would have taken it for "no such conversations".
  @Test func anEmptyStatusFilterIsABadRequest() async throws {
    try await withSandbox { harness in
      for query in ["conversationStatus=", "conversationStatus=ONGOING,", "conversationStatus=,ONGOING"] {
        let (status, body) = try await harness.raw("GET", "conversations?\(query)", body: nil)
        #expect(status == 400, "\(query): \(body)")
        #expect(body.contains("conversationStatus must be one of"), "\(query): \(body)")
      }
      let (status, _) = try await harness.raw("GET", "conversations?conversationStatus=ONGOING,QUEUED", body: nil)
      #expect(status == 200)
    }
  }
}
