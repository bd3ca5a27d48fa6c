// UnicodeLooseMd5Vindex: the `unicode_loose_md5` vindex. The keyspace id is
// the 16-byte MD5 digest of the loose normal form of the value's bytes (as
// VindexValueBytes defines them), so strings that MariaDB's utf8mb4 case- and
// accent-insensitive collations (utf8mb4_general_ci, utf8mb4_unicode_ci)
// call equal land on the same shard. Unique, cost 1; not reversible.
//
// The loose normal form is UTF-8 built code point by code point:
//  - ASCII letters are lowercased; other ASCII is kept.
//  - Fullwidth ASCII U+FF01..U+FF5E becomes its ASCII letter, then as above.
//  - Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F): letters lose
//    case and diacritics (À..Å ā ą -> a, Ç ć č -> c, Ð -> ð, Ł -> l,
//    Ø -> o, Ÿ ý -> y, ſ -> s, ı İ -> i, ...); Æ æ -> "ae", Œ œ -> "oe",
//    Ĳ ĳ -> "ij", ß -> "ss" (as unicode_ci; general_ci says ß = s, so under
//    general_ci 'ß' and 's' do NOT co-locate); Þ -> þ, Ŋ -> ŋ; ĸ ŉ × ÷ kept.
//    ª -> a, º -> o, µ -> μ.
//  - Greek U+0386..U+03CE: lowercased, tonos and dialytika dropped, ς -> σ.
//  - Cyrillic U+0400..U+045F: lowercased; Ѐ Ё -> е, Ѓ -> г, Ї -> і, Ќ -> к,
//    Ѝ Й -> и, Ў -> у (UCA level 1 sees these as base letter + accent).
//  - Combining diacritical marks U+0300..U+036F are dropped, so decomposed
//    'e' + U+0301 equals 'é' and 'e'.
//  - Every other code point is kept as is: other scripts and precomposed
//    letters outside these blocks (e.g. Vietnamese ẽ) co-locate only with
//    byte-identical normal forms.
//  - Trailing U+0020 spaces are removed afterwards (PAD SPACE); leading
//    spaces, tabs and other trailing whitespace are kept.
// The fold is coarser than either collation in places (e.g. 'й' = 'и', 'æ' =
// 'ae'); merging unequal values only costs balance, never correctness.
// Invalid UTF-8 (bad or truncated sequences, overlong forms, surrogates,
// code points above U+10FFFF) is an error, as are NULL and kOther values.
// Example: 'Hello', 'HELLO ', 'héllo' -> normal form "hello"
//          -> 5d41402abc4b2a76b9719d911017c592.
#pragma once

#include <string_view>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

class UnicodeLooseMd5Vindex final : public Vindex {
 public:
  std::string_view type() const override { return "unicode_loose_md5"; }
  int cost() const override { return 1; }
  bool is_unique() const override { return true; }
  Result<std::string> Map(const VindexValue& value) const override;

  // The loose normal form described above, or an error for invalid UTF-8.
  static Result<std::string> LooseNormalForm(std::string_view utf8);
};

}  // namespace tessera::vtgate
