// Fuzz target for sql::Normalize (sqlparser/normalizer.h), on its own: no
// parser, so it runs at full speed. normalizer_grammar_fuzz checks it against
// the grammar.
//
// Checked for every input, from the header's contract:
// - no crash, hang or leak; the only error is 1064;
// - deterministic: a second call gives the same text, fingerprint and values;
// - a statement left alone comes back unchanged, without values, and its
//   fingerprint is XXH3-64 of the text;
// - a rewritten statement's text is trimmed; when the input holds no `:`
//   every `:` of the text is a bind variable, numbered :v1 .. :vN left to
//   right with N == values.size();
// - every value's `sql` is a literal that normalizes back to one value of the
//   same kind and raw text;
// - putting the values' `sql` back in place of the bind variables and
//   normalizing again gives the same text, fingerprint and values (unless a
//   `;` is left at the end: only one final `;` is dropped).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "common/error.h"
#include "sqlparser/format.h"
#include "sqlparser/normalizer.h"
#include "tests/fuzz/fuzz_failure.h"

namespace tessera::fuzz {
namespace {

using sql::Normalized;
using sql::NormalizedValue;
using sql::NormalizedValueKind;

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

const char* KindName(NormalizedValueKind kind) {
  switch (kind) {
    case NormalizedValueKind::kInt:
      return "int";
    case NormalizedValueKind::kDecimal:
      return "decimal";
    case NormalizedValueKind::kFloat:
      return "float";
    case NormalizedValueKind::kString:
      return "string";
    case NormalizedValueKind::kHex:
      return "hex";
    case NormalizedValueKind::kBit:
      return "bit";
  }
  return "?";
}

bool SameValues(const Normalized& a, const Normalized& b) {
  if (a.values.size() != b.values.size()) return false;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const NormalizedValue& x = a.values[i];
    const NormalizedValue& y = b.values[i];
    if (x.kind != y.kind || x.raw != y.raw || x.sql != y.sql) return false;
  }
  return true;
}

bool Same(const Normalized& a, const Normalized& b) {
  return a.text == b.text && a.fingerprint == b.fingerprint && a.parameterized == b.parameterized &&
         SameValues(a, b);
}

std::string Describe(const Normalized& n) {
  std::string out = n.parameterized ? "parameterized " : "unchanged ";
  out += "fp=" + std::to_string(n.fingerprint) + " text=" + n.text;
  for (size_t i = 0; i < n.values.size(); ++i) {
    out += " | v" + std::to_string(i + 1) + " " + KindName(n.values[i].kind) +
           " raw=" + n.values[i].raw + " sql=" + n.values[i].sql;
  }
  return out;
}

bool IsIdentChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// The text with each `:vN` replaced by values[N-1].sql, when every `:` of the
// text is a well-numbered bind variable; nullopt otherwise. A quoted value
// right after a word gets a space before it (`x:v1` with 'a' is `x 'a'`, not
// the hex literal x'a'); `spaced` tells whether that happened.
struct Substitution {
  std::string text;
  bool spaced = false;
};
std::optional<Substitution> Substituted(const Normalized& n) {
  Substitution out;
  size_t next = 1;
  const std::string& t = n.text;
  for (size_t i = 0; i < t.size();) {
    if (t[i] != ':') {
      out.text.push_back(t[i++]);
      continue;
    }
    if (i + 1 >= t.size() || t[i + 1] != 'v') return std::nullopt;
    size_t j = i + 2;
    size_t number = 0;
    while (j < t.size() && IsDigit(t[j]) && number <= n.values.size()) {
      number = number * 10 + static_cast<size_t>(t[j] - '0');
      ++j;
    }
    if (j == i + 2 || number != next || number > n.values.size()) return std::nullopt;
    const std::string& sql = n.values[number - 1].sql;
    if (!out.text.empty() && IsIdentChar(out.text.back()) && !sql.empty() && sql.front() == '\'') {
      out.text.push_back(' ');
      out.spaced = true;
    }
    out.text += sql;
    ++next;
    i = j;
  }
  if (next != n.values.size() + 1) return std::nullopt;
  return out;
}

std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (const char c : text)
    if (c != ' ') out.push_back(c);
  return out;
}

