#include "sqlparser/transform/lexer_grammar.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "MySqlLexer.h"
#include "antlr4-runtime.h"

namespace tessera::sql::transform {

namespace {

using tessera_sql::MySqlLexer;

// The longest keyword or operator the scanner takes from the grammar.
constexpr size_t kMaxSpellingLength = 64;

// The rules the scanner follows by hand, in the order the grammar defines
// them, with a fingerprint of each rule's ATN (RuleFingerprints below) as it
// was when the scanner was written. A rule whose fingerprint differs turns
// the FastLexer off until the scanner is checked against the new rule and
// the fingerprint updated (unsupported_rule() gives the new value).
struct HandScannedRule {
  size_t type;
  uint64_t fingerprint;
};
constexpr HandScannedRule kHandScanned[] = {
    {MySqlLexer::WS, 0xec6865213dfefd4aULL},
    {MySqlLexer::BLOCK_COMMENT, 0x2ff7d1176a90ec90ULL},
    {MySqlLexer::LINE_COMMENT, 0x8edfea30765b29b5ULL},
    {MySqlLexer::HEX_STRING, 0x1b33e7c9492a1911ULL},
    {MySqlLexer::BIT_STRING, 0x1fd5f90144dc11f6ULL},
    {MySqlLexer::BAD_HEX_STRING, 0x1bb37d7a2833ea29ULL},
    {MySqlLexer::BAD_BIT_STRING, 0x291d52843ae663b4ULL},
    {MySqlLexer::HEX_NUM, 0x31e04a281faad40cULL},
    {MySqlLexer::BIT_NUM, 0xafaef27aad620ddeULL},
    {MySqlLexer::FLOAT_NUM, 0x833ba195a1b160c2ULL},
    {MySqlLexer::DECIMAL_NUM, 0x9aafeb2dca9fb23cULL},
    {MySqlLexer::INT_NUM, 0xe02d83049e9f1fb4ULL},
    {MySqlLexer::SQ_STRING, 0x65741769ccadb2baULL},
    {MySqlLexer::NATIONAL_STRING, 0x18f34a17b387a049ULL},
    {MySqlLexer::DQ_STRING, 0x3ff18c3a637e7639ULL},
    {MySqlLexer::BQ_ID, 0x6cd01d272923f5cfULL},
    {MySqlLexer::ID, 0x53bbfc61ff1457eaULL},
    {MySqlLexer::SYSTEM_VAR, 0x1f1cf28c6c63b101ULL},
    {MySqlLexer::USER_VAR, 0x1783aab4ee2977f3ULL},
    {MySqlLexer::BIND_VAR, 0x628753ea784a26ebULL},
};

// Characters an operator may be spelled with: ASCII punctuation that starts
// no literal, identifier, variable or comment.
bool IsOperatorChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > ' ' && u < 0x7F && !std::isalnum(u) &&
         std::string_view("_$'\"`@#").find(c) == std::string_view::npos;
}

bool IsWordSpelling(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && (std::isalnum(u) || c == '_' || c == '$');
  });
}

// Fingerprints of lexer rules: an FNV-1a hash of a description of the rule's
// ATN with its states numbered in visiting order, so that it changes when
// the rule (or a fragment it uses) changes and not when other rules come or
// go.
class RuleFingerprints {
 public:
  RuleFingerprints(const antlr4::atn::ATN& atn, const std::vector<std::string>& rule_names)
      : atn_(atn), rule_names_(rule_names) {}

