#include "clean/html_metric.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <unordered_map>

namespace pactgraph {
namespace {

// Python's str.isalnum() or '_': letters (Lu, Ll, Lt, Lm, Lo) and anything
// with a numeric type.
bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return true;
    default:
      return u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  }
}

std::unordered_map<std::string, int> Shingles(std::string_view text, size_t n) {
  std::vector<std::string_view> tokens = WordTokens(text);
  std::unordered_map<std::string, int> counts;
  size_t count = tokens.size() >= n ? tokens.size() - n + 1 : 1;
  for (size_t i = 0; i < count && i < tokens.size(); ++i) {
    std::string key;
    for (size_t k = i; k < i + n && k < tokens.size(); ++k) {
      key.append(tokens[k]);
      key.push_back('\x1f');
    }
    counts[key]++;
  }
  return counts;
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  const uint8_t* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0, start = -1;
  while (i < length) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      tokens.push_back(text.substr(start, at - start));
      start = -1;
    }
  }
  if (start >= 0) tokens.push_back(text.substr(start));
  return tokens;
}

ShingleMatch MatchShingles(std::string_view truth, std::string_view predicted, size_t n) {
  std::unordered_map<std::string, int> t = Shingles(truth, n);
  std::unordered_map<std::string, int> p = Shingles(predicted, n);
  ShingleMatch m;
  for (const auto& [key, tc] : t) {
    auto it = p.find(key);
    int pc = it == p.end() ? 0 : it->second;
    m.tp += std::min(tc, pc);
    m.fn += std::max(0, tc - pc);
    m.fp += std::max(0, pc - tc);
  }
  for (const auto& [key, pc] : p) {
    if (t.find(key) == t.end()) m.fp += pc;
  }
  double sum = m.tp + m.fp + m.fn;
  if (sum > 0) {
    m.tp /= sum;
    m.fp /= sum;
    m.fn /= sum;
  }
  return m;
}

PrfScores AverageShingleScores(const std::vector<ShingleMatch>& pages) {
  double p_sum = 0, r_sum = 0;
  size_t p_n = 0, r_n = 0;
  for (const ShingleMatch& m : pages) {
    bool perfect = m.fp == 0 && m.fn == 0;
    if (m.tp + m.fp > 0) {
      p_sum += perfect ? 1.0 : m.tp / (m.tp + m.fp);
      ++p_n;
    }
    if (m.tp + m.fn > 0) {
      r_sum += perfect ? 1.0 : m.tp / (m.tp + m.fn);
      ++r_n;
    }
  }
  PrfScores s;
  s.precision = p_n ? p_sum / p_n : 0;
  s.recall = r_n ? r_sum / r_n : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace pactgraph