void CheckValueLiteral(std::string_view input, const NormalizedValue& v) {
  if (v.kind == NormalizedValueKind::kString && v.sql != sql::QuoteString(v.raw)) {
    FuzzFailure("a string value's sql is not QuoteString(raw)",
                {{"input", input}, {"raw", v.raw}, {"sql", v.sql}});
  }
  const std::string probe = "SELECT " + v.sql;
  auto again = sql::Normalize(probe);
  if (!again.ok() || !again->parameterized || again->values.size() != 1 ||
      again->values[0].kind != v.kind || again->values[0].raw != v.raw) {
    const std::string got = again.ok() ? Describe(*again) : again.error().message;
    FuzzFailure("a value's sql does not normalize back to the same value",
                {{"input", input},
                 {"kind", KindName(v.kind)},
                 {"raw", v.raw},
                 {"sql", v.sql},
                 {"normalized", got}});
  }
}

}  // namespace
}  // namespace tessera::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tessera::fuzz;
  namespace sql = tessera::sql;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  auto first = sql::Normalize(input);
  auto second = sql::Normalize(input);
  if (!first.ok()) {
    if (first.error().code != tessera::mysql_errno::kParse) {
      FuzzFailure("Normalize() failed with a code other than 1064",
                  {{"input", input}, {"message", first.error().message}});
    }
    if (second.ok() || second.error().message != first.error().message) {
      FuzzFailure("Normalize() is not deterministic (error)", {{"input", input}});
    }
    return 0;
  }
  const Normalized& n = *first;
  if (!second.ok() || !Same(n, *second)) {
    const std::string a = Describe(n);
    const std::string b = second.ok() ? Describe(*second) : second.error().message;
    FuzzFailure("Normalize() is not deterministic",
                {{"input", input}, {"first", a}, {"second", b}});
  }

  if (!n.parameterized) {
    if (n.text != input || !n.values.empty() ||
        n.fingerprint != XXH3_64bits(input.data(), input.size())) {
      const std::string got = Describe(n);
      FuzzFailure("a statement left alone is not returned unchanged",
                  {{"input", input}, {"normalized", got}});
    }
    return 0;
  }

  if (n.text.empty() || IsBlank(n.text.front()) || IsBlank(n.text.back())) {
    FuzzFailure("the normalized text is empty or not trimmed",
                {{"input", input}, {"text", n.text}});
  }
  for (const auto& v : n.values) CheckValueLiteral(input, v);

  // With no `:` in the input, every `:` of the text is one of ours.
  if (input.find(':') != std::string_view::npos) return 0;
  const std::optional<Substitution> substituted = Substituted(n);
  if (!substituted) {
    const std::string got = Describe(n);
    FuzzFailure("bind variables are not :v1 .. :vN left to right, one per value",
                {{"input", input}, {"normalized", got}});
  }
  // Only one final `;` is dropped: `x;;` gives `x;`, which gives `x` (the
  // parser rejects `x;;` itself).
  if (n.text.back() == ';') return 0;
  auto again = sql::Normalize(substituted->text);
  const bool same =
      again.ok() && (substituted->spaced ? again->parameterized && SameValues(n, *again) &&
                                               WithoutSpaces(again->text) == WithoutSpaces(n.text)
                                         : Same(n, *again));
  if (!same) {
    const std::string a = Describe(n);
    const std::string b = again.ok() ? Describe(*again) : again.error().message;
    FuzzFailure("normalizing the text with its values put back gives another result",
                {{"input", input},
                 {"normalized", a},
                 {"substituted", substituted->text},
                 {"renormalized", b}});
  }
  return 0;
}
