// caching_sha2_password: scramble math, the AuthMoreData packet, the RSA key
// used for full authentication without TLS, and the digest cache.
#include <gtest/gtest.h>

#include <string>

#include "vtgate/mysql/auth_more_data.h"
#include "vtgate/mysql/caching_sha2_password.h"
#include "vtgate/mysql/native_password.h"
#include "vtgate/mysql/rsa_key_pair.h"
#include "vtgate/mysql/sha2_digest_cache.h"

namespace tessera::vtgate::mysql {
namespace {

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

// The scramble 0x01..0x14.
std::string CountingScramble() {
  std::string s;
  for (int i = 1; i <= 20; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(CachingSha2, DigestMatchesKnownValue) {
  // SHA256(SHA256("password")), computed independently (Python hashlib).
  EXPECT_EQ(Hex(CachingSha2Digest("password")),
            "73641c99f7719f57d8f4beb11a303afcd190243a51ced8782ca6d3dbe014d146");
}

TEST(CachingSha2, TokenMatchesKnownValue) {
  // XOR(SHA256(pw), SHA256(SHA256(SHA256(pw)) + scramble)), as PyMySQL computes it.
  EXPECT_EQ(Hex(CachingSha2Token("password", CountingScramble())),
            "f7ab1c623a6e98dceab35e926290e5746a3141116115f4dd8ccca994393eccdd");
  EXPECT_EQ(CachingSha2Token("", CountingScramble()), "");
}

TEST(CachingSha2, VerifiesRightPasswordOnly) {
  std::string scramble = GenerateScramble();
  std::string digest = CachingSha2Digest("s3cret");
  EXPECT_TRUE(VerifyCachingSha2Token(digest, scramble, CachingSha2Token("s3cret", scramble)));
  EXPECT_FALSE(VerifyCachingSha2Token(digest, scramble, CachingSha2Token("s3creT", scramble)));
  EXPECT_FALSE(
      VerifyCachingSha2Token(digest, GenerateScramble(), CachingSha2Token("s3cret", scramble)));
  // A scramble with the trailing NUL some clients keep after an auth switch
  // is another scramble.
  EXPECT_FALSE(VerifyCachingSha2Token(digest, scramble,
                                      CachingSha2Token("s3cret", scramble + std::string(1, '\0'))));
  EXPECT_FALSE(VerifyCachingSha2Token(digest, scramble, ""));
  EXPECT_FALSE(VerifyCachingSha2Token(digest, scramble, "short"));
  EXPECT_FALSE(VerifyCachingSha2Token("", scramble, CachingSha2Token("s3cret", scramble)));
}

TEST(CachingSha2, XorWithScrambleRepeatsTheScrambleAndInverts) {
  std::string scramble = CountingScramble();
  std::string password(45, 'a');  // longer than two scrambles
  password.push_back('\0');
  std::string masked = XorWithScramble(password, scramble);
  ASSERT_EQ(masked.size(), password.size());
  EXPECT_EQ(masked[0], static_cast<char>('a' ^ 1));
  EXPECT_EQ(masked[19], static_cast<char>('a' ^ 20));
  EXPECT_EQ(masked[20], static_cast<char>('a' ^ 1));
  EXPECT_EQ(masked[45], static_cast<char>(0 ^ 6));
  EXPECT_EQ(XorWithScramble(masked, scramble), password);
  EXPECT_EQ(XorWithScramble("", scramble), "");
}

TEST(NativeClearPassword, ChecksAgainstStoredHash) {
  std::string stored = NativePasswordHash("app");
  EXPECT_TRUE(VerifyNativeClearPassword(stored, "app"));
  EXPECT_FALSE(VerifyNativeClearPassword(stored, "App"));
  EXPECT_FALSE(VerifyNativeClearPassword(stored, ""));
  EXPECT_FALSE(VerifyNativeClearPassword("*garbage", "app"));
  EXPECT_TRUE(VerifyNativeClearPassword("", ""));
  EXPECT_FALSE(VerifyNativeClearPassword("", "app"));
}

TEST(AuthMoreData, RoundTrip) {
  std::string payload;
  EncodeAuthMoreData(std::string(1, static_cast<char>(caching_sha2::kFastAuthSuccess)), &payload);
  EXPECT_EQ(payload, std::string("\x01\x03", 2));
  auto data = DecodeAuthMoreData(payload);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, std::string(1, '\x03'));

  payload.clear();
  EncodeAuthMoreData("-----BEGIN PUBLIC KEY-----\n", &payload);
  data = DecodeAuthMoreData(payload);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "-----BEGIN PUBLIC KEY-----\n");
}

TEST(AuthMoreData, TruncatedOrForeignPayloadIsAnError) {
  EXPECT_FALSE(DecodeAuthMoreData("").ok());
  EXPECT_EQ(DecodeAuthMoreData("").error().code, 1043);
  EXPECT_FALSE(DecodeAuthMoreData(std::string("\xfe", 1)).ok());  // an AuthSwitchRequest
  auto empty = DecodeAuthMoreData(std::string("\x01", 1));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

class RsaKeyPairTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto key = RsaKeyPair::Generate(2048);
    ASSERT_TRUE(key.ok()) << key.error().message;
    key_ = std::move(key).value().release();
  }
  static void TearDownTestSuite() {
    delete key_;
    key_ = nullptr;
  }
  static RsaKeyPair* key_;
};
RsaKeyPair* RsaKeyPairTest::key_ = nullptr;

TEST_F(RsaKeyPairTest, PublicKeyIsPem) {
  ASSERT_NE(key_, nullptr);
  EXPECT_TRUE(key_->public_key_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
  EXPECT_TRUE(key_->public_key_pem().ends_with("-----END PUBLIC KEY-----\n"));
}

TEST_F(RsaKeyPairTest, DecryptsWhatTheClientEncrypts) {
  ASSERT_NE(key_, nullptr);
  std::string scramble = GenerateScramble();
  std::string sent = XorWithScramble(std::string("s3cret") + '\0', scramble);
  auto ciphertext = key_->Encrypt(sent);
  ASSERT_TRUE(ciphertext.has_value());
  EXPECT_EQ(ciphertext->size(), 256u);
  auto plain = key_->Decrypt(*ciphertext);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(XorWithScramble(*plain, scramble), std::string("s3cret") + '\0');
}

TEST_F(RsaKeyPairTest, RefusesGarbage) {
  ASSERT_NE(key_, nullptr);
  EXPECT_FALSE(key_->Decrypt("").has_value());
  EXPECT_FALSE(key_->Decrypt("short").has_value());
  EXPECT_FALSE(key_->Decrypt(std::string(256, '\x5a')).has_value());
  auto ciphertext = key_->Encrypt("x");
  ASSERT_TRUE(ciphertext.has_value());
  std::string tampered = *ciphertext;
  tampered[100] ^= 1;
  EXPECT_FALSE(key_->Decrypt(tampered).has_value());
  // Another key's ciphertext does not decrypt either.
  auto other = RsaKeyPair::Generate(2048);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(key_->Decrypt(*(*other)->Encrypt("x")).has_value());
}

TEST(RsaKeyPair, MissingFileIsNamed) {
  auto key = RsaKeyPair::LoadPrivateKey("/nonexistent/key.pem");
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.error().message.find("/nonexistent/key.pem"), std::string::npos);
}

TEST(Sha2DigestCache, EntryIsBoundToTheNativeHash) {
  Sha2DigestCache cache;
  std::string old_hash = NativePasswordHash("old");
  EXPECT_FALSE(cache.Find("app", old_hash).has_value());
  cache.Store("app", old_hash, CachingSha2Digest("old"));
  EXPECT_EQ(cache.Find("app", old_hash), CachingSha2Digest("old"));
  EXPECT_FALSE(cache.Find("other", old_hash).has_value());
  // The password changed: the old digest must not let the old password in.
  std::string new_hash = NativePasswordHash("new");
  EXPECT_FALSE(cache.Find("app", new_hash).has_value());
  cache.Store("app", new_hash, CachingSha2Digest("new"));
  EXPECT_EQ(cache.Find("app", new_hash), CachingSha2Digest("new"));
  EXPECT_FALSE(cache.Find("app", old_hash).has_value());
}

}  // namespace
}  // namespace tessera::vtgate::mysql
