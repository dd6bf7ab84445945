// The console's layers see the API's model types (Conversation, Message, ...) through
// ConsoleCore's snapshots; ConsoleUI never builds a client or touches the network (a test in
// ConsoleUITests checks the sources for it).
@_exported public import PoppAPI
