// The deploy diff of a request as it stands now: reads the branch's recorded
// base schema and the current schemas of the branch and of the branch it goes
// into (first shard of each) through the catalog, then ComputeDeployDiff.
// Also the checks that make a request deployable, and the table a diff
// statement is about.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "schema/branches/branch_catalog.h"
#include "schema/deploy/deploy_diff.h"

namespace tessera::schema {

Result<DeployDiff> DiffForDeploy(BranchCatalog& catalog, const std::string& keyspace,
                                 const std::string& branch, const std::string& into);

// Why the change cannot be deployed, one sentence each; empty when it can:
// no change at all, lint errors, tables `into` changed since the branch was
// made (conflicts).
std::vector<std::string> DeployBlockers(const DeployDiff& diff, const std::string& branch,
                                        const std::string& into);

// The table a CREATE/ALTER/DROP TABLE statement (as DiffSchemas writes it)
// names; "" when it names none.
std::string StatementTable(std::string_view statement);

}  // namespace tessera::schema
