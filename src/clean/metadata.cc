#include "clean/metadata.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <unordered_set>

namespace pactgraph {
namespace {

#define PG_MONTH                                                                                     \
  "(january|february|march|april|may|june|july|august|september|october|november|december|"       \
  "januar|jänner|februar|märz|maerz|mai|juni|juli|oktober|dezember|"                              \
  "jan|feb|mar|mär|apr|jun|jul|aug|sept|sep|oct|okt|nov|dec|dez)"

struct DatePatterns {
  // Each pattern captures the whole date first; the order of the other groups
  // is given by `fields` (y = year, m = month, d = day).
  struct Pattern {
    std::unique_ptr<RE2> re;
    const char* fields;
  };
  std::array<Pattern, 5> all;

  DatePatterns()
      : all{Pattern{Make("(\\b" PG_MONTH "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b)"), "mdy"},
            Pattern{Make("(\\b(\\d{1,2})(?:\\.|st|nd|rd|th)?\\s+(?:of\\s+)?" PG_MONTH "\\.?,?\\s+(\\d{4})\\b)"),
                    "dmy"},
            Pattern{Make("(\\b(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2}))(?:T|\\b)"), "ymd"},
            Pattern{Make("(\\b(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4})\\b)"), "dmy"},
            Pattern{Make("(\\b" PG_MONTH "\\.?\\s+(\\d{4})\\b)"), "my"}} {}

