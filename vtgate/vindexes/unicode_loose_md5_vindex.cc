#include "vtgate/vindexes/unicode_loose_md5_vindex.h"

#include <array>
#include <optional>

#include "vtgate/vindexes/binary_md5_vindex.h"
#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {
namespace {

// Folds of U+00C0..U+00FF (Latin-1 Supplement letters), as UTF-8.
constexpr std::array<const char*, 64> kLatin1Folds = {
    "a",        "a", "a", "a", "a", "a", "ae",       "c",         // À Á Â Ã Ä Å Æ Ç
    "e",        "e", "e", "e", "i", "i", "i",        "i",         // È É Ê Ë Ì Í Î Ï
    "\xC3\xB0", "n", "o", "o", "o", "o", "o",        "\xC3\x97",  // Ð Ñ Ò Ó Ô Õ Ö ×
    "o",        "u", "u", "u", "u", "y", "\xC3\xBE", "ss",        // Ø Ù Ú Û Ü Ý Þ ß
    "a",        "a", "a", "a", "a", "a", "ae",       "c",         // à á â ã ä å æ ç
    "e",        "e", "e", "e", "i", "i", "i",        "i",         // è é ê ë ì í î ï
    "\xC3\xB0", "n", "o", "o", "o", "o", "o",        "\xC3\xB7",  // ð ñ ò ó ô õ ö ÷
    "o",        "u", "u", "u", "u", "y", "\xC3\xBE", "y",         // ø ù ú û ü ý þ ÿ
};

// Folds of U+0100..U+017F (Latin Extended-A), as UTF-8.
constexpr std::array<const char*, 128> kLatinExtendedAFolds = {
    "a",        "a",        "a",        "a",        "a", "a", "c", "c",  // Ā ā Ă ă Ą ą Ć ć
    "c",        "c",        "c",        "c",        "c", "c", "d", "d",  // Ĉ ĉ Ċ ċ Č č Ď ď
    "d",        "d",        "e",        "e",        "e", "e", "e", "e",  // Đ đ Ē ē Ĕ ĕ Ė ė
    "e",        "e",        "e",        "e",        "g", "g", "g", "g",  // Ę ę Ě ě Ĝ ĝ Ğ ğ
    "g",        "g",        "g",        "g",        "h", "h", "h", "h",  // Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ
    "i",        "i",        "i",        "i",        "i", "i", "i", "i",  // Ĩ ĩ Ī ī Ĭ ĭ Į į
    "i",        "i",        "ij",       "ij",       "j", "j", "k", "k",  // İ ı Ĳ ĳ Ĵ ĵ Ķ ķ
    "\xC4\xB8", "l",        "l",        "l",        "l", "l", "l", "l",  // ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "l",        "l",        "l",        "n",        "n", "n", "n", "n",  // ŀ Ł ł Ń ń Ņ ņ Ň
    "n",        "\xC5\x89", "\xC5\x8B", "\xC5\x8B", "o", "o", "o", "o",  // ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "o",        "o",        "oe",       "oe",       "r", "r", "r", "r",  // Ő ő Œ œ Ŕ ŕ Ŗ ŗ
    "r",        "r",        "s",        "s",        "s", "s", "s", "s",  // Ř ř Ś ś Ŝ ŝ Ş ş
    "s",        "s",        "t",        "t",        "t", "t", "t", "t",  // Š š Ţ ţ Ť ť Ŧ ŧ
    "u",        "u",        "u",        "u",        "u", "u", "u", "u",  // Ũ ũ Ū ū Ŭ ŭ Ů ů
    "u",        "u",        "u",        "u",        "w", "w", "y", "y",  // Ű ű Ų ų Ŵ ŵ Ŷ ŷ
    "y",        "z",        "z",        "z",        "z", "z", "z", "s",  // Ÿ Ź ź Ż ż Ž ž ſ
};

// Decodes the code point starting at `bytes[pos]` and advances `pos` past it.
// Returns nullopt for anything that is not well-formed UTF-8.
std::optional<char32_t> DecodeUtf8(std::string_view bytes, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
    min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
    min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
    min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (bytes.size() - pos < length) return std::nullopt;
  for (size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  pos += length;
  return cp;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Greek U+0370..U+03FF: lowercase, without tonos or dialytika.
char32_t FoldGreek(char32_t cp) {
  switch (cp) {
    case 0x0386:
    case 0x03AC:  // Ά ά
      return 0x03B1;
    case 0x0388:
    case 0x03AD:  // Έ έ
      return 0x03B5;
    case 0x0389:
    case 0x03AE:  // Ή ή
      return 0x03B7;
    case 0x038A:
    case 0x0390:
    case 0x03AA:
    case 0x03AF:
    case 0x03CA:  // Ί ΐ Ϊ ί ϊ
      return 0x03B9;
    case 0x038C:
    case 0x03CC:  // Ό ό
      return 0x03BF;
    case 0x038E:
    case 0x03AB:
    case 0x03B0:
    case 0x03CB:
    case 0x03CD:  // Ύ Ϋ ΰ ϋ ύ
      return 0x03C5;
    case 0x038F:
    case 0x03CE:  // Ώ ώ
      return 0x03C9;
    case 0x03C2:  // final sigma
      return 0x03C3;
    default:
      if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return cp + 0x20;
      return cp;
  }
}

// Cyrillic U+0400..U+045F: lowercase, letters that are base + accent in
// Unicode reduced to the base letter.
char32_t FoldCyrillic(char32_t cp) {
  switch (cp) {
    case 0x0400:
    case 0x0401:
    case 0x0450:
    case 0x0451:  // Ѐ Ё ѐ ё
      return 0x0435;
    case 0x0403:
    case 0x0453:  // Ѓ ѓ
      return 0x0433;
    case 0x0407:
    case 0x0457:  // Ї ї
      return 0x0456;
    case 0x040C:
    case 0x045C:  // Ќ ќ
      return 0x043A;
    case 0x040D:
    case 0x0419:
    case 0x0439:
    case 0x045D:  // Ѝ Й й ѝ
      return 0x0438;
    case 0x040E:
    case 0x045E:  // Ў ў
      return 0x0443;
    default:
      if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
      if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
      return cp;
  }
}

void AppendFolded(char32_t cp, std::string& out) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // fullwidth ASCII
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
  } else if (cp >= 0x0300 && cp <= 0x036F) {
    // Combining diacritical mark: ignorable at the primary level.
  } else if (cp == 0x00AA) {
    out += 'a';
  } else if (cp == 0x00BA) {
    out += 'o';
  } else if (cp == 0x00B5) {
    AppendUtf8(0x03BC, out);
  } else if (cp >= 0x00C0 && cp <= 0x00FF) {
    out += kLatin1Folds[cp - 0x00C0];
  } else if (cp >= 0x0100 && cp <= 0x017F) {
    out += kLatinExtendedAFolds[cp - 0x0100];
  } else if (cp >= 0x0370 && cp <= 0x03FF) {
    AppendUtf8(FoldGreek(cp), out);
  } else if (cp >= 0x0400 && cp <= 0x045F) {
    AppendUtf8(FoldCyrillic(cp), out);
  } else {
    AppendUtf8(cp, out);
  }
}

}  // namespace

Result<std::string> UnicodeLooseMd5Vindex::LooseNormalForm(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    const size_t start = pos;
    auto cp = DecodeUtf8(utf8, pos);
    if (!cp) {
      return Error::Make(mysql_errno::kUnknown, "unicode_loose_md5 vindex: invalid UTF-8 at byte " +
                                                    std::to_string(start) + " of the value");
    }
    AppendFolded(*cp, out);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Result<std::string> UnicodeLooseMd5Vindex::Map(const VindexValue& value) const {
  auto bytes = VindexValueBytes(type(), value);
  if (!bytes.ok()) return bytes.error();
  auto normal = LooseNormalForm(*bytes);
  if (!normal.ok()) return normal.error();
  return BinaryMd5Vindex::Digest(*normal);
}

}  // namespace tessera::vtgate
