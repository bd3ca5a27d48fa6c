// DeployReviewRecord: one row of _tessera.deploy_reviews, a review of a
// deploy request: an approval and/or a comment.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::schema {

struct DeployReviewRecord {
  int64_t request_id = 0;
  bool approved = false;
  std::string comment;
  std::string created_at;  // set by the store
};

}  // namespace tessera::schema
