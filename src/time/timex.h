// Time expressions, English and German, normalised against an anchor date.
#ifndef PACTGRAPH_TIME_TIMEX_H_
#define PACTGRAPH_TIME_TIMEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pactgraph {

struct Timex {
  uint32_t start = 0, end = 0;  // byte range in the text
  std::string type;             // DATE, TIME, DURATION, SET (TimeML)
  std::string value;            // TimeML value: "2024-05-14", "2024-05", "2023", "P5M", "PRESENT_REF", ...
  bool relative = false;        // resolved against the anchor ("next month")
};

// anchor: ISO date the relative expressions are resolved against (the
// publication date); empty when unknown, then relative ones stay unresolved
// (value "XXXX-05-14" etc.).
std::vector<Timex> FindTimexes(std::string_view text, const std::string& lang, const std::string& anchor);

}  // namespace pactgraph

#endif  // PACTGRAPH_TIME_TIMEX_H_