  uint64_t Of(size_t rule) {
    if (auto it = memo_.find(rule); it != memo_.end()) return it->second;
    memo_[rule] = 0;  // a rule that uses itself
    const std::string description = Describe(rule);
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : description) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    memo_[rule] = hash;
    return hash;
  }

 private:
  std::string Describe(size_t rule) {
    using antlr4::atn::ATNState;
    using antlr4::atn::Transition;
    std::unordered_map<ATNState*, size_t> ids;
    std::vector<ATNState*> order;
    const auto id = [&](ATNState* s) {
      auto [it, added] = ids.emplace(s, ids.size());
      if (added) order.push_back(s);
      return std::to_string(it->second);
    };
    id(atn_.ruleToStartState[rule]);
    std::string out;
    for (size_t i = 0; i < order.size(); ++i) {
      ATNState* s = order[i];
      out += "s" + std::to_string(s->getStateType());
      if (auto* d = dynamic_cast<antlr4::atn::DecisionState*>(s); d && d->nonGreedy) out += "?";
      if (s->getStateType() == ATNState::RULE_STOP) {  // its transitions go back to callers
        out += ';';
        continue;
      }
      for (Transition* t : s->transitions) {
        const auto kind = t->getSerializationType();
        out += ' ' + std::to_string(kind) + ':';
        ATNState* next = t->target;
        switch (kind) {
          case Transition::ATOM:
          case Transition::RANGE:
          case Transition::SET:
          case Transition::NOT_SET:
            out += t->label().toString();
            break;
          case Transition::RULE: {
            auto* call = static_cast<antlr4::atn::RuleTransition*>(t);
            char hex[24];
            std::snprintf(hex, sizeof hex, "%016llx",
                          static_cast<unsigned long long>(Of(call->ruleIndex)));
            out += rule_names_[call->ruleIndex] + '#' + hex;
            next = call->followState;
            break;
          }
          case Transition::ACTION: {
            auto* action = static_cast<antlr4::atn::ActionTransition*>(t);
            out += "a" + std::to_string(static_cast<int>(
                             atn_.lexerActions.at(action->actionIndex)->getActionType()));
            break;
          }
          default:
            break;
        }
        out += '>' + id(next);
      }
      out += ';';
    }
    return out;
  }

  const antlr4::atn::ATN& atn_;
  const std::vector<std::string>& rule_names_;
  std::unordered_map<size_t, uint64_t> memo_;
};

// The spellings of a lexer rule that matches a fixed, small set of strings
// made of ASCII characters, a letter spelled with a fragment like [aA]
// matching either case (and read in lower case).
class RuleSpellings {
 public:
  explicit RuleSpellings(const antlr4::atn::ATN& atn) : atn_(atn) {}

  // False when the rule is not such a set.
  bool Read(size_t rule, std::vector<std::string>& out) {
    out_ = &out;
    returns_.clear();
    prefix_.clear();
    steps_ = 0;
    return Walk(atn_.ruleToStartState[rule]);
  }

 private:
  static constexpr size_t kMaxSteps = 100000;
  static constexpr size_t kMaxSpellings = 64;

  bool Walk(antlr4::atn::ATNState* s) {
    using antlr4::atn::Transition;
    if (++steps_ > kMaxSteps || prefix_.size() > kMaxSpellingLength) return false;
    if (s->getStateType() == antlr4::atn::ATNState::RULE_STOP) {
      if (returns_.empty()) {
        if (out_->size() == kMaxSpellings) return false;
        out_->push_back(prefix_);
        return true;
      }
      antlr4::atn::ATNState* follow = returns_.back();
      returns_.pop_back();
      const bool ok = Walk(follow);
      returns_.push_back(follow);
      return ok;
    }
    for (Transition* t : s->transitions) {
      bool ok = false;
      switch (t->getSerializationType()) {
        case Transition::EPSILON:
          ok = Walk(t->target);
          break;
        case Transition::RULE:
          returns_.push_back(static_cast<antlr4::atn::RuleTransition*>(t)->followState);
          ok = Walk(t->target);
          returns_.pop_back();
          break;
        case Transition::ATOM:
        case Transition::RANGE:
        case Transition::SET: {
          const int c = Character(t->label());
          if (c < 0) return false;
          prefix_.push_back(static_cast<char>(c));
          ok = Walk(t->target);
          prefix_.pop_back();
          break;
        }
        default:
          return false;
      }
      if (!ok) return false;
    }
    return true;
  }

  // The character a transition matches: an ASCII non-letter, or a letter in
  // either case (given in lower case); -1 for anything else.
  static int Character(const antlr4::misc::IntervalSet& set) {
    const ssize_t c = set.getMinElement();
    if (c < 0 || c >= 0x80) return -1;
    const auto u = static_cast<unsigned char>(c);
    if (set.size() == 1) return std::isalpha(u) ? -1 : u;
    if (set.size() == 2 && std::isupper(u) && set.contains(static_cast<size_t>(std::tolower(u)))) {
      return std::tolower(u);
    }
    return -1;
  }

