#include "schema/service/api_handler.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "common/throttle_ratio.h"
#include "schema/branches/branch_diff.h"
#include "schema/branches/branch_name.h"
#include "schema/service/api_json.h"
#include "schema/service/api_route.h"
#include "schema/service/bearer_auth.h"
#include "schema/service/error_response.h"

namespace tessera::schema {
namespace {

using nlohmann::json;

ApiResponse Json(unsigned status, const json& body) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

// The request body as a JSON object; an empty body is an empty object.
Result<json> BodyObject(const ApiRequest& request) {
  if (request.body.empty()) return json::object();
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return InvalidArgument("request body is not valid JSON");
  if (!body.is_object()) return InvalidArgument("request body must be a JSON object");
  return body;
}

// Optional string member; InvalidArgument if present and not a string.
Result<std::string> StringMember(const json& body, const char* name, std::string fallback) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string()) return InvalidArgument(std::string("\"") + name + "\" must be a string");
  return it->get<std::string>();
}

// Optional bool member; InvalidArgument if present and not a bool.
Result<bool> BoolMember(const json& body, const char* name, bool fallback) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_boolean())
    return InvalidArgument(std::string("\"") + name + "\" must be true or false");
  return it->get<bool>();
}

// The required "ratio" member, a number (or its text) from 0 to 1 with at
// most three decimals, in thousandths.
Result<uint32_t> RatioMember(const json& body) {
  auto it = body.find("ratio");
  if (it == body.end() || it->is_null())
    return InvalidArgument("\"ratio\" is required: a number from 0 to 1");
  std::string text;
  if (it->is_number()) {
    text = it->dump();
  } else if (it->is_string()) {
    text = it->get<std::string>();
  }
  auto permille = ParseThrottleRatio(text);
  if (!permille) {
    return InvalidArgument(
        "\"ratio\" must be a number from 0 to 1 with at most three decimals, not " + it->dump());
  }
  return *permille;
}

// A deploy request id from a path segment: 1..18 digits.
std::optional<int64_t> DeployRequestId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

template <class T, class Render>
ApiResponse Reply(const Result<T>& result, unsigned status, Render render) {
  if (!result.ok()) return ErrorResponse(result.error());
  return Json(status, render(result.value()));
}

}  // namespace

ApiResponse ApiHandler::Handle(const ApiRequest& request) {
  if (!IsAuthorized(request.authorization, token_)) {
    return ErrorResponse(401, "unauthorized",
                         "missing or wrong API token: send \"Authorization: Bearer <token>\"");
  }
  try {
    return Route(request);
  } catch (const std::exception& e) {
    return ErrorResponse(500, "internal", std::string("unexpected failure: ") + e.what());
  }
}

ApiResponse ApiHandler::Route(const ApiRequest& request) {
  RouteMatch route = MatchRoute(request.method, request.target);
  if (route.outcome == RouteMatch::Outcome::kNotFound) {
    return ErrorResponse(404, "not_found", "no API route " + request.method + " " + request.target);
  }
  if (route.outcome == RouteMatch::Outcome::kMethodNotAllowed) {
    ApiResponse r = ErrorResponse(405, "method_not_allowed",
                                  request.method + " is not allowed here; use " + route.allowed);
    r.allow = route.allowed;
    return r;
  }
  const std::string& ks = route.keyspace;
  const std::string& branch = route.branch;
  auto body = BodyObject(request);
  if (!body.ok()) return ErrorResponse(body.error());

  switch (route.id) {
    case RouteId::kListDeployRequests:
    case RouteId::kCreateDeployRequest:
    case RouteId::kGetDeployRequest:
    case RouteId::kDeployDeployRequest:
    case RouteId::kApplyDeployRequest:
    case RouteId::kThrottleDeployRequest:
    case RouteId::kCancelDeployRequest:
    case RouteId::kCloseDeployRequest:
    case RouteId::kRevertDeployRequest:
    case RouteId::kSkipRevertDeployRequest:
    case RouteId::kReviewDeployRequest:
      return DeployRoute(route.id, ks, route.deploy_request, *body);
    case RouteId::kListKeyspaces: {
      json list = json::array();
      for (const auto& keyspace : catalog_.topology().keyspaces)
        list.push_back(KeyspaceJson(keyspace));
      return Json(200, {{"keyspaces", list}});
    }
    case RouteId::kListBranches:
      return Reply(catalog_.List(ks), 200, [](const std::vector<BranchRecord>& branches) {
        json list = json::array();
        for (const auto& b : branches) list.push_back(BranchJson(b));
        return json{{"branches", list}};
      });
    case RouteId::kCreateBranch: {
      auto name = StringMember(*body, "name", "");
      if (!name.ok()) return ErrorResponse(name.error());
      auto parent = StringMember(*body, "parent", std::string(kMainBranch));
      if (!parent.ok()) return ErrorResponse(parent.error());
      auto with_data = BoolMember(*body, "with_data", false);
      if (!with_data.ok()) return ErrorResponse(with_data.error());
      return Reply(catalog_.Create(ks, *name, *parent, *with_data), 201,
                   [](const BranchRecord& b) { return BranchJson(b); });
    }
    case RouteId::kGetBranch: {
      auto record = catalog_.Get(ks, branch);
      if (!record.ok()) return ErrorResponse(record.error());
      auto size = catalog_.SizeBytes(ks, branch);
      if (!size.ok()) return ErrorResponse(size.error());
      json out = BranchJson(*record);
      out["base_schema"] = record->base_schema;
      out["size_bytes"] = *size;
      out["shards"] = KeyspaceJson(*catalog_.Keyspace(ks).value())["shards"];
      return Json(200, out);
    }
    case RouteId::kDeleteBranch: {
      Status s = catalog_.Delete(ks, branch);
      if (!s.ok()) return ErrorResponse(s.error());
      return Json(200, {{"keyspace", ks}, {"name", branch}, {"deleted", true}});
    }
    case RouteId::kBranchSchema:
      return Reply(catalog_.CurrentSchema(ks, branch), 200,
                   [&](const std::vector<std::string>& statements) {
                     return json{{"keyspace", ks}, {"branch", branch}, {"statements", statements}};
                   });
    case RouteId::kBranchDiff:
      return Reply(DiffBranch(catalog_, ks, branch), 200,
                   [](const BranchDiff& d) { return DiffJson(d); });
    case RouteId::kResetBranch: {
      auto with_data = BoolMember(*body, "with_data", false);
      if (!with_data.ok()) return ErrorResponse(with_data.error());
      return Reply(catalog_.Reset(ks, branch, *with_data), 200,
                   [](const BranchRecord& b) { return BranchJson(b); });
    }
    case RouteId::kPromoteBranch:
      return Reply(catalog_.Promote(ks, branch), 200,
                   [](const BranchRecord& b) { return BranchJson(b); });
    case RouteId::kSafeMigrations: {
      auto it = body->find("enabled");
      if (it == body->end() || !it->is_boolean())
        return ErrorResponse(InvalidArgument("body must be {\"enabled\": true|false}"));
      return Reply(catalog_.SetSafeMigrations(ks, branch, it->get<bool>()), 200,
                   [](const BranchRecord& b) { return BranchJson(b); });
    }
    case RouteId::kListPasswords:
      return Reply(credentials_.List(ks, branch), 200,
                   [](const std::vector<CredentialRecord>& credentials) {
                     json list = json::array();
                     for (const auto& c : credentials) list.push_back(CredentialJson(c));
                     return json{{"passwords", list}};
                   });
    case RouteId::kCreatePassword: {
      auto role = StringMember(*body, "role", "reader");
      if (!role.ok()) return ErrorResponse(role.error());
      return Reply(credentials_.Issue(ks, branch, *role), 201, [](const IssuedCredential& c) {
        json out = CredentialJson(c.record);
        out["password"] = c.password;
        return out;
      });
    }
  }
  return ErrorResponse(500, "internal", "route without a handler");
}

