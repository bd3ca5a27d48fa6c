// UnmodeledConstruct: names the MariaDB construct a statement the grammar
// rejected uses but Tessera does not model (accounts, replication, stored
// programs, sequences, system versioning, ...), so that the statement is
// refused by name (1235) instead of as a syntax error (1064).
//
// Contract:
// - `words` are the statement's tokens in order, upper-cased; comments are
//   not among them.
// - Only called for a statement the grammar rejected: a construct named here
//   may appear in statements that do parse (REFERENCES, PARTITION, WAIT).
// - nullopt when nothing known is recognised: the caller reports 1064.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tessera::sql::transform {

std::optional<std::string> UnmodeledConstruct(const std::vector<std::string>& words);

}  // namespace tessera::sql::transform
