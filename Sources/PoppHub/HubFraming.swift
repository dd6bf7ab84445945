import Foundation
public import NIOCore
import NIOExtras
import PoppAPI

/// A console's or the hub's end of the socket: whole frames in and out, and who is at the other end.
public typealias HubFrameChannel = NIOAsyncChannel<ByteBuffer, ByteBuffer>

public struct HubPeer: Sendable {
  public var credentials: PeerCredentials
  public var channel: HubFrameChannel
}

/// The framing both ends use: a 4-byte big-endian length, then that many bytes of JSON (NIOExtras' length-field codec;
/// nothing hand-rolled). A frame over `HubProtocol.maximumFrameBytes` ends the connection.
public enum HubFraming {
  /// Sets up an accepted connection, on its event loop: its peer's credentials, then the frame codec.
  static func configureAccepted(_ channel: any NIOCore.Channel) -> EventLoopFuture<HubPeer> {
    PeerCredentials.read(from: channel).flatMapThrowing { credentials in
      HubPeer(credentials: credentials, channel: try framed(channel))
    }.flatMapErrorThrowing { error in
      // NIO drops a connection whose set-up failed without closing it.
      channel.close(promise: nil)
      throw error
    }
  }

  /// Sets up a connection being made (its peer is known only once it is connected).
  static func configureConnecting(_ channel: any NIOCore.Channel) -> EventLoopFuture<HubFrameChannel> {
    channel.eventLoop.makeCompletedFuture { try framed(channel) }
  }

  private static func framed(_ channel: any NIOCore.Channel) throws -> HubFrameChannel {
    try channel.pipeline.syncOperations.addHandlers(
      ByteToMessageHandler(
        LengthFieldBasedFrameDecoder(lengthFieldBitLength: .fourBytes), maximumBufferSize: HubProtocol.maximumFrameBytes + 4),
      LengthFieldPrepender(lengthFieldBitLength: .fourBytes))
    return try HubFrameChannel(wrappingChannelSynchronously: channel)
  }

  /// The API's own date format (with fractions of a second), so a conversation crosses the socket exactly as the
  /// hub read it from Popp.
  static let encoder = PoppJSON.makeEncoder()
  static let decoder = PoppJSON.makeDecoder()

  public static func encode(_ value: some Encodable) throws -> ByteBuffer {
    ByteBuffer(bytes: try encoder.encode(value))
  }

  public static func decode<Value: Decodable>(_ type: Value.Type, from frame: ByteBuffer) throws -> Value {
    do {
      return try decoder.decode(type, from: Data(frame.readableBytesView))
    } catch {
      throw HubConnectionError.garbled("\(Value.self): \(error)")
    }
  }
}
