// Finding dates and bylines in the header lines of an article.
//
// FindDate() is shared: any cleaner (plain text, HTML) may call it on a line
// or a short string. Thread-safe; patterns are compiled once.
#ifndef PACTGRAPH_CLEAN_METADATA_H_
#define PACTGRAPH_CLEAN_METADATA_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pactgraph {

struct DateMatch {
  std::string iso;         // "YYYY-MM-DD", or "YYYY-MM" when no day is given; empty: none
  size_t begin = 0, end = 0;  // byte range of the date in the searched string
  bool found() const { return !iso.empty(); }
};

// The first calendar date written in `s`, in English or German:
// "November 7, 2018", "Nov. 7, 2018", "Sunday, March 29, 2020", "7 November 2018",
// "14. Mai 2024", "am 3. Oktober 2024", "14.05.2024", "2018-11-07",
// "2018/11/07", "November 2018" / "Mai 2024" (month precision). Years
// 1900-2099 only; impossible days (Feb 30) are rejected.
DateMatch FindDate(std::string_view s);

// True when `line` says nothing but a date: weekday, date, time, time zone
// and labels such as "Published:", "Updated", "Stand:" may surround it.
bool IsDateLine(std::string_view line);

// True for an author line: "By Kim Eun-jin", "Von Anna Schmidt",
// "Author: ...", "Autor: ...", optionally followed by a date after a
// separator ("By X • November 7, 2018").
bool IsBylineLine(std::string_view line);

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_METADATA_H_
