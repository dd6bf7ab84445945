/// Sizes and places on the terminal, in cells: what the layout computes and the screens draw into.
public struct Size: Hashable, Sendable {
  public var rows: Int
  public var columns: Int

  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }
}

public struct Rect: Hashable, Sendable {
  public var row: Int
  public var column: Int
  public var rows: Int
  public var columns: Int

  public init(row: Int, column: Int, rows: Int, columns: Int) {
    self.row = row
    self.column = column
    self.rows = max(rows, 0)
    self.columns = max(columns, 0)
  }

  public var size: Size { Size(rows: rows, columns: columns) }

  /// The rect without its first `count` rows.
  public func droppingTop(_ count: Int) -> Rect { Rect(row: row + count, column: column, rows: rows - count, columns: columns) }
}
