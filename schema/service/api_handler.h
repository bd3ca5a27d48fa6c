// ApiHandler: answers one schemad API request (see api_route.h for the
// routes). Checks the bearer token first (401 otherwise), then routes, parses
// the JSON body, calls the catalog or the credential issuer and renders JSON.
// Every failure, including a malformed body or an unexpected exception, is
// answered with the error shape of error_response.h; nothing escapes Handle.
// Thread-safe if its dependencies are (they are).
#pragma once

#include <string>

#include "schema/branches/branch_catalog.h"
#include "schema/branches/credential_issuer.h"
#include "schema/service/api_message.h"

namespace tessera::schema {

class ApiHandler {
 public:
  // `catalog` and `credentials` must outlive the handler.
  ApiHandler(BranchCatalog& catalog, CredentialIssuer& credentials, std::string token)
      : catalog_(catalog), credentials_(credentials), token_(std::move(token)) {}

  ApiResponse Handle(const ApiRequest& request);

 private:
  ApiResponse Route(const ApiRequest& request);

  BranchCatalog& catalog_;
  CredentialIssuer& credentials_;
  std::string token_;
};

}  // namespace tessera::schema
