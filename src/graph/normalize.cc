#include "graph/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

namespace pactgraph::graph {
namespace {

// NFKC + case folding; ASCII takes a fast path.
std::string Fold(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString folded =
      nfkc_cf->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))), err);
  if (U_FAILURE(err)) return std::string(s);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

// Length of a separator at s[i] (0 when s[i] starts a word character):
// ASCII non-alphanumerics and the General Punctuation block (dashes, curly
// quotes). Other non-ASCII characters are letters of some script.
size_t SeparatorLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return std::isalnum(c) ? 0 : 1;
  if (c == 0xE2 && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) == 0x80 ||
                                            static_cast<unsigned char>(s[i + 1]) == 0x81)) {
    return 3;
  }
  if (c == 0xC2 && i + 1 < s.size()) {  // Latin-1 punctuation: NBSP, «, », ·
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0xA0 || d == 0xAB || d == 0xBB || d == 0xB7) return 2;
  }
  return 0;
}

bool IsApostrophe(std::string_view s, size_t i, size_t len) {
  if (len == 1) return s[i] == '\'';
  return len == 3 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98);
}

// Splits folded text into word tokens, dropping possessive 's / s'.
std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> tokens;
  std::string cur;
  size_t i = 0;
  while (i < s.size()) {
    size_t sep = SeparatorLength(s, i);
    if (sep == 0) {
      cur.push_back(s[i++]);
      continue;
    }
    if (IsApostrophe(s, i, sep)) {
      size_t next = i + sep;
      bool s_follows = next < s.size() && s[next] == 's' && (next + 1 == s.size() || SeparatorLength(s, next + 1));
      if (s_follows) {  // "samsung's": drop the 's
        i = next + 1;
        continue;
      }
    }
    if (!cur.empty()) tokens.push_back(std::move(cur));
    cur.clear();
    i += sep;
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  return tokens;
}

bool OneOf(const std::string& t, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (t == w) return true;
  }
  return false;
}

void DropLeadingArticle(std::vector<std::string>* tokens) {
  if (tokens->size() > 1 && OneOf(tokens->front(), {"the", "der", "die", "das", "des", "dem", "den"})) {
    tokens->erase(tokens->begin());
  }
}

// "SK Group", "SK-Konzern", "des SK-Konzerns", "SK-Gruppe" share one key.
void NormaliseOrgWords(std::vector<std::string>* tokens) {
  for (std::string& t : *tokens) {
    if (OneOf(t, {"group", "gruppe", "konzern", "konzerns", "konzerne"})) t = "group";
  }
  while (tokens->size() > 1 &&
         OneOf(tokens->back(), {"inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "plc",
                                "ag", "gmbh", "sa", "nv", "se", "kgaa", "kg"})) {
    tokens->pop_back();
  }
}

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) out += t;
  return out;
}

}  // namespace

NameKey MakeNameKey(std::string_view name, std::string_view type) {
  NameKey k;
  k.tokens = Tokens(Fold(name));
  DropLeadingArticle(&k.tokens);
  bool org = type == "ORG";
  if (org) NormaliseOrgWords(&k.tokens);
  k.key = Join(k.tokens);
  if (org && !k.tokens.empty()) {
    const std::string& last = k.tokens.back();
    if (last.size() > 3 && last.back() == 's') k.genitive_key = k.key.substr(0, k.key.size() - 1);
  }
  return k;
}

int BoundedEditDistance(std::string_view a, std::string_view b, int limit) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

std::string Digits(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d.push_back(c);
  }
  return d;
}

}  // namespace pactgraph::graph
