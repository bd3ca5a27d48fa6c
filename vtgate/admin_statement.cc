#include "vtgate/admin_statement.h"

#include <cctype>

#include "common/ascii.h"

namespace tessera::vtgate {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  void Space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string Word() {
    Space();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    return AsciiLower(text_.substr(start, pos_ - start));
  }
  std::optional<std::string> Quoted() {
    Space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return std::nullopt;
    char q = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != q) out += text_[pos_++];
    if (pos_ >= text_.size()) return std::nullopt;
    ++pos_;
    return out;
  }
  bool AtEnd() {
    Space();
    while (pos_ < text_.size() && text_[pos_] == ';') {
      ++pos_;
      Space();
    }
    return pos_ >= text_.size();
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

AdminParse ParseAdminStatement(std::string_view sql) {
  Scanner s(sql);
  std::string first = s.Word();
  if (first != "show" && first != "alter" && first != "revert") return {};
  std::string second = s.Word();
  AdminParse out;
  if (first == "show" && second == "branches") {
    if (!s.AtEnd())
      out.error = "SHOW BRANCHES takes no arguments";
    else
      out.statement = AdminStatement{AdminStatement::Kind::kShowBranches, "", ""};
    return out;
  }
  if (first == "show" && second == "migrations") {
    AdminStatement st{AdminStatement::Kind::kShowMigrations, "", ""};
    if (!s.AtEnd()) {
      if (s.Word() != "like") {
        out.error = "expected SHOW MIGRATIONS [LIKE '<uuid>']";
        return out;
      }
      auto pattern = s.Quoted();
      if (!pattern || !s.AtEnd()) {
        out.error = "expected a quoted uuid after LIKE";
        return out;
      }
      st.uuid = *pattern;
    }
    out.statement = st;
    return out;
  }
  if ((first == "alter" || first == "revert") && second == "migration") {
    auto uuid = s.Quoted();
    if (!uuid) {
      out.error = "expected a quoted migration uuid";
      return out;
    }
    if (first == "revert") {
      if (!s.AtEnd())
        out.error = "unexpected text after REVERT MIGRATION '<uuid>'";
      else
        out.statement = AdminStatement{AdminStatement::Kind::kRevertMigration, *uuid, ""};
      return out;
    }
    std::string action = s.Word();
    if (action == "complete") action = "cutover";
    if ((action != "cutover" && action != "cancel" && action != "throttle" &&
         action != "unthrottle") ||
        !s.AtEnd()) {
      out.error =
          "expected ALTER MIGRATION '<uuid>' CUTOVER | COMPLETE | CANCEL | THROTTLE | UNTHROTTLE";
      return out;
    }
    out.statement = AdminStatement{AdminStatement::Kind::kAlterMigration, *uuid, action};
    return out;
  }
  return {};
}

}  // namespace tessera::vtgate
