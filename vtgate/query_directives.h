// Query directives: Vitess-style hints in a comment of the statement text,
// `/*vt+ QUERY_TIMEOUT_MS=500 */`, written before any string literal (so a
// quoted "/*vt+" is never mistaken for one). Unknown directives are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::vtgate {

// The QUERY_TIMEOUT_MS of the statement's first /*vt+ */ comment, if any.
std::optional<uint64_t> QueryTimeoutDirective(std::string_view sql);

// Milliseconds as MariaDB's max_statement_time value (seconds): "0.250".
std::string MaxStatementTime(uint64_t milliseconds);

}  // namespace tessera::vtgate