  const antlr4::atn::ATN& atn_;
  std::vector<std::string>* out_ = nullptr;
  std::vector<antlr4::atn::ATNState*> returns_;
  std::string prefix_;
  size_t steps_ = 0;
};

}  // namespace

LexerGrammar::LexerGrammar() {
  Read();
}

size_t LexerGrammar::WordType(std::string_view word) const {
  if (word.size() > longest_word_) return MySqlLexer::ID;
  char lower[kMaxSpellingLength];
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 0x80) return MySqlLexer::ID;
    lower[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  const auto it = words_.find(std::string_view(lower, word.size()));
  return it == words_.end() ? size_t{MySqlLexer::ID} : it->second;
}

void LexerGrammar::Read() {
  antlr4::ANTLRInputStream no_input(std::string{});
  MySqlLexer generated(&no_input);
  const antlr4::atn::ATN& atn = generated.getATN();
  const std::vector<std::string>& names = generated.getRuleNames();
  if (generated.getModeNames().size() != 1) {
    unsupported_rule_ = "the lexer grammar has modes";
    return;
  }
  RuleFingerprints fingerprints(atn, names);
  RuleSpellings spellings(atn);
  size_t next_hand_scanned = 0;
  bool after_id = false;
  std::string changed;  // hand-scanned rules with another fingerprint
  for (size_t rule = 0; rule < names.size(); ++rule) {
    const size_t type = atn.ruleToTokenType[rule];
    if (type == 0 || type == antlr4::Token::EOF) continue;  // a fragment
    const auto* hand = std::find_if(std::begin(kHandScanned), std::end(kHandScanned),
                                    [&](const HandScannedRule& h) { return h.type == type; });
    if (hand != std::end(kHandScanned)) {
      const uint64_t fingerprint = fingerprints.Of(rule);
      if (hand != kHandScanned + next_hand_scanned) {
        unsupported_rule_ = "rule " + names[rule] + " is not where the scanner expects it";
        return;
      }
      if (fingerprint != hand->fingerprint) {
        char hex[24];
        std::snprintf(hex, sizeof hex, "0x%016llxULL",
                      static_cast<unsigned long long>(fingerprint));
        changed += (changed.empty() ? "" : ", ") + names[rule] + " (now " + hex + ")";
      }
      ++next_hand_scanned;
      after_id = after_id || type == MySqlLexer::ID;
      continue;
    }
    std::vector<std::string> spelled;
    if (!spellings.Read(rule, spelled)) {
      unsupported_rule_ =
          "rule " + names[rule] + " is neither a list of spellings nor scanned by hand";
      return;
    }
    for (const std::string& s : spelled) {
      AddSpelling(names[rule], type, s, after_id);
      if (!unsupported_rule_.empty()) return;
    }
  }
  if (next_hand_scanned != std::size(kHandScanned)) {
    unsupported_rule_ = "the grammar lacks a rule the scanner follows";
    return;
  }
  if (!changed.empty()) {
    unsupported_rule_ = "rules changed since the scanner was written: " + changed;
    return;
  }
  for (auto& ops : operators_) {
    std::stable_sort(ops.begin(), ops.end(), [](const Operator& a, const Operator& b) {
      return a.spelling.size() > b.spelling.size();
    });
  }
}

void LexerGrammar::AddSpelling(const std::string& rule, size_t type, const std::string& spelling,
                               bool after_id) {
  if (IsWordSpelling(spelling)) {
    // ID, defined first, takes a word that a later rule spells too.
    if (!after_id && words_.emplace(spelling, type).second) {
      longest_word_ = std::max(longest_word_, spelling.size());
    }
    return;
  }
  const bool operator_chars = std::all_of(spelling.begin(), spelling.end(), IsOperatorChar);
  if (!operator_chars || spelling.starts_with("--") || spelling.starts_with("/*")) {
    unsupported_rule_ = "rule " + rule + " spells '" + spelling +
                        "', neither a word nor an operator the scanner knows how to find";
    return;
  }
  auto& ops = operators_[static_cast<unsigned char>(spelling[0])];
  // The first rule that spells an operator gets it.
  if (std::none_of(ops.begin(), ops.end(),
                   [&](const Operator& op) { return op.spelling == spelling; })) {
    ops.push_back({spelling, type});
  }
}

}  // namespace tessera::sql::transform
