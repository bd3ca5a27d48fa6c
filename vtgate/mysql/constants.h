// Protocol constants of the MySQL client/server protocol as vtgate speaks it:
// capability bits, server status bits, command bytes and packet markers.
#pragma once

#include <cstdint>

namespace tessera::vtgate::mysql {

namespace capability {
inline constexpr uint32_t kLongPassword = 1;  // MariaDB servers clear it ("not MySQL")
inline constexpr uint32_t kFoundRows = 1u << 1;
inline constexpr uint32_t kLongFlag = 1u << 2;
inline constexpr uint32_t kConnectWithDb = 1u << 3;
inline constexpr uint32_t kNoSchema = 1u << 4;
inline constexpr uint32_t kCompress = 1u << 5;
inline constexpr uint32_t kOdbc = 1u << 6;
inline constexpr uint32_t kLocalFiles = 1u << 7;
inline constexpr uint32_t kIgnoreSpace = 1u << 8;
inline constexpr uint32_t kProtocol41 = 1u << 9;
inline constexpr uint32_t kInteractive = 1u << 10;
inline constexpr uint32_t kSsl = 1u << 11;
inline constexpr uint32_t kIgnoreSigpipe = 1u << 12;
inline constexpr uint32_t kTransactions = 1u << 13;
inline constexpr uint32_t kSecureConnection = 1u << 15;
inline constexpr uint32_t kMultiStatements = 1u << 16;
inline constexpr uint32_t kMultiResults = 1u << 17;
inline constexpr uint32_t kPsMultiResults = 1u << 18;
inline constexpr uint32_t kPluginAuth = 1u << 19;
inline constexpr uint32_t kConnectAttrs = 1u << 20;
inline constexpr uint32_t kPluginAuthLenencData = 1u << 21;
inline constexpr uint32_t kSessionTrack = 1u << 23;
inline constexpr uint32_t kDeprecateEof = 1u << 24;
}  // namespace capability

// Capabilities vtgate offers in its greeting. Compression and session
// tracking are not offered; CLIENT_SSL is added only when a certificate is
// configured.
inline constexpr uint32_t kServerCapabilities =
    capability::kFoundRows | capability::kLongFlag | capability::kConnectWithDb |
    capability::kNoSchema | capability::kIgnoreSpace | capability::kProtocol41 |
    capability::kInteractive | capability::kIgnoreSigpipe | capability::kTransactions |
    capability::kSecureConnection | capability::kMultiStatements | capability::kMultiResults |
    capability::kPluginAuth | capability::kConnectAttrs | capability::kPluginAuthLenencData |
    capability::kDeprecateEof;

// Capabilities a client must have for vtgate to talk to it.
inline constexpr uint32_t kRequiredClientCapabilities =
    capability::kProtocol41 | capability::kSecureConnection;

namespace server_status {
inline constexpr uint16_t kInTransaction = 1;
inline constexpr uint16_t kAutocommit = 2;
inline constexpr uint16_t kMoreResultsExist = 8;
inline constexpr uint16_t kNoGoodIndexUsed = 16;
inline constexpr uint16_t kNoIndexUsed = 32;
inline constexpr uint16_t kCursorExists = 64;
inline constexpr uint16_t kLastRowSent = 128;
}  // namespace server_status

// First byte of a command packet.
enum class CommandCode : uint8_t {
  kSleep = 0x00,
  kQuit = 0x01,
  kInitDb = 0x02,
  kQuery = 0x03,
  kFieldList = 0x04,
  kStatistics = 0x09,
  kProcessInfo = 0x0a,
  kProcessKill = 0x0c,
  kPing = 0x0e,
  kChangeUser = 0x11,
  kStmtPrepare = 0x16,
  kStmtExecute = 0x17,
  kStmtSendLongData = 0x18,
  kStmtClose = 0x19,
  kStmtReset = 0x1a,
  kSetOption = 0x1b,
  kStmtFetch = 0x1c,
  kResetConnection = 0x1f,
};

inline constexpr uint8_t kOkHeader = 0x00;
inline constexpr uint8_t kEofHeader = 0xfe;
inline constexpr uint8_t kErrHeader = 0xff;
inline constexpr uint8_t kNullValue = 0xfb;  // NULL cell in a text row

// COM_SET_OPTION arguments.
enum class ServerOption : uint16_t {
  kMultiStatementsOn = 0,
  kMultiStatementsOff = 1,
};

inline constexpr uint8_t kProtocolVersion = 10;
inline constexpr size_t kScrambleLength = 20;
inline constexpr const char* kNativePasswordPlugin = "mysql_native_password";

}  // namespace tessera::vtgate::mysql