  static std::unique_ptr<RE2> Make(const char* pattern) {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    return std::make_unique<RE2>(pattern, o);
  }
};

const DatePatterns& Patterns() {
  static const DatePatterns p;
  return p;
}

// Month number from a matched month name (English or German, any case).
int MonthNumber(std::string_view name) {
  std::string m;
  for (size_t i = 0; i < name.size() && m.size() < 3; ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {  // ä / Ä
      ++i;
      m += 'a';
      continue;
    }
    m += static_cast<char>(std::tolower(c));
  }
  static const std::array<std::pair<const char*, int>, 16> kMonths = {{{"jan", 1},
                                                                       {"feb", 2},
                                                                       {"mar", 3},
                                                                       {"mae", 3},
                                                                       {"apr", 4},
                                                                       {"may", 5},
                                                                       {"mai", 5},
                                                                       {"jun", 6},
                                                                       {"jul", 7},
                                                                       {"aug", 8},
                                                                       {"sep", 9},
                                                                       {"oct", 10},
                                                                       {"okt", 10},
                                                                       {"nov", 11},
                                                                       {"dec", 12},
                                                                       {"dez", 12}}};
  for (const auto& [k, v] : kMonths) {
    if (m == k) return v;
  }
  return 0;
}

int ToInt(re2::StringPiece s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool ValidDay(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string Iso(int y, int m, int d) {
  char buf[40];  // room for any int, so the compiler sees no truncation
  if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

// Tries one pattern from `from`; fills *out when it matches a real date.
bool TryPattern(const DatePatterns::Pattern& p, std::string_view s, size_t from, DateMatch* out) {
  re2::StringPiece text(s.data(), s.size());
  re2::StringPiece g[5];
  int groups = 1 + static_cast<int>(std::char_traits<char>::length(p.fields));
  size_t pos = from;
  while (pos < s.size() && p.re->Match(text, pos, s.size(), RE2::UNANCHORED, g, groups + 1)) {
    int y = 0, m = 0, d = 0;
    for (int k = 0; p.fields[k]; ++k) {
      re2::StringPiece v = g[k + 2];
      if (p.fields[k] == 'y') y = ToInt(v);
      if (p.fields[k] == 'd') d = ToInt(v);
      if (p.fields[k] == 'm') m = std::isdigit(static_cast<unsigned char>(v[0])) ? ToInt(v) : MonthNumber(
                                                                                                 {v.data(), v.size()});
    }
    size_t b = g[1].data() - s.data();
    bool ok = y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && (d == 0 ? p.fields[1] == 'y' : ValidDay(y, m, d));
    if (ok) {
      *out = DateMatch{Iso(y, m, d), b, b + g[1].size()};
      return true;
    }
    pos = b + 1;
  }
  return false;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Length of a separator at s[k]: ASCII punctuation other than - ' . (which
// occur in names), bullets, dashes, guillemets; 0 when none.
size_t SeparatorAt(std::string_view s, size_t k) {
  auto c = static_cast<unsigned char>(s[k]);
  if (c < 0x80) return !std::isalnum(c) && c != ' ' && c != '-' && c != '\'' && c != '.' ? 1 : 0;
  for (std::string_view sep : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xBB",
                               "\xE2\x80\xBA", "\xE2\x96\xAA", "\xE2\x96\xBA"}) {
    if (s.substr(k, sep.size()) == sep) return sep.size();
  }
  return 0;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words allowed around a date on a date-only line.
bool IsDateLineFiller(std::string_view lower) {
  static const std::unordered_set<std::string_view> kFiller = {
      "published", "updated", "posted", "modified", "last", "on", "at", "am", "um", "uhr", "stand",
      "veröffentlicht", "aktualisiert", "zuletzt", "datum", "date", "pm", "a", "m", "p", "utc", "gmt",
      "cet", "cest", "mez", "mesz", "kst", "est", "edt", "pst", "pdt", "et", "bst", "monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat",
      "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "mo", "di",
      "mi", "do", "fr", "sa", "so", "h"};
  if (kFiller.count(lower)) return true;
  // Parts of a time of day ("18", "15" from "18:15").
  if (lower.size() <= 2) {
    for (char c : lower) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }
  return false;
}

// Every pattern captures a year of four ASCII digits (RE2's \d is [0-9]) and
// accepts only 1900 to 2099, so a text without four digits in a row opening
// with 19 or 20 holds no date. Most lines have none: checking that first
// saves five regular-expression searches per line.
bool MayHoldYear(std::string_view s) {
  auto digit = [&](size_t k) { return s[k] >= '0' && s[k] <= '9'; };
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'))) continue;
    if (digit(i + 2) && digit(i + 3)) return true;
  }
  return false;
}

}  // namespace

DateMatch FindDate(std::string_view s) {
  DateMatch best;
  if (!MayHoldYear(s)) return best;
  for (const auto& p : Patterns().all) {
    DateMatch m;
    if (!TryPattern(p, s, 0, &m)) continue;
    bool earlier = !best.found() || m.begin < best.begin ||
                   (m.begin == best.begin && m.end - m.begin > best.end - best.begin);
    if (earlier) best = m;
  }
  return best;
}

bool IsDateLine(std::string_view line) {
  DateMatch m = FindDate(line);
  if (!m.found()) return false;
  std::string rest = LowerAscii(line.substr(0, m.begin)) + " " + LowerAscii(line.substr(m.end));
  size_t i = 0;
  auto word_at = [&](size_t k) { return IsWordByte(static_cast<unsigned char>(rest[k])) && !SeparatorAt(rest, k); };
  while (i < rest.size()) {
    while (i < rest.size() && !word_at(i)) i += std::max<size_t>(1, SeparatorAt(rest, i));
    size_t b = i;
    while (i < rest.size() && word_at(i)) ++i;
    if (i > b && !IsDateLineFiller(std::string_view(rest).substr(b, i - b))) return false;
  }
  return true;
}

bool IsBylineLine(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    size_t sep = SeparatorAt(line, i);
    if (sep == 0 && line[i] != ' ' && line[i] != '-') break;
    i += sep ? sep : 1;
  }
  std::string lower = LowerAscii(line.substr(i, 16));
  size_t skip = 0;
  bool labelled = false;
  for (const char* cue : {"written by ", "posted by ", "reported by ", "by ", "von ", "author: ", "autor: ",
                          "autorin: ", "text: ", "reporter: ", "author ", "autor "}) {
    std::string_view c(cue);
    if (std::string_view(lower).substr(0, c.size()) == c) {
      skip = c.size();
      labelled = c.back() == ' ' && c[c.size() - 2] == ':';
      break;
    }
  }
  if (skip == 0) return false;
  // The name runs to the end of the line or to a separator; it is a few
  // capitalised words ("Kim Eun-jin", "Anna Schmidt und Max Müller").
  std::string_view name = line.substr(i + skip);
  size_t words = 0;
  size_t k = 0;
  while (k < name.size()) {
    while (k < name.size() && name[k] == ' ') ++k;
    if (k >= name.size()) break;
    auto c = static_cast<unsigned char>(name[k]);
    if (SeparatorAt(name, k) || name[k] == '-') break;  // "•", "|", "-", ","
    size_t b = k;
    while (k < name.size() && name[k] != ' ' && !SeparatorAt(name, k)) ++k;
    std::string_view w = name.substr(b, k - b);
    bool joiner = w == "and" || w == "und" || w == "&" || w == "de" || w == "van" || w == "von";
    if (!joiner && !labelled && !(std::isupper(c) || c >= 0x80)) return false;
    if (++words > 6) return false;
  }
  return words >= 1;
}

}  // namespace pactgraph
