#include "vtgate/planner/query_template_builder.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tessera::vtgate {
namespace {

constexpr char kMarker = '\x01';

template <class Node, class FormatFn>
std::optional<QueryTemplate> Build(const Node& node, sql::FormatOptions options, size_t bind_count,
                                   FormatFn format) {
  std::vector<int> params;
  options.bind_var = [&params, bind_count](const sql::ast::BindVar& var) {
    const int index = NormalizerBindIndex(var.name);
    if (index < 0 || static_cast<size_t>(index) >= bind_count) return ":" + var.name;
    params.push_back(index);
    return std::string(1, kMarker);
  };
  const std::string text = format(node, options);
  if (static_cast<size_t>(std::count(text.begin(), text.end(), kMarker)) != params.size()) {
    return std::nullopt;
  }
  QueryTemplate out;
  out.params = std::move(params);
  size_t start = 0;
  for (size_t pos = text.find(kMarker); pos != std::string::npos; pos = text.find(kMarker, start)) {
    out.segments.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  out.segments.push_back(text.substr(start));
  return out;
}

}  // namespace

int NormalizerBindIndex(std::string_view name) {
  if (name.size() < 2 || name[0] != 'v' || name[1] == '0') return -1;
  int index = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || index > 100'000'000) return -1;
    index = index * 10 + (name[i] - '0');
  }
  return index - 1;
}

std::optional<QueryTemplate> TemplateOfStatement(const sql::ast::Statement& stmt,
                                                 sql::FormatOptions options, size_t bind_count) {
  return Build(
      stmt, std::move(options), bind_count,
      [](const sql::ast::Statement& s, const sql::FormatOptions& o) { return sql::Format(s, o); });
}

std::optional<QueryTemplate> TemplateOfExpr(const sql::ast::Expr& expr, sql::FormatOptions options,
                                            size_t bind_count) {
  return Build(
      expr, std::move(options), bind_count,
      [](const sql::ast::Expr& e, const sql::FormatOptions& o) { return sql::FormatExpr(e, o); });
}

}  // namespace tessera::vtgate
