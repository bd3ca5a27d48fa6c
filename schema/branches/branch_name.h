// Branch names and the databases that hold a branch. Every keyspace has the
// production branch "main", whose database is the keyspace's own vt_<ks>;
// any other branch <b> of keyspace <ks> lives in vt_<ks>__<b with '-' as '_'>
// on every shard server of the keyspace. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::schema {

inline constexpr std::string_view kMainBranch = "main";
inline constexpr size_t kMaxBranchNameLength = 32;

// A new branch's name: 1..32 of [a-z0-9-], not starting or ending with '-',
// and not "main". InvalidArgument saying what is wrong otherwise.
Status ValidateNewBranchName(std::string_view name);

// True for any name a branch could have (including "main").
bool IsWellFormedBranchName(std::string_view name);

// "vt_<keyspace>" for main, "vt_<keyspace>__<branch, '-' -> '_'>" otherwise.
std::string BranchDatabaseName(std::string_view keyspace, std::string_view branch);

}  // namespace tessera::schema
