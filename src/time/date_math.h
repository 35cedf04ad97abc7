// Proleptic Gregorian calendar arithmetic for the time tagger.
#ifndef PACTGRAPH_TIME_DATE_MATH_H_
#define PACTGRAPH_TIME_DATE_MATH_H_

#include <string>
#include <string_view>

namespace pactgraph::timex {

// A date known to some precision: 0 means "not known" for each field
// (a year of 0 is not used; the tagger does not handle years before 1).
struct Date {
  int y = 0, m = 0, d = 0;
  bool HasDay() const { return y > 0 && m > 0 && d > 0; }
};

long DaysFromCivil(int y, int m, int d);
Date CivilFromDays(long days);
int DaysInMonth(int y, int m);
int IsoWeekday(const Date& date);            // 1 = Monday .. 7 = Sunday
void IsoWeek(const Date& date, int* iso_year, int* week);
Date AddDays(const Date& date, long n);
Date AddMonths(const Date& date, int n);     // day clamped to the month's end

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (anything after the day, such as
// "T10:00", is ignored). Returns false for anything else.
bool ParseIsoDate(std::string_view s, Date* out);

// TimeML values: "2024-05-14", "2024-05", "2024"; unknown year as "XXXX".
std::string FormatDay(const Date& date);
std::string FormatMonth(int y, int m);
std::string FormatYear(int y);
std::string FormatWeek(const Date& date);    // "2024-W20" (ISO week)

}  // namespace pactgraph::timex

#endif  // PACTGRAPH_TIME_DATE_MATH_H_