ApiResponse ApiHandler::DeployRoute(RouteId id, const std::string& ks,
                                    const std::string& request_id, const json& body) {
  if (deploys_ == nullptr)
    return ErrorResponse(404, "not_found", "deploy requests are not served by this schemad");
  auto render = [](const DeployRequestView& v) { return DeployRequestJson(v); };
  if (id == RouteId::kListDeployRequests) {
    return Reply(deploys_->List(ks), 200, [](const std::vector<DeployRequestRecord>& list) {
      json out = json::array();
      for (const auto& r : list) out.push_back(DeployRequestSummaryJson(r));
      return json{{"deploy_requests", out}};
    });
  }
  if (id == RouteId::kCreateDeployRequest) {
    NewDeployRequest wanted;
    auto branch = StringMember(body, "branch", "");
    if (!branch.ok()) return ErrorResponse(branch.error());
    auto into = StringMember(body, "into", "");
    if (!into.ok()) return ErrorResponse(into.error());
    auto notes = StringMember(body, "notes", "");
    if (!notes.ok()) return ErrorResponse(notes.error());
    auto auto_apply = BoolMember(body, "auto_apply", true);
    if (!auto_apply.ok()) return ErrorResponse(auto_apply.error());
    wanted.branch = *branch;
    wanted.into = *into;
    wanted.notes = *notes;
    wanted.auto_apply = *auto_apply;
    return Reply(deploys_->Create(ks, wanted), 201, render);
  }
  auto number = DeployRequestId(request_id);
  if (!number) {
    return ErrorResponse(404, "not_found",
                         "deploy request \"" + request_id + "\" not found: ids are numbers");
  }
  switch (id) {
    case RouteId::kGetDeployRequest:
      return Reply(deploys_->Get(ks, *number), 200, render);
    case RouteId::kDeployDeployRequest:
      return Reply(deploys_->Deploy(ks, *number), 200, render);
    case RouteId::kApplyDeployRequest: {
      auto force = BoolMember(body, "force", false);
      if (!force.ok()) return ErrorResponse(force.error());
      return Reply(deploys_->Apply(ks, *number, *force), 200, render);
    }
    case RouteId::kThrottleDeployRequest: {
      auto ratio = RatioMember(body);
      if (!ratio.ok()) return ErrorResponse(ratio.error());
      return Reply(deploys_->Throttle(ks, *number, *ratio), 200, render);
    }
    case RouteId::kCancelDeployRequest:
      return Reply(deploys_->Cancel(ks, *number), 200, render);
    case RouteId::kCloseDeployRequest:
      return Reply(deploys_->Close(ks, *number), 200, render);
    case RouteId::kRevertDeployRequest:
      return Reply(deploys_->Revert(ks, *number), 200, render);
    case RouteId::kSkipRevertDeployRequest:
      return Reply(deploys_->SkipRevert(ks, *number), 200, render);
    case RouteId::kReviewDeployRequest: {
      auto approve = BoolMember(body, "approve", false);
      if (!approve.ok()) return ErrorResponse(approve.error());
      auto comment = StringMember(body, "comment", "");
      if (!comment.ok()) return ErrorResponse(comment.error());
      return Reply(deploys_->Review(ks, *number, *approve, *comment), 200, render);
    }
    default:
      break;
  }
  return ErrorResponse(500, "internal", "deploy route without a handler");
}

}  // namespace tessera::schema
