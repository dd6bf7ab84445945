import Foundation
import PoppHub
import Testing

/// Who may attach, decided from the kernel's uid for a connection and the account database.
@Suite struct HubAccessTests {
  @Test func theHubsOwnUserAndRootAlwaysMayAttach() {
    let access = HubAccess(hubUid: 4242, groupName: nil)
    #expect(access.refusal(forUid: 4242) == nil)
    #expect(access.refusal(forUid: 0) == nil)
  }

  @Test func withoutAGroupEveryoneElseIsToldTheHubIsNotShared() throws {
    let nobody = try #require(UnixAccounts.user(uid: 65_534), "the system's nobody user")
    let access = HubAccess(hubUid: 0, groupName: nil)
    let refusal = try #require(access.refusal(forUid: nobody.uid))
    #expect(refusal.reason == .notAllowed)
    #expect(refusal.message == "this hub serves only root; ask your admin to start it with --group for the team")
  }

  @Test func outsideTheGroupTheRefusalNamesIt() throws {
    let nobody = try #require(UnixAccounts.user(uid: 65_534))
    let refusal = try #require(HubAccess(hubUid: 0, groupName: "root").refusal(forUid: nobody.uid))
    #expect(refusal.message == "you are not in group root; ask your admin")
  }

  @Test func aUidTheSystemDoesNotKnowIsRefused() throws {
    let refusal = try #require(HubAccess(hubUid: 0, groupName: "root").refusal(forUid: 3_999_999))
    #expect(refusal.message == "the hub does not know user id 3999999; ask your admin")
  }

  @Test func membershipIsThePrimaryGroupOrTheMemberList() throws {
    let root = try #require(UnixAccounts.user(uid: 0))
    #expect(root.name == "root")
    let rootGroup = try #require(UnixAccounts.group(gid: root.primaryGroup))
    #expect(UnixAccounts.isMember(root, of: rootGroup))
    let other = UnixAccounts.Group(gid: 99_999, name: "popp-none", members: ["ana"])
    #expect(!UnixAccounts.isMember(root, of: other))
    #expect(UnixAccounts.isMember(UnixAccounts.User(uid: 1, name: "ana", primaryGroup: 5), of: other))
  }
}
