// ApiHandler: answers one schemad API request (see api_route.h for the
// routes). Checks the bearer token first (401 otherwise), then routes, parses
// the JSON body, calls the catalog or the credential issuer and renders JSON.
// Every failure, including a malformed body or an unexpected exception, is
// answered with the error shape of error_response.h; nothing escapes Handle.
// Thread-safe if its dependencies are (they are).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "schema/branches/branch_catalog.h"
#include "schema/branches/credential_issuer.h"
#include "schema/deploy/deploy_requests.h"
#include "schema/service/api_message.h"
#include "schema/service/api_route.h"

namespace tessera::schema {

class ApiHandler {
 public:
  // `catalog`, `credentials` and `deploys` must outlive the handler. Without
  // `deploys` the deploy-request routes answer 404.
  ApiHandler(BranchCatalog& catalog, CredentialIssuer& credentials, std::string token,
             DeployRequests* deploys = nullptr)
      : catalog_(catalog), credentials_(credentials), token_(std::move(token)), deploys_(deploys) {}

  ApiResponse Handle(const ApiRequest& request);

 private:
  ApiResponse Route(const ApiRequest& request);
  ApiResponse DeployRoute(RouteId id, const std::string& keyspace, const std::string& request_id,
                          const nlohmann::json& body);

  BranchCatalog& catalog_;
  CredentialIssuer& credentials_;
  std::string token_;
  DeployRequests* deploys_;
};

}  // namespace tessera::schema
