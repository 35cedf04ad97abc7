#include "clean/html_date.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace pactgraph {
namespace {

struct Token {
  bool number = false;
  int value = 0;       // number value, or month 1-12 for month words (0: other word)
  int digits = 0;      // digit count of a number
  char sep_after = 0;  // first separator character after the token
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

// English and German month names; a word matches when it starts with one of
// these prefixes (so "Nov", "Nov.", "November", "Novembre" all match).
int MonthOf(std::string_view word) {
  static constexpr std::array<std::pair<const char*, int>, 16> kPrefixes = {{
      {"jan", 1}, {"feb", 2}, {"mar", 3}, {"m\xc3\xa4r", 3}, {"apr", 4}, {"may", 5}, {"mai", 5},
      {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"okt", 10}, {"nov", 11},
      {"dec", 12}, {"dez", 12},
  }};
  std::string lower;
  for (char c : word.substr(0, 4)) lower.push_back(Lower(c));
  for (const auto& [prefix, month] : kPrefixes) {
    std::string_view p(prefix);
    if (lower.size() >= p.size() && lower.compare(0, p.size(), p) == 0) {
      // "mar" must not match "mark"/"marz"-like noise of other words: month
      // words are short, so cap the length.
      return word.size() <= 10 ? month : 0;
    }
  }
  return 0;
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size() && tokens.size() < 16) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsDigit(static_cast<char>(c))) {
      Token t;
      t.number = true;
      while (i < s.size() && IsDigit(s[i])) {
        if (t.digits < 9) t.value = t.value * 10 + (s[i] - '0');
        ++t.digits;
        ++i;
      }
      if (i < s.size()) t.sep_after = s[i];
      tokens.push_back(t);
    } else if (IsLetter(c)) {
      size_t start = i;
      while (i < s.size() && IsLetter(static_cast<unsigned char>(s[i]))) ++i;
      Token t;
      t.value = MonthOf(s.substr(start, i - start));
      if (i < s.size()) t.sep_after = s[i];
      tokens.push_back(t);
    } else {
      ++i;
    }
  }
  return tokens;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool IsYear(const Token& t) { return t.number && t.digits == 4 && t.value >= 1900 && t.value <= 2099; }
bool IsMonthWord(const Token& t) { return !t.number && t.value > 0; }
bool IsDayNumber(const Token& t) { return t.number && t.digits <= 2 && t.value >= 1 && t.value <= 31; }

std::string Format(int y, int m, int d) {
  if (m < 1 || m > 12) return "";
  char buf[32];
  if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    if (d < 1 || d > DaysInMonth(y, m)) return "";
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
std::string FromUnixSeconds(int64_t seconds) {
  int64_t z = seconds / 86400 + 719468;
  int64_t era = z / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return Format(y, m, d);
}

std::string TryAt(const std::vector<Token>& t, size_t i) {
  size_t n = t.size() - i;
  const Token& a = t[i];
  if (a.number && a.digits == 8) {  // 20191119
    int y = a.value / 10000, m = a.value / 100 % 100, d = a.value % 100;
    if (y >= 1900 && y <= 2099) return Format(y, m, d);
  }
  if (IsYear(a)) {
    if (n >= 3 && t[i + 1].number && t[i + 2].number && t[i + 1].digits <= 2 && t[i + 2].digits <= 2) {
      return Format(a.value, t[i + 1].value, t[i + 2].value);
    }
    if (n >= 2 && t[i + 1].number && t[i + 1].digits <= 2 && (a.sep_after == '-' || a.sep_after == '/')) {
      return Format(a.value, t[i + 1].value, 0);
    }
    return "";
  }
  if (IsDayNumber(a) && n >= 3 && IsMonthWord(t[i + 1]) && IsYear(t[i + 2])) {
    return Format(t[i + 2].value, t[i + 1].value, a.value);
  }
  if (IsMonthWord(a) && n >= 3 && IsDayNumber(t[i + 1]) && IsYear(t[i + 2])) {
    return Format(t[i + 2].value, a.value, t[i + 1].value);
  }
  if (IsMonthWord(a) && n >= 2 && IsYear(t[i + 1])) return Format(t[i + 1].value, a.value, 0);
  if (IsDayNumber(a) && n >= 3 && t[i + 1].number && t[i + 1].digits <= 2 && IsYear(t[i + 2])) {
    int first = a.value, second = t[i + 1].value;
    // "19.11.2019" is day-first; "11/19/2019" is month-first unless impossible.
    bool month_first = a.sep_after == '/' && first <= 12;
    return month_first ? Format(t[i + 2].value, first, second) : Format(t[i + 2].value, second, first);
  }
  return "";
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  std::vector<Token> tokens = Tokenize(s);
  if (tokens.size() == 1 && tokens[0].number && (tokens[0].digits == 10 || tokens[0].digits == 13)) {
    // Unix time in seconds (or milliseconds): re-read all digits as 64-bit.
    int64_t v = 0;
    for (char c : s) {
      if (IsDigit(c)) v = v * 10 + (c - '0');
    }
    if (tokens[0].digits == 13) v /= 1000;
    return FromUnixSeconds(v);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string date = TryAt(tokens, i);
    if (!date.empty()) return date;
  }
  return "";
}

}  // namespace pactgraph
