// LikeMatch: SQL LIKE for the names vtgate filters itself (SHOW DATABASES
// LIKE, COM_FIELD_LIST wildcards): `%` matches any run of characters, `_`
// one byte, `\` escapes the next pattern byte; ASCII letters compare without
// case, as the default collations do. Linear in practice and O(text x
// pattern) at worst: no pattern can make it backtrack exponentially.
#pragma once

#include <string_view>

namespace tessera {

bool LikeMatch(std::string_view text, std::string_view pattern);

}  // namespace tessera
