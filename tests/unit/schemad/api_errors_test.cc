// The JSON error shape, HTTP statuses, bearer-token checks and the handler's
// answers that need no database (auth, routing, body validation).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "schema/service/api_handler.h"
#include "schema/service/bearer_auth.h"
#include "schema/service/error_response.h"

namespace tessera::schema {
namespace {

using nlohmann::json;

void ExpectErrorShape(const ApiResponse& r, unsigned status, const std::string& code) {
  EXPECT_EQ(r.status, status);
  json body = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << r.body;
  ASSERT_EQ(body.size(), 1u) << r.body;
  ASSERT_TRUE(body["error"].is_object()) << r.body;
  EXPECT_EQ(body["error"].size(), 2u) << r.body;
  EXPECT_EQ(body["error"]["code"], code) << r.body;
  EXPECT_TRUE(body["error"]["message"].is_string()) << r.body;
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty()) << r.body;
}

TEST(ErrorResponseTest, KindsMapToStatusAndCode) {
  ExpectErrorShape(ErrorResponse(InvalidArgument("bad name")), 400, "invalid_argument");
  ExpectErrorShape(ErrorResponse(NotFound("no branch")), 404, "not_found");
  ExpectErrorShape(ErrorResponse(Conflict("exists")), 409, "conflict");
  ExpectErrorShape(ErrorResponse(Error::Make(mysql_errno::kDupEntry, "dup")), 409, "conflict");
  ExpectErrorShape(ErrorResponse(Error::Internal("shard customer/80-: down")), 500, "internal");
  ExpectErrorShape(ErrorResponse(Error::Make(2003, "cannot connect")), 500, "internal");
}

TEST(ErrorResponseTest, MessageIsEscapedAndInvalidUtf8Replaced) {
  ApiResponse r = ErrorResponse(Error::Internal("quote \" backslash \\ bad \xff byte"));
  json body = json::parse(r.body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << r.body;
  EXPECT_NE(body["error"]["message"].get<std::string>().find("quote \" backslash \\"),
            std::string::npos);
}

TEST(ErrorResponseTest, WithContextKeepsTheKind) {
  Error e = WithContext("shard customer/-80", NotFound("database vt_x does not exist"));
  EXPECT_EQ(KindOf(e), ErrorKind::kNotFound);
  EXPECT_EQ(e.message, "shard customer/-80: database vt_x does not exist");
}

TEST(BearerAuthTest, AcceptsOnlyTheExactToken) {
  const std::string token = "0123456789abcdef";
  EXPECT_TRUE(IsAuthorized("Bearer 0123456789abcdef", token));
  EXPECT_TRUE(IsAuthorized("bearer 0123456789abcdef", token));
  EXPECT_TRUE(IsAuthorized("Bearer  0123456789abcdef ", token));
  EXPECT_FALSE(IsAuthorized("", token));
  EXPECT_FALSE(IsAuthorized("Bearer", token));
  EXPECT_FALSE(IsAuthorized("Bearer ", token));
  EXPECT_FALSE(IsAuthorized("Bearer 0123456789abcdeF", token));
  EXPECT_FALSE(IsAuthorized("Bearer 0123456789abcde", token));
  EXPECT_FALSE(IsAuthorized("Bearer 0123456789abcdef0", token));
  EXPECT_FALSE(IsAuthorized("Basic 0123456789abcdef", token));
  EXPECT_FALSE(IsAuthorized("0123456789abcdef", token));
  EXPECT_FALSE(IsAuthorized("Bearer ", ""));
}

class ApiHandlerTest : public ::testing::Test {
 protected:
  // Nothing listens on port 1: no test here may reach a database.
  config::Topology topology_;
  MetadataStore store_{SqlLogin{"127.0.0.1", 1, "root", ""}};
  BranchCatalog catalog_{topology_, store_};
  CredentialIssuer issuer_{catalog_, store_};
  ApiHandler handler_{catalog_, issuer_, "0123456789abcdef"};

  ApiResponse Send(const std::string& method, const std::string& target,
                   const std::string& authorization = "Bearer 0123456789abcdef",
                   const std::string& body = "") {
    return handler_.Handle(ApiRequest{method, target, authorization, body});
  }
};

TEST_F(ApiHandlerTest, UnauthorizedBeforeAnythingElse) {
  ExpectErrorShape(Send("GET", "/api/keyspaces", ""), 401, "unauthorized");
  ExpectErrorShape(Send("GET", "/nowhere", "Bearer wrong"), 401, "unauthorized");
  ExpectErrorShape(Send("DELETE", "/api/keyspaces/ks/branches/main", "Bearer wrong"), 401,
                   "unauthorized");
}

TEST_F(ApiHandlerTest, UnknownRouteAndMethod) {
  ExpectErrorShape(Send("GET", "/api/nothing"), 404, "not_found");
  ApiResponse r = Send("PATCH", "/api/keyspaces/ks/branches");
  ExpectErrorShape(r, 405, "method_not_allowed");
  EXPECT_EQ(r.allow, "GET, POST");
}

TEST_F(ApiHandlerTest, MalformedBodies) {
  ExpectErrorShape(Send("POST", "/api/keyspaces/ks/branches", "Bearer 0123456789abcdef", "{"), 400,
                   "invalid_argument");
  ExpectErrorShape(Send("POST", "/api/keyspaces/ks/branches", "Bearer 0123456789abcdef", "[1]"),
                   400, "invalid_argument");
  ExpectErrorShape(
      Send("POST", "/api/keyspaces/ks/branches", "Bearer 0123456789abcdef", R"({"name": 5})"), 400,
      "invalid_argument");
  ExpectErrorShape(Send("POST", "/api/keyspaces/ks/branches/b/safe-migrations",
                        "Bearer 0123456789abcdef", R"({"enabled": "yes"})"),
                   400, "invalid_argument");
}

TEST_F(ApiHandlerTest, UnknownKeyspaceIsNotFoundWithoutTouchingTheStore) {
  ExpectErrorShape(Send("GET", "/api/keyspaces/nope/branches"), 404, "not_found");
  ApiResponse r = Send("GET", "/api/keyspaces");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(json::parse(r.body)["keyspaces"], json::array());
}

}  // namespace
}  // namespace tessera::schema
