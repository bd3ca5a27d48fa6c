// mysql_native_password hashing, verification and the access-denied rule.
#include <gtest/gtest.h>

#include "vtgate/mysql/authenticator.h"
#include "vtgate/mysql/native_password.h"

namespace tessera::vtgate::mysql {
namespace {

TEST(NativePassword, HashMatchesKnownValue) {
  // The well-known stored hash of the password "password".
  EXPECT_EQ(NativePasswordHash("password"), "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  EXPECT_EQ(NativePasswordHash(""), "");
}

TEST(NativePassword, ScrambleIsRandomAndHasNoNul) {
  std::string a = GenerateScramble(), b = GenerateScramble();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find('\0'), std::string::npos);
}

TEST(NativePassword, VerifiesRightPasswordOnly) {
  std::string scramble = GenerateScramble();
  std::string stored = NativePasswordHash("s3cret");
  EXPECT_TRUE(VerifyNativePassword(stored, scramble, NativePasswordToken("s3cret", scramble)));
  EXPECT_FALSE(VerifyNativePassword(stored, scramble, NativePasswordToken("wrong", scramble)));
  EXPECT_FALSE(
      VerifyNativePassword(stored, GenerateScramble(), NativePasswordToken("s3cret", scramble)));
  EXPECT_FALSE(VerifyNativePassword(stored, scramble, ""));
  EXPECT_FALSE(VerifyNativePassword(stored, scramble, "short"));
  // Lower-case hex is accepted as well; garbage hashes never match.
  std::string lower = stored;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_TRUE(VerifyNativePassword(lower, scramble, NativePasswordToken("s3cret", scramble)));
  EXPECT_FALSE(VerifyNativePassword("*XYZ", scramble, NativePasswordToken("s3cret", scramble)));
}

TEST(NativePassword, EmptyPasswordNeedsEmptyToken) {
  std::string scramble = GenerateScramble();
  EXPECT_TRUE(VerifyNativePassword("", scramble, ""));
  EXPECT_FALSE(VerifyNativePassword("", scramble, NativePasswordToken("x", scramble)));
}

TEST(Authenticator, SameErrorForUnknownUserAndWrongPassword) {
  UserLookup users = [](std::string_view user) -> std::optional<std::string> {
    if (user == "app") return NativePasswordHash("app");
    return std::nullopt;
  };
  std::string scramble = GenerateScramble();
  EXPECT_TRUE(
      AuthenticateNative(users, "app", "10.0.0.1", scramble, NativePasswordToken("app", scramble))
          .ok());
  Status wrong =
      AuthenticateNative(users, "app", "10.0.0.1", scramble, NativePasswordToken("nope", scramble));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, 1045);
  EXPECT_EQ(wrong.error().sql_state, "28000");
  EXPECT_EQ(wrong.error().message, "Access denied for user 'app'@'10.0.0.1' (using password: YES)");
  Status unknown = AuthenticateNative(users, "ghost", "10.0.0.1", scramble,
                                      NativePasswordToken("app", scramble));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message,
            "Access denied for user 'ghost'@'10.0.0.1' (using password: YES)");
  Status no_password = AuthenticateNative(users, "app", "h", scramble, "");
  EXPECT_EQ(no_password.error().message, "Access denied for user 'app'@'h' (using password: NO)");
}

}  // namespace
}  // namespace tessera::vtgate::mysql
