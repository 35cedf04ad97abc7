// InferAnchor: the reference date a text establishes by itself (rule in timex.h).
#include <string>

#include "time/date_math.h"
#include "time/timex.h"

namespace pactgraph {
namespace {

bool IsYear(const std::string& v) { return v.size() == 4 && v != "XXXX" && v.find_first_not_of("0123456789") == std::string::npos; }
bool IsFullDay(const std::string& v) { return v.size() == 10 && v[0] != 'X' && v[4] == '-' && v[7] == '-'; }
bool IsPartialDay(const std::string& v) { return v.size() == 10 && v.compare(0, 5, "XXXX-") == 0 && v[5] != 'X' && v[8] != 'X'; }
bool IsYearMonth(const std::string& v) { return v.size() == 7 && v[0] != 'X' && v[4] == '-' && v[5] != 'W' && v[5] != 'Q' && v[5] != 'H'; }

}  // namespace

std::string InferAnchor(std::string_view text, const std::string& lang) {
  // Without an anchor nothing relative resolves, so every value that has a
  // year took it from the text itself.
  const std::vector<Timex> found = FindTimexes(text, lang, std::string());
  for (const Timex& t : found) {
    if (IsFullDay(t.value) && t.mod.empty()) return t.value;
  }
  std::string year_before, first_year;
  for (const Timex& t : found) {
    std::string y = t.value.substr(0, 4);
    if (IsYear(y) && t.type == "DATE" && !t.relative) {
      if (first_year.empty()) first_year = y;
      year_before = y;
    }
    if (IsPartialDay(t.value)) {
      const std::string y2 = !year_before.empty() ? year_before : first_year;
      std::string year = y2;
      if (year.empty()) {
        // A year stated later in the text still dates the page.
        for (const Timex& later : found) {
          std::string ly = later.value.substr(0, 4);
          if (IsYear(ly) && later.type == "DATE" && !later.relative) { year = ly; break; }
        }
      }
      if (year.empty()) break;
      timex::Date d;
      if (!timex::ParseIsoDate(year + t.value.substr(4), &d) || !d.HasDay()) continue;
      return timex::FormatDay(d);
    }
  }
  for (const Timex& t : found) {
    if (IsYearMonth(t.value) && !t.relative) return t.value;
  }
  for (const Timex& t : found) {
    if (IsYear(t.value) && t.type == "DATE" && !t.relative) return t.value;
  }
  return "";
}

}  // namespace pactgraph
