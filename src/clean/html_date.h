// Date strings as pages write them in metadata -> ISO 8601 (YYYY-MM-DD).
#ifndef PACTGRAPH_CLEAN_HTML_DATE_H_
#define PACTGRAPH_CLEAN_HTML_DATE_H_

#include <string>
#include <string_view>

namespace pactgraph {

// Accepts ISO forms ("2019-11-19T10:00:00Z", "2019/11/19", "20191119"),
// day-month-year and month-day-year with English or German month names
// ("19 Nov 2019", "Tue, 19 Nov 2019 10:00 GMT", "November 19, 2019",
// "19. November 2019"), numeric "19.11.2019" / "11/19/2019", and Unix
// seconds. Returns "YYYY-MM-DD", "YYYY-MM" when only month and year are
// given, or "" when nothing plausible (years 1900-2099) is found.
std::string NormalizeDate(std::string_view s);

}  // namespace pactgraph

#endif  // PACTGRAPH_CLEAN_HTML_DATE_H_
