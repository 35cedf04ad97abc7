#include "time/date_math.h"

namespace pactgraph::timex {

// Howard Hinnant's days-from-civil algorithm (public domain description).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  Date out;
  out.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.y = static_cast<int>(yoe + era * 400 + (out.m <= 2));
  return out;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[(m - 1) % 12];
}

int IsoWeekday(const Date& date) {
  const long days = DaysFromCivil(date.y, date.m, date.d);  // 1970-01-01 was a Thursday
  long wd = (days + 3) % 7;
  if (wd < 0) wd += 7;
  return static_cast<int>(wd) + 1;
}

void IsoWeek(const Date& date, int* iso_year, int* week) {
  // The ISO week belongs to the year that holds its Thursday.
  const Date thursday = AddDays(date, 4 - IsoWeekday(date));
  *iso_year = thursday.y;
  const long first = DaysFromCivil(thursday.y, 1, 1);
  *week = static_cast<int>((DaysFromCivil(thursday.y, thursday.m, thursday.d) - first) / 7 + 1);
}

Date AddDays(const Date& date, long n) {
  return CivilFromDays(DaysFromCivil(date.y, date.m, date.d) + n);
}

Date AddMonths(const Date& date, int n) {
  int index = date.y * 12 + (date.m - 1) + n;
  Date out;
  out.y = index / 12;
  out.m = index % 12 + 1;
  if (date.d > 0) {
    int last = DaysInMonth(out.y, out.m);
    out.d = date.d > last ? last : date.d;
  }
  return out;
}

namespace {
bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
}  // namespace

bool ParseIsoDate(std::string_view s, Date* out) {
  Date date;
  if (!Digits(s, 0, 4, &date.y) || date.y == 0) return false;
  if (s.size() >= 7 && s[4] == '-') {
    if (!Digits(s, 5, 2, &date.m) || date.m < 1 || date.m > 12) return false;
    if (s.size() >= 10 && s[7] == '-') {
      if (!Digits(s, 8, 2, &date.d) || date.d < 1 || date.d > DaysInMonth(date.y, date.m)) return false;
    }
  }
  *out = date;
  return true;
}

namespace {
// Appends v as printf's "%0<width>d" prints it (the sign counts in the
// width), without printf's cost: the tagger formats a value per expression.
void AppendPadded(std::string* out, long v, int width) {
  char buf[24];
  char* const end = buf + sizeof buf;
  char* p = end;
  unsigned long u = v < 0 ? 0UL - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  const long digits = v < 0 ? width - 1 : width;
  while (end - p < digits) *--p = '0';
  if (v < 0) *--p = '-';
  out->append(p, end);
}
}  // namespace

std::string FormatYear(int y) {
  if (y <= 0) return "XXXX";
  std::string out;
  AppendPadded(&out, y, 4);
  return out;
}

std::string FormatMonth(int y, int m) {
  std::string out = FormatYear(y);
  out += '-';
  AppendPadded(&out, m, 2);
  return out;
}

std::string FormatDay(const Date& date) {
  std::string out = FormatYear(date.y);
  out += '-';
  AppendPadded(&out, date.m, 2);
  out += '-';
  AppendPadded(&out, date.d, 2);
  return out;
}

std::string FormatWeek(const Date& date) {
  int iso_year = 0, week = 0;
  IsoWeek(date, &iso_year, &week);
  std::string out = FormatYear(iso_year);
  out += "-W";
  AppendPadded(&out, week, 2);
  return out;
}

}  // namespace pactgraph::timex
