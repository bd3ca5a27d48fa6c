// Error: a MySQL errno, its SQLSTATE and a message, the one error value that
// crosses room, RPC and client boundaries. Expected failures travel as values
// (Result<T>); exceptions never cross a coroutine, RPC or client boundary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tessera {

// MySQL server error numbers the project produces itself. Errors relayed from
// MariaDB keep whatever number MariaDB gave them.
namespace mysql_errno {
inline constexpr uint16_t kConCount = 1040;              // 08004 too many connections
inline constexpr uint16_t kHandshake = 1043;             // 08S01 bad handshake
inline constexpr uint16_t kDbAccessDenied = 1044;        // 42000
inline constexpr uint16_t kAccessDenied = 1045;          // 28000
inline constexpr uint16_t kNoDb = 1046;                  // 3D000 no database selected
inline constexpr uint16_t kUnknownCom = 1047;            // 08S01 unknown command
inline constexpr uint16_t kBadDb = 1049;                 // 42000 unknown database
inline constexpr uint16_t kDupEntry = 1062;              // 23000
inline constexpr uint16_t kNoSuchThread = 1094;          // HY000 unknown thread id
inline constexpr uint16_t kKillDenied = 1095;            // HY000 not owner of thread
inline constexpr uint16_t kParse = 1064;                 // 42000 syntax error
inline constexpr uint16_t kEmptyQuery = 1065;            // 42000
inline constexpr uint16_t kUnknown = 1105;               // HY000 generic
inline constexpr uint16_t kNoSuchTable = 1146;           // 42S02
inline constexpr uint16_t kWrongArguments = 1210;        // HY000 incorrect arguments to %s
inline constexpr uint16_t kUnknownStmtHandler = 1243;    // HY000 unknown prepared statement
inline constexpr uint16_t kUnsupportedPs = 1295;         // HY000 not in prepared statements
inline constexpr uint16_t kPsManyParam = 1390;           // HY000 too many placeholders
inline constexpr uint16_t kMaxPreparedStmtCount = 1461;  // 42000 max_prepared_stmt_count
inline constexpr uint16_t kStmtHasNoOpenCursor = 1421;   // HY000 fetch without a cursor
inline constexpr uint16_t kMalformedPacket = 1835;       // HY000 malformed communication packet
inline constexpr uint16_t kNetReadError = 1158;          // 08S01
inline constexpr uint16_t kNetPacketsOutOfOrder = 1156;  // 08S01
inline constexpr uint16_t kNetPacketTooLarge = 1153;     // 08S01
inline constexpr uint16_t kNotSupportedYet = 1235;       // 42000
inline constexpr uint16_t kQueryInterrupted = 1317;      // 70100
inline constexpr uint16_t kLockWaitTimeout = 1205;       // HY000
inline constexpr uint16_t kQueryTimeout = 3024;          // HY000 max execution time exceeded
inline constexpr uint16_t kConnectionKilled = 1927;      // 70100 connection was killed
inline constexpr uint16_t kBadTable = 1051;              // 42S02 unknown table
inline constexpr uint16_t kBadField = 1054;              // 42S22 unknown column
inline constexpr uint16_t kNonUniqField = 1052;          // 23000 ambiguous column
inline constexpr uint16_t kUnknownTableInMultiDelete = 1109;  // 42S02
inline constexpr uint16_t kNonUniqTable = 1066;               // 42000 not unique table/alias
inline constexpr uint16_t kInvalidGroupFuncUse = 1111;        // HY000 invalid use of group function
inline constexpr uint16_t kWrongValueCount = 1136;            // 21S01 column count != value count
inline constexpr uint16_t kTableAccessDenied = 1142;          // 42000 command denied on table
inline constexpr uint16_t kWrongNumberOfColumnsInSelect = 1222;  // 21000 UNION arity
inline constexpr uint16_t kWrongValueForVar = 1231;              // 42000
inline constexpr uint16_t kWrongTypeForVar = 1232;               // 42000
inline constexpr uint16_t kOperandColumns = 1241;  // 21000 operand should contain 1 column
inline constexpr uint16_t kSubqueryNo1Row = 1242;  // 21000 subquery returns more than 1 row
inline constexpr uint16_t kSpDoesNotExist = 1305;  // 42000 (also: unknown SAVEPOINT)
inline constexpr uint16_t kSecureTransportRequired = 3159;  // HY000
}  // namespace mysql_errno

struct Error {
  uint16_t code = mysql_errno::kUnknown;
  std::string sql_state = "HY000";
  std::string message;

  // Builds an error whose SQLSTATE is the usual one for `code`.
  static Error Make(uint16_t code, std::string message);
  // ER_UNKNOWN_ERROR (1105, HY000) with a message.
  static Error Internal(std::string message) {
    return Make(mysql_errno::kUnknown, std::move(message));
  }

  std::string ToString() const;
};

// SQLSTATE MySQL uses for a server error number; "HY000" when unknown.
std::string_view SqlStateFor(uint16_t code);

// Result<T>: either a value or an Error.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(implicit)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(implicit)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Status: success or an Error, for operations with no value.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(implicit)
  static Status Ok() { return {}; }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace tessera
