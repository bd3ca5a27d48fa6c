// Raw bytes in statement text. Clients put binary data in string literals
// as raw bytes (PyMySQL with bytes parameters, _binary'...'), which are not
// valid UTF-8, while the lexer reads UTF-8. Before lexing, every byte that
// is not part of a valid UTF-8 sequence becomes a code point of its own at
// the very end of Unicode (U+10FF80 + (byte - 0x80), in Supplementary
// Private Use Area-B), and so does each byte of a character of that range
// written in the statement; string literal values turn them back into the
// bytes, so every value keeps its exact bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tessera::sql {

// The text with raw bytes (and characters of the mapped range) mapped;
// nullopt when there is nothing to map.
std::optional<std::string> MapRawBytes(std::string_view text);

// Turns mapped code points in `value` back into their bytes, in place.
void RestoreRawBytes(std::string& value);

}  // namespace tessera::sql
