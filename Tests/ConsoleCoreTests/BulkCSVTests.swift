import ConsoleCore
import Foundation
import Testing

/// Reading a CSV file as recruiters' tools write them: encodings, delimiters, quoting, and
/// the line numbers every problem and result is reported by.
@Suite struct BulkCSVTests {
  func table(_ text: String, delimiter: Unicode.Scalar? = nil) throws -> CSVTable {
    try CSVTable.parse(try CSVTextDecoding.decode(Data(text.utf8)), delimiter: delimiter)
  }

  @Test func aByteOrderMarkIsDroppedFromTheFirstHeader() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data("First Name,Phone\nAda,+447400900001\n".utf8)
    let parsed = try CSVTable.parse(try CSVTextDecoding.decode(data))
    #expect(parsed.header == ["First Name", "Phone"])
    #expect(parsed.records.map(\.fields) == [["Ada", "+447400900001"]])
  }

  @Test func semicolonsAreDetectedFromTheHeaderLineAndCanBeForced() throws {
    let european = try table("Vorname;Nachname;Telefon\n\"Müller, Jr.\";K;+4915112345678\n")
    #expect(european.delimiter == ";")
    #expect(european.records[0].fields == ["Müller, Jr.", "K", "+4915112345678"])
    // A comma inside a quoted header cell does not count.
    #expect(try table("\"Name, full\";Phone\nA;1\n").delimiter == ";")
    #expect(try table("a,b;c\n1,2;3\n").delimiter == ",")
    let forced = try table("a;b,c\n1;2,3\n", delimiter: ",")
    #expect(forced.header == ["a;b", "c"])
  }

  @Test func quotedFieldsKeepCommasQuotesAndNewlinesAndLaterLinesStayRight() throws {
    let text = """
      First Name,Notes,Phone
      Ada,"likes maths, poetry",+1
      Bob,"line one
      line two
      line three",+2
      "Cé ""the"" one","",+3
      Dee,x,+4

      """
    let parsed = try table(text)
    #expect(
      parsed.records.map(\.fields) == [
        ["Ada", "likes maths, poetry", "+1"], ["Bob", "line one\nline two\nline three", "+2"], ["Cé \"the\" one", "", "+3"],
        ["Dee", "x", "+4"],
      ])
    #expect(parsed.records.map(\.line) == [2, 3, 6, 7])
  }

  @Test func crlfFilesNumberLinesLikeLFFiles() throws {
    let text = "First Name,Notes\r\nAda,\"two\r\nlines\"\r\nBob,x\r\n\r\nCé,y\r\n"
    let parsed = try table(text)
    #expect(parsed.records.map(\.fields) == [["Ada", "two\r\nlines"], ["Bob", "x"], ["Cé", "y"]])
    #expect(parsed.records.map(\.line) == [2, 4, 6])
  }

  @Test func blankLinesAreSkippedButCounted() throws {
    // Blank lines, whitespace-only lines and spreadsheet rows of empty cells carry nobody.
    let text = "\n\nFirst Name,Phone\n\nAda,+1\n   \n,\n\"\",\"\"\nBob,+2\n\n"
    let parsed = try table(text)
    #expect(parsed.headerLine == 3)
    #expect(parsed.records.map(\.fields) == [["Ada", "+1"], ["Bob", "+2"]])
    #expect(parsed.records.map(\.line) == [5, 9])
  }

  @Test func aLastLineWithoutNewlineIsRead() throws {
    let parsed = try table("First Name,Phone\nAda,+1")
    #expect(parsed.records.map(\.fields) == [["Ada", "+1"]])
  }

  @Test func latin1BytesAreReportedByLineAndByte() throws {
    // "José" as Excel's Windows "CSV" writes it, on line 3 and again on line 5.
    var data = Data("First Name,Phone\nAda,+1\nJos".utf8) + Data([0xE9]) + Data(",+2\nBob,+3\nRen".utf8)
    data += Data([0xE9, 0x2C]) + Data("+4\n".utf8)
    #expect(throws: BulkFileError.notUTF8(line: 3, byte: 0xE9, moreLines: [5])) { try CSVTextDecoding.decode(data) }
    let message = BulkFileError.notUTF8(line: 3, byte: 0xE9, moreLines: [5]).description
    #expect(message.hasPrefix("line 3: not UTF-8 (byte 0xE9) (also line 5); save the file as UTF-8"))
  }

  @Test func badBytesInsideAQuotedMultiLineFieldAreReportedOnTheirPhysicalLine() throws {
    let data = Data("First Name,Notes\r\nAda,\"one\r\ntwo ".utf8) + Data([0x96]) + Data("\"\r\n".utf8)
    #expect(throws: BulkFileError.notUTF8(line: 3, byte: 0x96, moreLines: [])) { try CSVTextDecoding.decode(data) }
  }

  @Test func spreadsheetsAndUTF16AreRecognised() {
    #expect(throws: BulkFileError.self) { try CSVTextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])) }
    do {
      _ = try CSVTextDecoding.decode(Data([0xFF, 0xFE, 0x41, 0x00]))
      Issue.record("UTF-16 accepted")
    } catch {
      #expect(error.description.contains("UTF-16"))
    }
  }

  @Test func anEmptyFileHasNoHeader() throws {
    #expect(throws: BulkFileError.empty) { try table("") }
    #expect(throws: BulkFileError.empty) { try table("\n\r\n\n") }
  }
}
