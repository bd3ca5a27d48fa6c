// MetadataStore: schemad's durable state in the sidecar database `_tessera`
// on one MariaDB server (config: schemad.metadata_keyspace). Tables:
//   branches         (keyspace, name) -> parent, flags, base schema, data state
//                    and data copy progress
//   credentials      username -> password hash, keyspace, branch, role
//   deploy_requests     id -> keyspace, branch, into_branch, state, DDL, flags, times
//   deploy_migrations   (uuid, shard) -> request, statement, last progress seen
//   deploy_reviews      request -> approvals and comments
// Every write is one InnoDB statement or one transaction, so a schemad
// restart (or crash) loses nothing that was acknowledged.
//
// Thread-safe: each call opens its own connection, so a restarted MariaDB is
// simply reached again on the next call. Errors are service errors
// (schema/store/service_error.h) or MariaDB's, prefixed "metadata store".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "schema/store/branch_record.h"
#include "schema/store/credential_record.h"
#include "schema/store/deploy_migration_record.h"
#include "schema/store/deploy_request_record.h"
#include "schema/store/deploy_review_record.h"
#include "schema/store/sql_login.h"
#include "schema/store/sql_session.h"

namespace tessera::schema {

class MetadataStore {
 public:
  static constexpr const char* kDatabase = "_tessera";

  explicit MetadataStore(SqlLogin login) : login_(std::move(login)) {}

  // Creates the database and its tables if missing. Idempotent.
  Status EnsureSchema();

  Result<std::vector<BranchRecord>> ListBranches(const std::string& keyspace);
  Result<std::optional<BranchRecord>> FindBranch(const std::string& keyspace,
                                                 const std::string& name);
  // Conflict if a branch of that name exists in the keyspace. created_at is
  // set by the store.
  Status InsertBranch(const BranchRecord& branch);
  // Rewrites parent, flags and base schema; NotFound if missing. The data
  // state and progress are SaveBranchData's alone, so that a data copy
  // running in the background is never overwritten with a stale state.
  Status UpdateBranch(const BranchRecord& branch);
  // Rewrites the data state and progress of a branch. With a non-empty
  // `only_from_state`, only if the stored state is that one; returns whether
  // a row was written (false: no such branch, or in another state).
  Result<bool> SaveBranchData(const std::string& keyspace, const std::string& name,
                              const std::string& state, const BranchDataProgress& data,
                              const std::string& only_from_state = "");
  // Removes the branch and its credentials in one transaction.
  Status DeleteBranch(const std::string& keyspace, const std::string& name);

  // Conflict if the username exists. created_at is set by the store.
  Status InsertCredential(const CredentialRecord& credential);
  // Newest first.
  Result<std::vector<CredentialRecord>> ListCredentials(const std::string& keyspace,
                                                        const std::string& branch);

  // Returns the new request's id; timestamps are set by the store.
  Result<int64_t> InsertDeployRequest(const DeployRequestRecord& request);
  // Oldest first.
  Result<std::vector<DeployRequestRecord>> ListDeployRequests(const std::string& keyspace);
  // Requests of every keyspace in one of `states`, oldest first.
  Result<std::vector<DeployRequestRecord>> ListDeployRequestsInStates(
      const std::vector<std::string>& states);
  Result<std::optional<DeployRequestRecord>> FindDeployRequest(int64_t id);
  Status UpdateDeployRequestState(int64_t id, const std::string& state);
  // Requests from `branch` that are not in a final state.
  Result<int64_t> CountOpenDeployRequests(const std::string& keyspace, const std::string& branch);

  // Everything one step of a request's lifecycle writes, committed together:
  // the request's mutable columns (state, ddl, flags, message, times), new
  // migration rows and an optional review. NotFound if the request is gone.
  struct DeployRequestUpdate {
    DeployRequestRecord request;
    std::vector<DeployMigrationRecord> new_migrations;
    std::optional<DeployReviewRecord> review;
  };
  Status SaveDeployRequest(const DeployRequestUpdate& update);
  // In the order they were recorded.
  Result<std::vector<DeployMigrationRecord>> ListDeployMigrations(int64_t request_id);
  // Rewrites submitted, state and progress of the row (uuid, shard).
  Status UpdateDeployMigration(const DeployMigrationRecord& migration);
  // Oldest first.
  Result<std::vector<DeployReviewRecord>> ListDeployReviews(int64_t request_id);

 private:
  Result<std::unique_ptr<SqlSession>> Connect(bool with_database = true) const;
  // The deploy tables (metadata_store_deploy.cc), on a session in kDatabase.
  static Status EnsureDeploySchema(SqlSession& db);

  SqlLogin login_;
};

}  // namespace tessera::schema
