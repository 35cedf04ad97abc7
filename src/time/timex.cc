// The time tagger: at each token that can start an expression (MayStart),
// every rule tries to match; the longest match wins and the scan continues
// after it. Rules read the token stream
// and the lexicon only; normalisation happens in the rule that matched.
#include "time/timex.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "time/date_math.h"
#include "time/lexicon.h"
#include "time/tokens.h"

namespace pactgraph {
namespace timex {
namespace {

enum class Tense { kUnknown, kPast, kFuture };

// One candidate expression: tokens [b, e).
struct Match {
  size_t b = 0, e = 0;
  const char* type = "DATE";
  std::string value;
  const char* mod = "";
  bool relative = false;
  bool takes_article = true;  // a preceding "the" belongs to the expression
  Date date;                  // the calendar date it denotes, if any (for narratives)
};

std::string Num(long v) { return std::to_string(v); }

const char* UnitLetter(Unit u) {
  switch (u) {
    case Unit::kSecond:
      return "S";
    case Unit::kMinute:
      return "M";
    case Unit::kHour:
      return "H";
    case Unit::kDay:
      return "D";
    case Unit::kWeek:
      return "W";
    case Unit::kWeekend:
      return "WE";
    case Unit::kFortnight:
      return "W";
    case Unit::kMonth:
      return "M";
    case Unit::kQuarter:
      return "Q";
    case Unit::kHalfYear:
      return "H";
    case Unit::kYear:
    case Unit::kDecade:
    case Unit::kCentury:
      return "Y";
    case Unit::kNone:
      break;
  }
  return "";
}

bool IsClockUnit(Unit u) { return u == Unit::kSecond || u == Unit::kMinute || u == Unit::kHour; }

// "P2W", "PT24H", "P10Y" (decades and centuries in years), "PXY" (n < 0).
std::string DurationValue(long n, Unit u) {
  if (u == Unit::kFortnight) n = n < 0 ? n : n * 2;
  if (u == Unit::kDecade) {
    if (n >= 0)
      n *= 10;
    else
      return "PXDE";
  }
  if (u == Unit::kCentury) {
    if (n >= 0)
      n *= 100;
    else
      return "PXCE";
  }
  if (u == Unit::kHalfYear) {
    if (n >= 0) n *= 6;
    return n < 0 ? "PXM" : "P" + Num(n) + "M";
  }
  if (u == Unit::kWeekend) return n < 0 ? "PXWE" : "P" + Num(n * 2) + "D";
  std::string v = IsClockUnit(u) ? "PT" : "P";
  v += n < 0 ? "X" : Num(n);
  v += UnitLetter(u);
  return v;
}

std::string SeasonCode(Season s) {
  switch (s) {
    case Season::kSpring:
      return "SP";
    case Season::kSummer:
      return "SU";
    case Season::kFall:
      return "FA";
    case Season::kWinter:
      return "WI";
    case Season::kNone:
      break;
  }
  return "";
}

const char* PartCode(PartOfDay p) {
  switch (p) {
    case PartOfDay::kMorning:
      return "TMO";
    case PartOfDay::kAfternoon:
      return "TAF";
    case PartOfDay::kEvening:
      return "TEV";
    case PartOfDay::kNight:
      return "TNI";
    case PartOfDay::kNone:
      break;
  }
  return "";
}

// One position at which a Run called Best and Best found an expression or
// read the anchor (Tagger::Anchor, Tagger::Ref); what Replay needs of it.
struct Step {
  uint32_t pos;    // token index
  uint32_t end;    // the expression's end token, if found
  uint32_t timex;  // its index in the Run's result, if found
  bool found;
  bool read_anchor;
  Date date;  // the date it denotes, if found (Match::date)
};

class Tagger;

// A publication date written as words ("May 20, 2024", "20. Mai 2024",
// "Mon, 20 May 2024 10:00:00 GMT"): the first fully dated expression in it.
Date DateFromText(std::string_view s);

class Tagger {
 public:
  // tokens: Tokenize(text, langs); it must outlive the tagger.
  Tagger(std::string_view text, uint8_t langs, const TimexOptions& options, const TokenStream& tokens)
      : text_(text), narrative_(options.narrative), langs_(langs), t_(tokens.tokens) {
    if (!options.anchor.empty() && !ParseIsoDate(options.anchor, &anchor_))
      anchor_ = DateFromText(options.anchor);
    ref_ = anchor_;
  }

  // The whole scan. log: if not null, receives the Steps of this run, for
  // Replay on the same tokens (only meaningful without an anchor).
  std::vector<Timex> Run(std::vector<Step>* log = nullptr) {
    std::vector<Timex> out;
    Scan(0, log, &out);
    return out;
  }

  // What Run would return, given the result and the log of a Run over the
  // same tokens that was not narrative either but may have had another anchor
  // (in practice InferAnchor's run without one). Run visits the tokens in
  // order, calls Best where MayStart, and jumps over each expression found.
  // Best reads the anchor only through Anchor() and Ref(); where the logged
  // call read neither, its answer depends on the tokens alone and is taken
  // from the log, and a position not in the log gave no expression. Best
  // runs again only where the anchor was read. While every such call ends
  // where the logged one did, this visits the logged positions, as Run
  // would; once one differs, the rest is scanned as Run does.
  std::vector<Timex> Replay(const std::vector<Timex>& found, const std::vector<Step>& log) {
    std::vector<Timex> out;
    out.reserve(found.size());
    for (const Step& s : log) {
      if (!s.read_anchor) {
        Timex x = found[s.timex];
        Emit(std::move(x), s.date, &out);
        continue;
      }
      Match m;
      const bool ok = Best(s.pos, &m);
      const bool same_end = ok == s.found && (!ok || m.e == s.end);
      size_t next = ok ? m.e : s.pos + 1;
      if (ok) Emit(&m, &out);
      if (!same_end) {
        Scan(next, nullptr, &out);
        break;
      }
    }
    return out;
  }

 private:
  // Run from token i on, appending to *out.
  void Scan(size_t i, std::vector<Step>* log, std::vector<Timex>* out) {
    while (i < t_.size()) {
      if (!MayStart(i)) {
        ++i;
        continue;
      }
      Match m;
      anchor_read_ = false;
      const bool ok = Best(i, &m);
      if (log && (ok || anchor_read_)) {
        log->push_back(Step{static_cast<uint32_t>(i), static_cast<uint32_t>(ok ? m.e : 0),
                            static_cast<uint32_t>(out->size()), ok, anchor_read_, m.date});
      }
      if (!ok) {
        ++i;
        continue;
      }
      i = m.e;
      Emit(&m, out);
    }
  }

  // Appends the expression found and notes the date it denotes.
  void Emit(Match* m, std::vector<Timex>* out) {
    Timex x;
    x.start = t_[m->b].b;
    x.end = t_[m->e - 1].e;
    x.type = m->type;
    x.value = std::move(m->value);
    x.relative = m->relative;
    x.mod = m->mod;
    Emit(std::move(x), m->date, out);
  }
  void Emit(Timex x, const Date& date, std::vector<Timex>* out) {
    // The newest dated point: narratives resolve against it, and "the
    // following day" / "am selben Tag" always do.
    if (date.y > 0 && (date.m > 0 || narrative_)) ref_ = date;
    out->push_back(std::move(x));
  }

  // The anchor and the newest dated point, for the rules: reading them
  // through here notes the read for Scan's log (see Replay).
  const Date& Anchor() const {
    anchor_read_ = true;
    return anchor_;
  }
  const Date& Ref() const {
    anchor_read_ = true;
    return ref_;
  }

  // ---- token helpers ------------------------------------------------------
  // Whether any rule can match at token i: a number, an apostrophe ('90s)
  // or a word with RuleBits (LookupWord). Best() finds nothing anywhere
  // else, so the scan skips those tokens.
  bool MayStart(size_t i) const {
    const Token& t = t_[i];
    switch (t.kind) {
      case Token::kNumber:
        return true;
      case Token::kWord:
        return t.rules != 0;
      case Token::kPunct:
        return t.low.size() == 1 && t.low[0] == '\'';
    }
    return true;
  }
  size_t n() const { return t_.size(); }
  bool Word(size_t i) const { return i < n() && t_[i].kind == Token::kWord; }
  bool NumTok(size_t i) const { return i < n() && t_[i].kind == Token::kNumber; }
  bool Is(size_t i, std::string_view w) const { return i < n() && t_[i].low == w; }
  bool IsAny(size_t i, std::initializer_list<std::string_view> ws) const {
    if (i >= n()) return false;
    for (std::string_view w : ws)
      if (t_[i].low == w) return true;
    return false;
  }
  bool Glued(size_t i) const { return i < n() && t_[i].glued; }
  bool Punct(size_t i, char c) const {
    return i < n() && t_[i].kind == Token::kPunct && t_[i].low.size() == 1 && t_[i].low[0] == c;
  }
  bool HyphenGlued(size_t i) const { return Punct(i, '-') && Glued(i) && Glued(i + 1); }
  const WordInfo* Info(size_t i) const { return i < n() ? t_[i].info : nullptr; }
  bool En() const { return langs_ & kEn; }
  bool De() const { return langs_ & kDe; }
  bool StartsWith(size_t i, std::string_view prefix) const {
    return i < n() && t_[i].low.substr(0, prefix.size()) == prefix;
  }

  int MonthAt(size_t i) const {
    const WordInfo* w = Info(i);
    return w && w->month ? w->month : 0;
  }
  int WeekdayAt(size_t i) const {
    const WordInfo* w = Info(i);
    return w && w->weekday ? w->weekday : 0;
  }
  Unit UnitAt(size_t i) const {
    const WordInfo* w = Info(i);
    return w ? w->unit : Unit::kNone;
  }

  // A cardinal at i: digits or a numeral word. *vague for "several".
  bool CountAt(size_t i, long* value, bool* vague) const {
    *vague = false;
    if (NumTok(i) && t_[i].digits <= 4 && t_[i].num < 1000) {
      if (Punct(i + 1, '.') && Glued(i + 1) && NumTok(i + 2) && Glued(i + 2)) return false;  // decimals
      if (Punct(i + 1, ',') && Glued(i + 1) && NumTok(i + 2) && Glued(i + 2)) return false;
      *value = static_cast<long>(t_[i].num);
      return true;
    }
    const WordInfo* w = Info(i);
    if (!w) return false;
    if (w->vague_number) {
      *vague = true;
      *value = -1;
      return true;
    }
    if (w->number > 0) {
      *value = w->number;
      return true;
    }
    return false;
  }

  // Day of month at i: "14", "14th", German "14." (the dot is consumed).
  bool DayAt(size_t i, int* day, size_t* end, bool want_dot) const {
    if (!NumTok(i) || t_[i].digits > 2 || t_[i].num < 1 || t_[i].num > 31) return false;
    *day = static_cast<int>(t_[i].num);
    *end = i + 1;
    if (Word(i + 1) && Glued(i + 1) && IsAny(i + 1, {"st", "nd", "rd", "th"})) {
      *end = i + 2;
      return true;
    }
    if (want_dot) {
      if (!Punct(i + 1, '.') || !Glued(i + 1)) return false;
      *end = i + 2;
    }
    return true;
  }

  bool YearAt(size_t i, int* year) const {
    if (!NumTok(i) || t_[i].digits != 4 || t_[i].num < 1000 || t_[i].num > 2199) return false;
    // Part of a bigger number ("12,2024") or a decimal ("2024.5")?
    if (i > 0 && Glued(i) && (Punct(i - 1, ',') || Punct(i - 1, '.')) && i >= 2 && NumTok(i - 2) &&
        Glued(i - 1))
      return false;
    if ((Punct(i + 1, ',') || Punct(i + 1, '.')) && Glued(i + 1) && NumTok(i + 2) && Glued(i + 2))
      return false;
    *year = static_cast<int>(t_[i].num);
    return true;
  }

  // ---- resolution ---------------------------------------------------------
  const Date& Base() const { return narrative_ ? Ref() : Anchor(); }

  bool IsSentenceEnd(size_t i) const {
    if (!(Punct(i, '.') || Punct(i, '!') || Punct(i, '?') || Punct(i, ';'))) return false;
    if (Punct(i, '.') && i > 0 && Word(i - 1) && t_[i - 1].low.size() <= 4 && Glued(i)) {
      const WordInfo* w = t_[i - 1].info;
      if (w && (w->month || w->weekday)) return false;  // "Nov." is not an end
    }
    return true;
  }

  bool FutureCue(size_t i) const {
    const std::string_view w = t_[i].low;
    if (En() && (w == "will" || w == "ll" || w == "shall" || w == "upcoming" || w == "scheduled" ||
                 w == "plans" || w == "planned" || w == "expected" || w == "expects" || w == "next" ||
                 w == "coming" || w == "until" || w == "going"))
      return true;
    if (De() && (w == "wird" || w == "werden" || w == "soll" || w == "sollen" || w == "plant" ||
                 w == "planen" || w == "geplant" || w == "voraussichtlich" || w == "bis" ||
                 StartsWith(i, "kommend") || StartsWith(i, "nächst")))
      return true;
    return false;
  }

  bool PastCue(size_t i) const {
    const std::string_view w = t_[i].low;
    if (En() && (w == "was" || w == "were" || w == "had" || w == "did" || w == "said" || w == "ago" ||
                 w == "last" || w == "since" || (w.size() > 4 && w.substr(w.size() - 2) == "ed")))
      return true;
    if (De() && (w == "war" || w == "waren" || w == "hatte" || w == "hatten" || w == "wurde" ||
                 w == "wurden" || w == "sagte" || w == "hat" || w == "haben" || w == "seit" ||
                 StartsWith(i, "vergangen") || StartsWith(i, "letzte")))
      return true;
    return false;
  }

  // The tense of the sentence around token i, from a few cue words.
  Tense TenseAt(size_t i) const {
    size_t lo = i, hi = i;
    for (int k = 0; k < 25 && lo > 0 && !IsSentenceEnd(lo - 1); ++k) --lo;
    for (int k = 0; k < 25 && hi + 1 < n() && !IsSentenceEnd(hi + 1); ++k) ++hi;
    bool past = false;
    for (size_t k = lo; k <= hi; ++k) {
      if (t_[k].kind != Token::kWord) continue;
      if (FutureCue(k)) return Tense::kFuture;
      past = past || PastCue(k);
    }
    return past ? Tense::kPast : Tense::kUnknown;
  }

  // Year of a partial date (month, optional day) at token i: the year that
  // puts it nearest the anchor, counting a date on the side the sentence's
  // tense rules out as twice as far (news mostly reports the recent past and
  // announces the near future).
  int YearFor(int month, int day, size_t i) const {
    const Date& base = Base();
    if (base.y == 0) return 0;
    if (narrative_ || base.m == 0) return base.y;
    const Tense tense = TenseAt(i);
    const long now = DaysFromCivil(base.y, base.m, base.d ? base.d : 15);
    int best_year = base.y;
    double best = 1e18;
    for (int y = base.y - 1; y <= base.y + 1; ++y) {
      const int d = day ? std::min(day, DaysInMonth(y, month)) : 15;
      double dist = static_cast<double>(DaysFromCivil(y, month, d) - now);
      if ((dist > 0 && tense == Tense::kPast) || (dist < 0 && tense == Tense::kFuture)) dist *= 2;
      if (std::abs(dist) < best) {
        best = std::abs(dist);
        best_year = y;
      }
    }
    return best_year;
  }

  // ---- emit helpers -------------------------------------------------------
  static void SetDay(Match* m, const Date& d) {
    m->value = FormatDay(d);
    m->date = d;
  }
  static void SetMonth(Match* m, int y, int mo) {
    m->value = FormatMonth(y, mo);
    m->date = Date{y, mo, 0};
  }
  static void SetYear(Match* m, int y) {
    m->value = FormatYear(y);
    m->date = Date{y, 0, 0};
  }

  // Shifts the base by n units and prints it at the unit's granularity.
  bool Shifted(Unit u, long k, const Date& base, Match* m) const {
    m->relative = true;
    if (base.y == 0) {
      switch (u) {
        case Unit::kDay:
          m->value = "XXXX-XX-XX";
          return true;
        case Unit::kWeek:
        case Unit::kWeekend:
          m->value = "XXXX-WXX";
          return true;
        case Unit::kMonth:
          m->value = "XXXX-XX";
          return true;
        case Unit::kQuarter:
          m->value = "XXXX-QX";
          return true;
        case Unit::kYear:
          m->value = "XXXX";
          return true;
        default:
          return false;
      }
    }
    switch (u) {
      case Unit::kDay:
        if (!base.HasDay()) return false;
        SetDay(m, AddDays(base, k));
        return true;
      case Unit::kWeek:
      case Unit::kWeekend:
      case Unit::kFortnight:
        if (!base.HasDay()) return false;
        m->value = FormatWeek(AddDays(base, 7 * k * (u == Unit::kFortnight ? 2 : 1)));
        if (u == Unit::kWeekend) m->value += "-WE";
        return true;
      case Unit::kMonth: {
        if (base.m == 0) return false;
        Date d = AddMonths(Date{base.y, base.m, 0}, static_cast<int>(k));
        SetMonth(m, d.y, d.m);
        return true;
      }
      case Unit::kQuarter: {
        if (base.m == 0) return false;
        long q = base.y * 4L + (base.m - 1) / 3 + k;
        m->value = FormatYear(static_cast<int>(q / 4)) + "-Q" + Num(q % 4 + 1);
        return true;
      }
      case Unit::kHalfYear: {
        if (base.m == 0) return false;
        long h = base.y * 2L + (base.m - 1) / 6 + k;
        m->value = FormatYear(static_cast<int>(h / 2)) + "-H" + Num(h % 2 + 1);
        return true;
      }
      case Unit::kYear:
        SetYear(m, static_cast<int>(base.y + k));
        return true;
      case Unit::kDecade:
        m->value = Num((base.y + 10 * k) / 10);
        return true;
      case Unit::kCentury:
        m->value = Num((base.y + 100 * k) / 100);
        return true;
      default:
        return false;
    }
  }

  // ---- rules --------------------------------------------------------------
  bool Best(size_t i, Match* best) {
    // Core writes *best only when it finds an expression.
    bool found = Core(i, best);
    const uint16_t rules = t_[i].kind == Token::kWord ? t_[i].rules : 0;
    if (rules & kRuleModified) {  // no modifier starts elsewhere
      Match m;
      m.b = i;
      if (Modified(i, &m) && m.e > i && (!found || m.e > best->e)) {
        *best = std::move(m);
        found = true;
      }
    }
    if (!found && (rules & kRuleArticle) && En() && Is(i, "the")) {
      // "the third quarter", "the 1990s", "the past": the article joins.
      Match inner;
      // Core finds nothing where Best cannot (MayStart).
      if (i + 1 < n() && MayStart(i + 1) && Core(i + 1, &inner) && inner.takes_article) {
        inner.b = i;
        *best = std::move(inner);
        return true;
      }
    }
    return found;
  }

  // Everything except modifiers (early/late/Anfang/Ende) around it. Each
  // rule is tried only where the first test it makes can pass, which spares
  // most tokens the rules' set-up.
  bool Core(size_t i, Match* best) {
    bool found = false;
    auto consider = [&](bool ok, Match& m) {
      if (ok && m.e > i && (!found || m.e > best->e)) {
        *best = std::move(m);
        found = true;
      }
    };
#define PG_TRY(rule)          \
  do {                        \
    Match m;                  \
    m.b = i;                  \
    consider(rule(i, &m), m); \
  } while (0)
    if (i >= n()) return false;
    const Token& tok = t_[i];
    if (tok.kind == Token::kNumber) {
      const bool small = tok.digits <= 2;  // a day, an hour, a century
      if (i + 1 < n() && t_[i + 1].kind == Token::kPunct && t_[i + 1].glued)
        PG_TRY(NumericDate);            // 2018-11-07
      if (Word(i + 1)) PG_TRY(BcYear);  // "490 v. Chr.", "44 BC"
      if (small) PG_TRY(DayMonth);
      if (tok.digits == 4) PG_TRY(YearRule);
      if (small) PG_TRY(Century);
      // A count needs its unit next: "300 jobs" is none, "30-year" and "two weeks" are.
      if (tok.digits <= 4 && tok.num < 1000 && (UnitAt(i + 1) != Unit::kNone || HyphenGlued(i + 1)))
        PG_TRY(Counted);
      if (small && tok.num <= 24) PG_TRY(ClockTime);
    } else if (tok.kind == Token::kWord) {
      // Each rule only at the words it tests for (RuleBits, lexicon.cc).
      const uint16_t r = tok.rules;
      const WordInfo* info = tok.info;
      // German compounds: "Dienstagabend".
      if (tok.cap && ((info && info->weekday) || De())) PG_TRY(Weekday);
      if (info) {
        if (info->month && tok.cap) PG_TRY(MonthFirst);
        if (info->season != Season::kNone) PG_TRY(SeasonRule);
        if (info->ordinal >= 1) PG_TRY(OrdinalPeriod);
      }
      if (r & kRuleCounted) PG_TRY(Counted);
      if (r & kRuleDeictic) PG_TRY(Deictic);
      if (r & kRuleRelativeUnit) PG_TRY(RelativeUnit);
      if (r & kRuleSet) PG_TRY(SetRule);
      if (r & kRuleQuarter) PG_TRY(Quarter);
      if (r & kRuleDayAfter) PG_TRY(TheDayAfter);
      if (r & kRuleSameOrAdjacent) PG_TRY(SameOrAdjacent);
      if (info && info->unit != Unit::kNone) PG_TRY(BareUnit);
      if (info && info->part_of_day != PartOfDay::kNone) PG_TRY(PartOfDayOf);
      if (r & kRuleYearWord) {
        PG_TRY(YearRule);
        PG_TRY(BcYear);
      }
    } else if (Punct(i, '\'')) {
      PG_TRY(YearRule);
    }
#undef PG_TRY
    return found;
  }

  // 2018-11-07, 07.11.2018, 11/07/2018, 2024/25, 2024-05.
  bool NumericDate(size_t i, Match* m) {
    const Token& a = t_[i];
    auto glued3 = [&](char sep) {
      return Punct(i + 1, sep) && Glued(i + 1) && NumTok(i + 2) && Glued(i + 2);
    };
    auto glued5 = [&](char sep) {
      return glued3(sep) && Punct(i + 3, sep) && Glued(i + 3) && NumTok(i + 4) && Glued(i + 4);
    };
    auto valid = [](int y, int mo, int d) {
      return mo >= 1 && mo <= 12 && d >= 1 && y > 0 && d <= DaysInMonth(y, mo);
    };
    auto two_digit_year = [&](int yy) {
      int ref = Anchor().y ? Anchor().y : 2030;
      int y = 2000 + yy;
      return y > ref + 10 ? 1900 + yy : y;
    };
    if (a.digits == 4 && glued5('-')) {
      int y = static_cast<int>(a.num), mo = static_cast<int>(t_[i + 2].num),
          d = static_cast<int>(t_[i + 4].num);
      if (!valid(y, mo, d)) return false;
      m->e = i + 5;
      SetDay(m, Date{y, mo, d});
      m->takes_article = false;
      return true;
    }
    if (a.digits <= 2 && (glued5('.') || glued5('/'))) {
      const char sep = Punct(i + 1, '.') ? '.' : '/';
      const Token& c = t_[i + 4];
      if (c.digits != 2 && c.digits != 4) return false;
      if (Punct(i + 5, sep) && Glued(i + 5) && NumTok(i + 6)) return false;  // version numbers, IPs
      int y = c.digits == 4 ? static_cast<int>(c.num) : two_digit_year(static_cast<int>(c.num));
      int first = static_cast<int>(a.num), second = static_cast<int>(t_[i + 2].num);
      bool month_first = sep == '/' && !(langs_ == kDe);
      int mo = month_first ? first : second, d = month_first ? second : first;
      if (!valid(y, mo, d)) return false;
      m->e = i + 5;
      SetDay(m, Date{y, mo, d});
      m->takes_article = false;
      return true;
    }
    if (a.digits == 4 && a.num >= 1900 && a.num <= 2199 && glued3('/') && t_[i + 2].digits == 2 &&
        !(Punct(i + 3, '/') && Glued(i + 3))) {
      int next = static_cast<int>((a.num + 1) % 100);
      if (t_[i + 2].num != next) return false;  // "2024/25" only: a fiscal or season year
      m->e = i + 3;
      SetYear(m, static_cast<int>(a.num));
      m->takes_article = false;
      return true;
    }
    if (a.digits == 4 && a.num >= 1900 && a.num <= 2199 && glued3('-') && t_[i + 2].digits == 2 &&
        !(Punct(i + 3, '-') && Glued(i + 3))) {
      int mo = static_cast<int>(t_[i + 2].num);
      if (mo < 1 || mo > 12) return false;
      m->e = i + 3;
      SetMonth(m, static_cast<int>(a.num), mo);
      m->takes_article = false;
      return true;
    }
    return false;
  }

  // After a month (and day): an optional ", 2018" / "2018".
  bool TrailingYear(size_t j, int* year, size_t* end) const {
    size_t k = j;
    if (Punct(k, ',')) ++k;
    if (YearAt(k, year)) {
      *end = k + 1;
      return true;
    }
    return false;
  }

  // A month word at i, with its abbreviation dot; sets *after.
  bool MonthWord(size_t i, int* month, size_t* after, bool* abbrev) const {
    const WordInfo* w = Info(i);
    if (!w || !w->month) return false;
    *month = w->month;
    *abbrev = w->month_abbrev;
    *after = i + 1;
    if (w->month_abbrev && Punct(i + 1, '.') && Glued(i + 1)) *after = i + 2;
    return true;
  }

  // English month-first dates ("Nov. 7, 2018", "May 14", "September 2014")
  // and a month on its own ("im Februar", "in March").
  bool MonthFirst(size_t i, Match* m) {
    int month = 0;
    size_t j = 0;
    bool abbrev = false;
    if (!MonthWord(i, &month, &j, &abbrev)) return false;
    if (!t_[i].cap) return false;
    m->takes_article = false;
    int day = 0, year = 0;
    size_t k = 0, end = 0;
    if (En() && DayAt(j, &day, &k, false) && !(Punct(k, '.') && Glued(k) && NumTok(k + 1))) {
      if (TrailingYear(k, &year, &end)) {
        if (day > DaysInMonth(year, month)) return false;
        m->e = end;
        SetDay(m, Date{year, month, day});
        return true;
      }
      if (NumTok(k) && Glued(k)) return false;
      m->e = k;
      m->relative = true;
      SetDay(m, Date{YearFor(month, day, i), month, day});
      return true;
    }
    size_t y0 = j;
    if (Is(y0, "of") || Punct(y0, ',')) ++y0;
    if (YearAt(y0, &year)) {
      m->e = y0 + 1;
      SetMonth(m, year, month);
      return true;
    }
    if (abbrev) return false;
    if (!MonthAloneOk(i, month)) return false;
    m->e = j;
    m->relative = true;
    SetMonth(m, YearFor(month, 0, i), month);
    return true;
  }

  bool MonthAloneOk(size_t i, int month) const {
    static constexpr std::string_view kEnPreps[] = {
        "in",   "since", "until",  "till",  "by",   "of",      "during",    "through",
        "from", "to",    "before", "after", "last", "next",    "this",      "early",
        "late", "mid",   "end",    "and",   "or",   "between", "throughout"};
    if (langs_ == kEn || (En() && !De())) {
      bool ambiguous = t_[i].low == "may" || t_[i].low == "march";
      if (!ambiguous) return true;
      if (i == 0) return false;
      for (std::string_view p : kEnPreps)
        if (t_[i - 1].low == p) return true;
      return i >= 2 && Punct(i - 1, '-') && Is(i - 2, "mid");  // "mid-May"
    }
    (void)month;
    return true;  // German nouns are capitalised; month names are unambiguous
  }

  // The first day of a pair: "27./28. September", "15. und 21. Mai",
  // "vom 6. bis 15. September" - month and year come from the second.
  bool BareDayBeforeDate(size_t i, int day, size_t j, Match* m) {
    if (!(De() && Punct(i + 1, '.'))) return false;
    size_t k = j;
    if (Punct(k, '/') || Punct(k, '-') || (k < n() && t_[k].low == "\xe2\x80\x93"))
      ++k;
    else if (IsAny(k, {"und", "bis", "oder"})) {
      ++k;
      if (IsAny(k, {"zum", "dem"})) ++k;
    } else if (Is(k, "zum"))
      ++k;
    else if (Is(k, "auf"))
      k += Is(k + 1, "den") ? 2 : 1;  // "Nacht vom 16. auf den 17. April"
    else
      return false;
    if (k == j || !NumTok(k)) return false;
    Match second;
    second.b = k;
    if (!DayMonth(k, &second) || !second.date.HasDay() || second.value.size() != 10) return false;
    if (day > DaysInMonth(second.date.y, second.date.m)) return false;
    m->e = i + 2;
    m->takes_article = false;
    m->relative = second.relative;
    SetDay(m, Date{second.date.y, second.date.m, day});
    return true;
  }

  // Day-first dates: "7 November 2018", "14. Mai 2024", "am 14. Mai".
  bool DayMonth(size_t i, Match* m) {
    int day = 0;
    size_t j = 0;
    if (!DayAt(i, &day, &j, De() && !En())) {
      if (!DayAt(i, &day, &j, false)) return false;
    }
    if (Punct(j, '.') && Glued(j)) ++j;  // "14." in mixed-language mode
    if (Is(j, "of")) ++j;
    int month = 0;
    size_t k = 0;
    bool abbrev = false;
    if (!MonthWord(j, &month, &k, &abbrev)) return BareDayBeforeDate(i, day, j, m);
    if (!t_[j].cap && !(abbrev && Glued(k - 1))) return false;
    m->takes_article = false;
    int year = 0;
    size_t end = 0;
    if (TrailingYear(k, &year, &end)) {
      if (day > DaysInMonth(year, month)) return false;
      m->e = end;
      SetDay(m, Date{year, month, day});
      return true;
    }
    m->e = k;
    m->relative = true;
    SetDay(m, Date{YearFor(month, day, i), month, day});
    return true;
  }

  // Weekday name, optionally "last/next/this" before and a part of day after;
  // German compounds such as "Dienstagabend".
  bool Weekday(size_t i, Match* m) {
    int wd = WeekdayAt(i);
    PartOfDay part = PartOfDay::kNone;
    if (!wd && De()) wd = CompoundWeekday(i, &part);
    if (!wd || !t_[i].cap) return false;
    if (t_[i].low.size() <= 4 && !(Punct(i + 1, '.') && Glued(i + 1))) return false;  // "Sun", "Wed"
    m->takes_article = false;
    size_t e = i + 1;
    if (t_[i].low.size() <= 4) e = i + 2;
    // A date after the weekday makes one expression: "Friday, March 22".
    size_t j = Punct(e, ',') ? e + 1 : e;
    Match date;
    date.b = j;
    if (j < n() && (MonthFirst(j, &date) || DayMonth(j, &date)) && date.value.size() >= 10) {
      *m = std::move(date);
      m->b = i;
      return true;
    }
    if (part == PartOfDay::kNone && Info(e) && Info(e)->part_of_day != PartOfDay::kNone && !Is(e, "früh")) {
      part = Info(e)->part_of_day;
      ++e;
    }
    m->e = e;
    m->relative = true;
    // A word before the weekday sets the direction; else the sentence's
    // tense does, which is read only when there is a day to count from.
    Tense tense = Tense::kUnknown;
    if (i > 0 && IsAny(i - 1, {"last", "past", "previous"})) {
      m->b = i - 1;
      tense = Tense::kPast;
    }
    if (i > 0 && IsAny(i - 1, {"next", "coming"})) {
      m->b = i - 1;
      tense = Tense::kFuture;
    }
    if (i > 0 && De() &&
        (StartsWith(i - 1, "vergangen") || StartsWith(i - 1, "letzt") || StartsWith(i - 1, "vorig"))) {
      m->b = i - 1;
      tense = Tense::kPast;
    }
    if (i > 0 && De() && (StartsWith(i - 1, "kommend") || StartsWith(i - 1, "nächst"))) {
      m->b = i - 1;
      tense = Tense::kFuture;
    }
    const Date& base = Base();
    if (!base.HasDay()) {
      m->value = "XXXX-WXX-" + Num(wd);
    } else {
      if (tense == Tense::kUnknown) tense = TenseAt(i);  // no word before the weekday told
      int cur = IsoWeekday(base);
      long back = (cur - wd + 7) % 7, ahead = (wd - cur + 7) % 7;
      long delta = tense == Tense::kFuture ? ahead : -back;
      SetDay(m, AddDays(base, delta));
    }
    if (part != PartOfDay::kNone) {
      m->value += PartCode(part);
      m->type = "TIME";
    }
    return true;
  }

  int CompoundWeekday(size_t i, PartOfDay* part) const {
    static constexpr std::string_view kDays[] = {"montag",  "dienstag", "mittwoch", "donnerstag",
                                                 "freitag", "samstag",  "sonntag"};
    static constexpr std::pair<std::string_view, PartOfDay> kParts[] = {
        {"morgen", PartOfDay::kMorning},   {"vormittag", PartOfDay::kMorning},
        {"mittag", PartOfDay::kAfternoon}, {"nachmittag", PartOfDay::kAfternoon},
        {"abend", PartOfDay::kEvening},    {"nacht", PartOfDay::kNight}};
    if (!Word(i)) return 0;
    std::string_view w = t_[i].low;
    for (int d = 0; d < 7; ++d) {
      if (w.substr(0, kDays[d].size()) != kDays[d]) continue;
      std::string_view rest = w.substr(kDays[d].size());
      for (const auto& [suffix, p] : kParts) {
        if (rest == suffix) {
          *part = p;
          return d + 1;
        }
      }
    }
    return 0;
  }

  // A bare year "2016", "Jahr 2023", "fiscal 1989"; decades "1990s",
  // "1990er Jahre", "the '90s".
  bool YearRule(size_t i, Match* m) {
    size_t b = i, y = i;
    if (En() && Is(i, "fiscal")) y = i + 1;
    if (De() && IsAny(i, {"jahr", "jahre", "jahres", "jahrs"})) y = i + 1;
    if (Punct(i, '\'') && NumTok(i + 1) && Glued(i + 1) && t_[i + 1].digits == 2 && Word(i + 2) &&
        Is(i + 2, "s") && Glued(i + 2)) {
      int decade = static_cast<int>(t_[i + 1].num);
      if (decade % 10) return false;
      m->e = i + 3;
      m->value = Num((decade >= 30 ? 190 : 200) + decade / 10);
      return true;
    }
    int year = 0;
    if (!YearAt(y, &year)) return false;
    m->b = b;
    // Decades.
    if (year % 10 == 0) {
      size_t k = y + 1;
      if (Punct(k, '\'') && Glued(k)) ++k;
      if (Is(k, "s") && Glued(k)) {
        m->e = k + 1;
        m->value = Num(year / 10);
        return true;
      }
      if (De() && Is(k, "er") && Glued(k)) {
        ++k;
        if (Punct(k, '-') && Glued(k)) ++k;
        if (IsAny(k, {"jahre", "jahren", "jahrzehnt", "jahrzehnts"})) ++k;
        m->e = k;
        m->value = Num(year / 10);
        return true;
      }
    }
    if (y == i && !YearContextOk(i, year)) return false;
    m->e = y + 1;
    m->takes_article = false;
    SetYear(m, year);
    return true;
  }

  bool YearContextOk(size_t i, int year) const {
    if (i > 0 && (Punct(i - 1, '$') || t_[i - 1].low == "\xe2\x82\xac" || t_[i - 1].low == "#")) return false;
    // "3/2024" is a number; "1940/1941" two years.
    if (i > 0 && Punct(i - 1, '/') && !(i >= 2 && NumTok(i - 2) && t_[i - 2].digits == 4)) return false;
    // "555-2024" is a number; "2009-2010" and "mid-2024" are years.
    if (i >= 2 && Punct(i - 1, '-') && NumTok(i - 2) && t_[i - 2].digits != 4) return false;
    if (Punct(i + 1, '%') ||
        IsAny(i + 1, {"percent",  "prozent", "million", "millionen", "billion",     "milliarden",
                      "euro",     "dollar",  "dollars", "km",        "m",           "kg",
                      "meter",    "metres",  "meters",  "people",    "menschen",    "mal",
                      "times",    "units",   "shares",  "employees", "mitarbeiter", "soldiers",
                      "soldaten", "mann",    "men",     "cars",      "pages"}))
      return false;
    // "by 1200 GMT", "um 1530 Uhr": a clock time, not a year.
    if (IsAny(i + 1, {"gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "et", "mez", "mesz",
                      "uhr", "hours", "hrs", "h"}))
      return false;
    if (year >= 1900 && year <= 2100) return true;
    if (De() && !(Word(i + 1) && t_[i + 1].cap && !Info(i + 1))) {
      // German: "1861 war ...", "Kriegsjahr 1915"; a capitalised noun after
      // the number makes it a count ("1500 Panzern").
      if (i == 0 || !IsAny(i - 1, {"rund", "etwa", "über", "ca", "insgesamt", "nur", "mehr", "knapp", "fast",
                                   "von", "nr", "auf"}))
        return true;
    }
    static constexpr std::string_view kCue[] = {
        "in",    "since", "of",    "until",  "by",    "year", "during", "from", "before",
        "after", "im",    "seit",  "von",    "bis",   "um",   "ab",     "anno", "vor",
        "nach",  "jahr",  "jahre", "jahres", "circa", "ca",   "and",    "und",  "to"};
    if (i == 0) return false;
    for (std::string_view c : kCue)
      if (t_[i - 1].low == c) return true;
    return false;
  }

  // "the 20th century", "20. Jahrhundert(s)".
  bool Century(size_t i, Match* m) {
    int nth = 0;
    size_t j = 0;
    if (!NumTok(i) || t_[i].digits > 2 || t_[i].num < 1) return false;
    nth = static_cast<int>(t_[i].num);
    if (Word(i + 1) && Glued(i + 1) && IsAny(i + 1, {"st", "nd", "rd", "th"}))
      j = i + 2;
    else if (Punct(i + 1, '.') && Glued(i + 1))
      j = i + 2;
    else
      return false;
    if (UnitAt(j) != Unit::kCentury) return false;
    m->e = j + 1;
    char buf[16];
    if (size_t bc = BcSuffix(j + 1)) {
      m->e = bc;
      std::snprintf(buf, sizeof buf, "BC%02d", (nth - 1) % 100);
    } else {
      std::snprintf(buf, sizeof buf, "%02d", (nth - 1) % 100);
    }
    m->value = buf;
    return true;
  }

  // Ordinal word + period: "third quarter", "first half", "dritten Quartal",
  // "third-quarter", "19th century" in words.
  bool OrdinalPeriod(size_t i, Match* m) {
    const WordInfo* w = Info(i);
    if (!w || w->ordinal < 1) return false;
    size_t j = i + 1;
    if (HyphenGlued(j)) ++j;
    if (Is(j, "fiscal")) ++j;
    Unit u = UnitAt(j);
    bool half = Is(j, "half") || u == Unit::kHalfYear;
    if (u == Unit::kCentury) {
      m->e = j + 1;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%02d", w->ordinal - 1);
      m->value = buf;
      return true;
    }
    if (u != Unit::kQuarter && !half) return false;
    const int count = half ? 2 : 4;
    if (w->ordinal > count) return false;
    size_t e = j + 1;
    int year = 0;
    size_t k = e;
    if (Is(k, "of") || Punct(k, ',')) ++k;
    if (De() && IsAny(k, {"des", "dieses"}) && UnitAt(k + 1) == Unit::kYear) {
      k += 2;
      e = k;
    } else if (YearAt(k, &year))
      e = k + 1;
    else if (Is(k, "this") && Is(k + 1, "year"))
      e = k + 2;
    else if (Is(k, "the") && Is(k + 1, "year"))
      e = k + 2;
    m->e = e;
    const Date& base = Base();
    if (!year) {
      m->relative = true;
      year = base.y;
      if (year && base.m) {
        int cur = half ? (base.m - 1) / 6 + 1 : (base.m - 1) / 3 + 1;
        const Tense tense = TenseAt(i);
        // The latest such period that has begun: reports look back.
        if (w->ordinal > cur && !(tense == Tense::kFuture && w->ordinal == cur + 1)) --year;
      }
    }
    m->value = FormatYear(year) + (half ? "-H" : "-Q") + Num(w->ordinal);
    if (!m->relative) m->date = Date{year, 0, 0};
    return true;
  }

  // "Q3 2024", "Q3".
  // "Q3 2024", "Q3", "H1 2024", "FY2024", "FY24".
  bool Quarter(size_t i, Match* m) {
    const bool quarter = Is(i, "q"), half = Is(i, "h");
    if (Is(i, "fy") && NumTok(i + 1) && Glued(i + 1) && (t_[i + 1].digits == 2 || t_[i + 1].digits == 4)) {
      if (Word(i + 2) && Glued(i + 2)) return false;
      int y = static_cast<int>(t_[i + 1].num);
      if (t_[i + 1].digits == 2) y += 2000;
      if (y < 1900 || y > 2199) return false;
      m->e = i + 2;
      m->takes_article = false;
      SetYear(m, y);
      return true;
    }
    if (!(quarter || half) || !t_[i].cap || !NumTok(i + 1) || !Glued(i + 1) || t_[i + 1].digits != 1 ||
        t_[i + 1].num < 1 || t_[i + 1].num > (quarter ? 4 : 2))
      return false;
    if (Word(i + 2) && Glued(i + 2)) return false;
    int q = static_cast<int>(t_[i + 1].num), year = 0;
    size_t k = i + 2;
    if (Punct(k, '/') || Punct(k, '\'')) ++k;
    if (YearAt(k, &year))
      m->e = k + 1;
    else if (half)
      return false;  // a bare "H1" is too often something else
    else
      m->e = i + 2;
    if (!year) {
      year = Base().y;
      m->relative = true;
    }
    m->value = FormatYear(year) + (quarter ? "-Q" : "-H") + Num(q);
    if (!m->relative) m->date = Date{year, 0, 0};
    m->takes_article = false;
    return true;
  }

  // Seasons: "summer 2024", "this summer", "im Frühjahr".
  bool SeasonRule(size_t i, Match* m) {
    const WordInfo* w = Info(i);
    if (!w || w->season == Season::kNone) return false;
    int year = 0;
    size_t k = i + 1;
    if (Is(k, "of")) ++k;
    if (YearAt(k, &year)) {
      m->e = k + 1;
    } else {
      m->e = i + 1;
      if (i == 0) return false;
      // Needs a determiner or preposition before it: "the summer", "im Sommer".
      if (!IsAny(i - 1, {"the", "this", "last", "next", "in", "im", "diesen", "dieses", "this", "late",
                         "early", "mid", "since", "seit", "until", "bis", "den", "dem", "des"}))
        return false;
      m->relative = true;
      year = Base().y;
      Season s = w->season;
      const Date& base = Base();
      if (base.m && !narrative_) {
        int sm = s == Season::kSpring ? 4 : s == Season::kSummer ? 7 : s == Season::kFall ? 10 : 1;
        Tense tense = Is(i - 1, "last") ? Tense::kPast : Is(i - 1, "next") ? Tense::kFuture : TenseAt(i);
        if (IsAny(i - 1, {"last", "next", "this"})) m->b = i - 1;
        if (tense == Tense::kPast && sm > base.m) --year;
        if (tense == Tense::kFuture && sm < base.m) ++year;
      }
    }
    m->value = FormatYear(year) + "-" + SeasonCode(w->season);
    if (!m->relative) m->date = Date{year, 0, 0};
    return true;
  }

  // Fixed words: today, yesterday, now, recently, heute, gestern, derzeit...
  bool Deictic(size_t i, Match* m) {
    const std::string_view w = t_[i].low;
    m->e = i + 1;
    m->takes_article = false;
    auto day = [&](long k) {
      m->relative = true;
      if (!Base().HasDay() && !Anchor().HasDay()) {
        m->value = "XXXX-XX-XX";
        return true;
      }
      SetDay(m, AddDays(Anchor().HasDay() ? Anchor() : Base(), k));
      return true;
    };
    auto ref = [&](const char* v) {
      m->value = v;
      m->relative = true;
      return true;
    };
    if (En()) {
      if (w == "today" && narrative_) return ref("PRESENT_REF");  // "today" in a history: nowadays
      if (w == "today") return day(0) && PartAfter(m);
      if (w == "yesterday") return day(-1) && PartAfter(m);
      if (w == "tomorrow") return day(1) && PartAfter(m);
      if (w == "tonight") {
        day(0);
        m->value += "TNI";
        m->type = "TIME";
        return true;
      }
      if (w == "now" || w == "currently" || w == "presently" || w == "nowadays") return ref("PRESENT_REF");
      if (w == "at" && IsAny(i + 1, {"present"})) {
        m->e = i + 2;
        return ref("PRESENT_REF");
      }
      if (w == "recently" || w == "lately") return ref("PAST_REF");
      if (w == "recent" && UnitAt(i + 1) != Unit::kNone && t_[i + 1].info->unit_plural) {
        m->e = i + 2;  // "recent months": an unknown stretch up to now
        m->type = "DURATION";
        m->value = DurationValue(-1, UnitAt(i + 1));
        return true;
      }
      if ((w == "past" || w == "future") && i > 0 && Is(i - 1, "the") &&
          !(Word(i + 1) && (UnitAt(i + 1) != Unit::kNone || Info(i + 1)))) {
        m->b = i - 1;
        return ref(w == "past" ? "PAST_REF" : "FUTURE_REF");
      }
      if (w == "this" && Info(i + 1) && Info(i + 1)->part_of_day != PartOfDay::kNone) {
        day(0);
        m->e = i + 2;
        m->value += PartCode(Info(i + 1)->part_of_day);
        m->type = "TIME";
        return true;
      }
    }
    if (De()) {
      if (w == "heute" && narrative_) return ref("PRESENT_REF");
      if (w == "heute") return day(0) && PartAfter(m);
      if (w == "gestern") return day(-1) && PartAfter(m);
      if (w == "vorgestern") return day(-2);
      if (w == "übermorgen") return day(2);
      if (w == "morgen" && !t_[i].cap &&
          !(i > 0 && IsAny(i - 1, {"am", "den", "jeden", "diesen", "heute", "gestern", "guten", "am"})))
        return day(1);
      if (w == "jetzt" || w == "derzeit" || w == "zurzeit" || w == "gegenwärtig" || w == "momentan" ||
          w == "heutzutage" || (w == "aktuell" && !(Word(i + 1) && t_[i + 1].cap)))
        return ref("PRESENT_REF");
      if (w == "zur" && Is(i + 1, "zeit")) {
        m->e = i + 2;
        return ref("PRESENT_REF");
      }
      if (w == "kürzlich" || w == "jüngst" || w == "neulich" || w == "unlängst") return ref("PAST_REF");
      if (w == "vor" && IsAny(i + 1, {"kurzem"})) {
        m->e = i + 2;
        return ref("PAST_REF");
      }
      if (w == "bald" || w == "demnächst" || w == "künftig" || w == "zukünftig") return ref("FUTURE_REF");
      // "wenig später", "kurz danach", "kurze Zeit später": after the story's last point.
      if ((w == "wenig" || w == "kurz") && IsAny(i + 1, {"später", "danach", "darauf"})) {
        m->e = i + 2;
        return ref("FUTURE_REF");
      }
      if (w == "kurze" && Is(i + 1, "zeit") && IsAny(i + 2, {"später", "danach", "darauf"})) {
        m->e = i + 3;
        return ref("FUTURE_REF");
      }
      if (w == "in" && Is(i + 1, "zukunft")) {
        m->b = i + 1;
        m->e = i + 2;
        return ref("FUTURE_REF");
      }
    }
    return false;
  }

  // "yesterday morning", "heute Abend": the part of day joins, type TIME.
  bool PartAfter(Match* m) {
    size_t k = m->e;
    const WordInfo* w = Info(k);
    if (!w || w->part_of_day == PartOfDay::kNone || m->value.size() != 10) return true;
    if (Is(k, "früh") || (De() && Is(k, "morgen") && !t_[k].cap)) {
      if (!Is(k, "früh")) return true;
    }
    m->e = k + 1;
    m->value += PartCode(w->part_of_day);
    m->type = "TIME";
    return true;
  }

  // Determiner + unit: "last year", "this week", "next month", "letzten
  // Monat", "im vergangenen Jahr", "nächstes Jahr", "the past year".
  bool RelativeUnit(size_t i, Match* m) {
    const std::string_view w = t_[i].low;
    int shift = 0;
    bool ok = false, past_duration = false;
    if (En()) {
      if (w == "this" || w == "current") {
        shift = 0;
        ok = true;
      } else if (w == "last" || w == "previous" || w == "prior") {
        shift = -1;
        ok = true;
      } else if (w == "next" || w == "coming") {
        shift = 1;
        ok = true;
      } else if (w == "past") {
        shift = -1;
        ok = true;
        past_duration = true;
      }
    }
    if (De() && !ok) {
      if (StartsWith(i, "dies") || StartsWith(i, "laufend")) {
        shift = 0;
        ok = true;
      } else if (StartsWith(i, "letzt") || StartsWith(i, "vorig") || StartsWith(i, "vergangen") ||
                 StartsWith(i, "vorjahr")) {
        shift = -1;
        ok = true;
      } else if (StartsWith(i, "nächst") || StartsWith(i, "kommend")) {
        shift = 1;
        ok = true;
      }
    }
    if (!ok) return false;
    size_t j = i + 1;
    Unit u = UnitAt(j);
    if (u == Unit::kNone) {
      // "last March", "next summer" are handled by their own rules; "last
      // two years" is a duration (Counted).
      int month = MonthAt(j);
      if (month && t_[j].cap && !Info(j)->month_abbrev) {
        m->e = j + 1;
        m->relative = true;
        const Date& base = Base();
        int year = base.y;
        if (year && base.m) {
          if (shift < 0 && month >= base.m) --year;
          if (shift > 0 && month <= base.m) ++year;
        }
        m->takes_article = false;
        SetMonth(m, year, month);
        return true;
      }
      return false;
    }
    if (Info(j)->unit_plural && u != Unit::kYear) return false;
    if (u == Unit::kYear && Info(j)->unit_plural) return false;
    if (De() && t_[j].low == "jahre" && !(i > 0 && IsAny(i - 1, {"im", "dem"}))) return false;
    if (IsClockUnit(u) || u == Unit::kDay) return false;
    m->e = j + 1;
    if (past_duration && u != Unit::kWeekend) {
      m->type = "DURATION";
      m->value = DurationValue(1, u);
      return true;
    }
    return Shifted(u, shift, Base(), m);
  }

  // Counted units: durations ("two weeks", "zwei Wochen", "30-year",
  // "the past five days") and shifted dates ("two years ago", "vor fünf
  // Monaten", "a year earlier", "zwei Tage später").
  bool Counted(size_t i, Match* m) {
    size_t j = i;
    bool vor = false, the_past = false;
    if (De() && Is(j, "vor")) {
      vor = true;
      ++j;
    }
    if (En() && IsAny(j, {"past", "last", "next", "first", "previous", "coming", "following"})) {
      the_past = true;
      ++j;
    }
    if (De() && !vor &&
        (StartsWith(j, "vergangen") || StartsWith(j, "letzt") || StartsWith(j, "nächst") ||
         StartsWith(j, "kommend") || StartsWith(j, "erst") || StartsWith(j, "folgend"))) {
      the_past = true;
      ++j;
    }
    long count = 0;
    bool vague = false;
    size_t k = j;
    if (En() && Is(k, "a") && Is(k + 1, "few")) {
      count = -1;
      vague = true;
      k += 2;
    } else if (CountAt(k, &count, &vague))
      ++k;
    else if (the_past) {
      count = -1;
      vague = true;
    }  // "the past years"? handled below
    else
      return false;
    bool hyphenated = false;
    if (HyphenGlued(k)) {
      ++k;
      hyphenated = true;
    }  // "30-year", "two-week"
    Unit u = UnitAt(k);
    if (u == Unit::kNone) return false;
    if (HyphenGlued(k + 1) && IsAny(k + 2, {"old", "olds"})) return false;  // ages: "6-year-old"
    const WordInfo* ui = Info(k);
    if (vague && k == j && !ui->unit_plural) return false;
    if (hyphenated && ui->unit_plural) return false;  // "three-quarters" is a fraction
    if (Is(j, "a") && k == j + 1 && (u == Unit::kSecond || u == Unit::kQuarter))
      return false;  // "a second", "a quarter"
    if (k == j && !the_past) return false;
    const bool article = Is(j, "a") || Is(j, "an") || (De() && Word(j) && Info(j) && Info(j)->number == 1);
    m->e = k + 1;
    m->takes_article = the_past;  // "the past two months", but "the two days" -> "two days"
    // Anchored shifts.
    const Date& base = Base();
    if (vor && !vague) {
      m->b = i;
      return ShiftOrRef(u, -count, Anchor().y ? Anchor() : base, m);
    }
    if (vor) return false;
    if (En() && Is(k + 1, "ago") && !the_past) {
      m->e = k + 2;
      if (vague) {
        m->value = "PAST_REF";
        m->relative = true;
        return true;
      }
      return ShiftOrRef(u, -count, Anchor().y ? Anchor() : base, m);
    }
    if (!the_past && vague && De() &&
        IsAny(k + 1, {"später", "danach", "darauf", "zuvor", "davor", "früher"})) {
      m->e = k + 2;  // "wenige Tage später": some time after the last point
      m->value = IsAny(k + 1, {"später", "danach", "darauf"}) ? "FUTURE_REF" : "PAST_REF";
      m->relative = true;
      return true;
    }
    if (!the_past && !vague &&
        (IsAny(k + 1, {"earlier", "later", "before", "after"}) ||
         (De() && IsAny(k + 1, {"später", "danach", "zuvor", "davor", "früher", "darauf"})))) {
      bool later = IsAny(k + 1, {"later", "after", "später", "danach", "darauf"});
      if (!IsAny(k + 1, {"before", "after"}) || Is(k + 2, ".") || Is(k + 2, ",")) {
        m->e = k + 2;
        const Date& rel = narrative_ ? Ref() : (u == Unit::kDay ? Ref() : Anchor());
        return ShiftOrRef(u, later ? count : -count, rel.y ? rel : Anchor(), m);
      }
    }
    if (article && (u == Unit::kYear || u == Unit::kMonth || u == Unit::kWeek || u == Unit::kDay) && i > 0 &&
        (NumTok(i - 1) || t_[i - 1].low == "times" || t_[i - 1].low == "twice" || t_[i - 1].low == "once" ||
         t_[i - 1].low == "mal")) {
      m->type = "SET";
      m->value = DurationValue(1, u);
      return true;
    }
    if (the_past && !ui->unit_plural && !(count > 0)) return false;
    m->type = "DURATION";
    if (u == Unit::kWeekend) return false;
    m->value = DurationValue(vague ? -1 : count, u);
    return true;
  }

  bool ShiftOrRef(Unit u, long k, const Date& base, Match* m) {
    if (IsClockUnit(u)) {
      m->type = "DURATION";  // "two hours ago": keep the length, the clock is rarely known
      m->value = DurationValue(k < 0 ? -k : k, u);
      return true;
    }
    if (u == Unit::kDecade || u == Unit::kCentury) {
      m->value = k < 0 ? "PAST_REF" : "FUTURE_REF";
      m->relative = true;
      return true;
    }
    return Shifted(u, k, base, m);
  }

  // "the following day", "the next day", "the day before", "am folgenden
  // Tag", "tags darauf", "am Vortag".
  bool TheDayAfter(size_t i, Match* m) {
    long shift = 0;
    size_t e = 0;
    if (En() && IsAny(i, {"following", "next"}) && Is(i + 1, "day") && i > 0 && Is(i - 1, "the")) {
      shift = 1;
      e = i + 2;
    } else if (En() && Is(i, "previous") && Is(i + 1, "day") && i > 0 && Is(i - 1, "the")) {
      shift = -1;
      e = i + 2;
    } else if (En() && Is(i, "day") && IsAny(i + 1, {"before", "after"}) && i > 0 && Is(i - 1, "the") &&
               !(Word(i + 2) && !IsAny(i + 2, {"yesterday", "today"}))) {
      shift = Is(i + 1, "after") ? 1 : -1;
      e = i + 2;
    } else if (De() && (StartsWith(i, "folgend") || StartsWith(i, "nächst")) && Is(i + 1, "tag")) {
      shift = 1;
      e = i + 2;
    } else if (De() && Is(i, "tags") && IsAny(i + 1, {"darauf", "danach"})) {
      shift = 1;
      e = i + 2;
    } else if (De() && Is(i, "tags") && IsAny(i + 1, {"zuvor", "davor"})) {
      shift = -1;
      e = i + 2;
    } else if (De() && IsAny(i, {"vortag", "vortags"})) {
      shift = -1;
      e = i + 1;
    } else
      return false;
    m->e = e;
    const Date& base = Ref().HasDay() ? Ref() : Anchor();
    m->relative = true;
    if (!base.HasDay()) {
      m->value = "XXXX-XX-XX";
      return true;
    }
    SetDay(m, AddDays(base, shift));
    return true;
  }

  // Sets: "every year", "each month", "annually", "jährlich", "jedes Jahr".
  bool SetRule(size_t i, Match* m) {
    const std::string_view w = t_[i].low;
    m->type = "SET";
    m->e = i + 1;
    if (En()) {
      if (w == "annually" || w == "yearly") {
        m->value = "P1Y";
        return true;
      }
      if (w == "daily") {
        m->value = "P1D";
        return true;
      }
      if (w == "weekly") {
        m->value = "P1W";
        return true;
      }
      if (w == "monthly") {
        m->value = "P1M";
        return true;
      }
      if ((w == "every" || w == "each" || w == "per") && UnitAt(i + 1) != Unit::kNone) {
        m->e = i + 2;
        m->value = DurationValue(1, UnitAt(i + 1));
        return true;
      }
    }
    if (De()) {
      if (w == "jährlich" || w == "alljährlich") {
        m->value = "P1Y";
        return true;
      }
      if (w == "täglich") {
        m->value = "P1D";
        return true;
      }
      if (w == "wöchentlich") {
        m->value = "P1W";
        return true;
      }
      if (w == "monatlich") {
        m->value = "P1M";
        return true;
      }
      if ((StartsWith(i, "jede") || w == "pro") && UnitAt(i + 1) != Unit::kNone) {
        m->e = i + 2;
        m->value = DurationValue(1, UnitAt(i + 1));
        return true;
      }
    }
    return false;
  }

  // Clock times: "10:35 a.m.", "3 p.m.", "4:45 Uhr", "4 Uhr 45".
  bool ClockTime(size_t i, Match* m) {
    if (t_[i].digits > 2 || t_[i].num > 24) return false;
    int hour = static_cast<int>(t_[i].num), minute = -1;
    size_t k = i + 1;
    if ((Punct(k, ':') || (De() && Punct(k, '.'))) && Glued(k) && NumTok(k + 1) && Glued(k + 1) &&
        t_[k + 1].digits == 2) {
      minute = static_cast<int>(t_[k + 1].num);
      if (minute > 59) return false;
      k += 2;
    }
    bool ok = false;
    // a.m. / p.m. / am / pm
    if (En()) {
      if (IsAny(k, {"am", "pm"})) {
        ok = true;
        if (Is(k, "pm") && hour < 12) hour += 12;
        if (Is(k, "am") && hour == 12) hour = 0;
        ++k;
      } else if (IsAny(k, {"a", "p"}) && Punct(k + 1, '.') && Glued(k + 1) && Is(k + 2, "m") &&
                 Glued(k + 2)) {
        if (Is(k, "p") && hour < 12) hour += 12;
        if (Is(k, "a") && hour == 12) hour = 0;
        k += 3;
        if (Punct(k, '.') && Glued(k)) ++k;
        ok = true;
      }
      if (ok && IsAny(k, {"est", "edt", "et", "gmt", "utc", "pst", "pdt", "cst", "cet"})) ++k;
    }
    if (!ok && De() && Is(k, "uhr")) {
      ++k;
      ok = true;
      if (minute < 0 && NumTok(k) && t_[k].digits == 2 && t_[k].num < 60) {
        minute = static_cast<int>(t_[k].num);
        ++k;
      }
    }
    if (!ok && minute >= 0 && En() && !Punct(k, ':') && hour <= 23 && i > 0 &&
        IsAny(i - 1, {"at", "by", "around", "until", "before", "after"}))
      ok = true;
    if (!ok || hour > 24) return false;
    m->e = k;
    m->type = "TIME";
    m->relative = true;
    m->takes_article = false;
    Date base = Ref().HasDay() ? Ref() : Anchor();
    // A day right after the clock time dates it: "5 p.m. EST Nov. 9",
    // "10 p.m. Wednesday".
    size_t d = Punct(k, ',') || Is(k, "on") ? k + 1 : k;
    Match day;
    day.b = d;
    if (d < n() && (Weekday(d, &day) || MonthFirst(d, &day) || DayMonth(d, &day)) && day.date.HasDay() &&
        day.value.size() == 10) {
      base = day.date;
      m->e = day.e;
    }
    char buf[32];
    if (minute >= 0)
      std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
    else
      std::snprintf(buf, sizeof buf, "T%02d:00", hour);
    m->value = (base.HasDay() ? FormatDay(base) : std::string("XXXX-XX-XX")) + buf;
    return true;
  }

  // Bare plural units after a preposition: "for years", "within weeks",
  // "seit Jahren"; and "the weekend" resolved by tense.
  bool BareUnit(size_t i, Match* m) {
    Unit u = UnitAt(i);
    if (u == Unit::kNone || i == 0) return false;
    const WordInfo* w = Info(i);
    if (u == Unit::kWeekend && !w->unit_plural && Is(i - 1, "the") && En()) {
      m->b = i - 1;
      m->e = i + 1;
      m->relative = true;
      if (!Anchor().HasDay()) {
        m->value = "XXXX-WXX-WE";
        return true;
      }
      const int wd = IsoWeekday(Anchor());
      long shift = 0;  // this week's weekend
      const Tense tense = TenseAt(i);
      if (tense == Tense::kPast && wd < 6) shift = -7;
      if (tense == Tense::kFuture && wd >= 6) shift = 7;
      m->value = FormatWeek(AddDays(Anchor(), shift)) + "-WE";
      return true;
    }
    if (!w->unit_plural || IsClockUnit(u) || u == Unit::kWeekend) return false;
    if (!(En() && IsAny(i - 1, {"for", "within", "over", "in", "after", "take", "takes", "took"})) &&
        !(De() && IsAny(i - 1, {"seit", "binnen", "innerhalb", "nach", "über"})))
      return false;
    if (Word(i + 1) && IsAny(i + 1, {"of", "ago", "later", "earlier", "old"})) return false;
    m->e = i + 1;
    m->type = "DURATION";
    m->value = DurationValue(-1, u);
    return true;
  }

  // "v. Chr." after position k: returns the token after it, or 0.
  size_t BcSuffix(size_t k) const {
    if (De() && Is(k, "v") && Punct(k + 1, '.') && Glued(k + 1) && IsAny(k + 2, {"chr", "chr."})) {
      return Punct(k + 3, '.') && Glued(k + 3) ? k + 4 : k + 3;
    }
    if (En() && IsAny(k, {"bc", "bce"})) return k + 1;
    if (En() && Is(k, "b") && Punct(k + 1, '.') && Is(k + 2, "c") && Punct(k + 3, '.')) return k + 4;
    return 0;
  }

  // Years before Christ: "490 v. Chr.", "Jahr 492 v. Chr.", "44 BC".
  bool BcYear(size_t i, Match* m) {
    size_t y = i;
    if (De() && IsAny(i, {"jahr", "jahre", "jahres"})) ++y;
    if (!NumTok(y) || t_[y].digits > 4 || t_[y].num < 1) return false;
    size_t end = BcSuffix(y + 1);
    if (!end) return false;
    char buf[16];
    std::snprintf(buf, sizeof buf, "BC%04d", static_cast<int>(t_[y].num));
    m->value = buf;
    m->e = end;
    m->takes_article = false;
    return true;
  }

  // Anaphoric days, months and years: "am selben Tag", "im gleichen Jahr",
  // "the same day", "im Vorjahr", "im Folgejahr", "Vormonat".
  bool SameOrAdjacent(size_t i, Match* m) {
    const std::string_view w = t_[i].low;
    m->relative = true;
    m->takes_article = true;
    if (De()) {
      if (w == "vorjahr" || w == "vorjahres" || w == "folgejahr" || w == "folgejahres") {
        m->e = i + 1;
        return Shifted(Unit::kYear, w[0] == 'v' ? -1 : 1, Base(), m);
      }
      if (w == "vormonat" || w == "vormonats" || w == "folgemonat" || w == "folgemonats") {
        m->e = i + 1;
        return Shifted(Unit::kMonth, w[0] == 'v' ? -1 : 1, Base(), m);
      }
      if (w == "vorwoche" || w == "folgewoche") {
        m->e = i + 1;
        return Shifted(Unit::kWeek, w[0] == 'v' ? -1 : 1, Base(), m);
      }
      if (StartsWith(i, "neue") && IsAny(i + 1, {"jahr", "jahres", "jahrs"}) && i > 0 &&
          IsAny(i - 1, {"im", "des", "ins"})) {
        m->e = i + 2;  // "im neuen Jahr": the year after the one in view
        return Shifted(Unit::kYear, 1, narrative_ ? Ref() : Anchor(), m);
      }
      size_t j = i;
      if (IsAny(j, {"am", "im"})) ++j;
      if (IsAny(j, {"selben", "gleichen", "demselben", "desselben"})) {
        Unit u = UnitAt(j + 1);
        if (u != Unit::kDay && u != Unit::kMonth && u != Unit::kYear) return false;
        m->e = j + 2;
        return Shifted(u, 0, Ref(), m);
      }
    }
    if (En() && w == "same" && i > 0 && Is(i - 1, "the")) {
      Unit u = UnitAt(i + 1);
      if (u != Unit::kDay && u != Unit::kMonth && u != Unit::kYear) return false;
      m->b = i - 1;
      m->e = i + 2;
      return Shifted(u, 0, Ref(), m);
    }
    return false;
  }

  // "Morgen des 30. Juli", "Nacht vom 16. zum 17. Mai", "the night of May 3".
  bool PartOfDayOf(size_t i, Match* m) {
    const WordInfo* w = Info(i);
    if (!w || w->part_of_day == PartOfDay::kNone || (!t_[i].cap && De())) return false;
    size_t j = i + 1;
    if (!IsAny(j, {"des", "vom", "of"})) return false;
    ++j;
    Match day;
    day.b = j;
    if (!(DayMonth(j, &day) || MonthFirst(j, &day)) || !day.date.HasDay() || day.value.size() != 10)
      return false;
    *m = std::move(day);
    m->b = i;
    m->value += PartCode(w->part_of_day);
    m->type = "TIME";
    return true;
  }

  // Modifiers around a core expression: "early July", "late 2024",
  // "mid-2024", "the end of the year", "Anfang Juli", "Ende dieses Jahres",
  // "Mitte der 1990er Jahre", "earlier this year", "later this month".
  bool Modified(size_t i, Match* m) {
    const char* mod = nullptr;
    size_t j = i + 1;
    const std::string_view w = Word(i) ? t_[i].low : std::string_view();
    if (En()) {
      if (w == "early" || w == "beginning" || w == "start")
        mod = "START";
      else if (w == "late" || w == "end")
        mod = "END";
      else if (w == "mid" || w == "middle")
        mod = "MID";
      if (mod && (w == "beginning" || w == "start" || w == "end" || w == "middle")) {
        if (!Is(j, "of")) return false;
        ++j;
      }
      if (w == "mid" && HyphenGlued(j)) ++j;
    }
    if (De() && !mod) {
      if (w == "anfang" || w == "beginn" || w == "jahresanfang" || w == "jahresbeginn" || w == "monatsanfang")
        mod = "START";
      else if (w == "ende" || w == "jahresende" || w == "monatsende")
        mod = "END";
      else if (w == "mitte" || w == "jahresmitte" || w == "monatsmitte")
        mod = "MID";
      if (mod && (w.size() > 6 && (w.substr(0, 5) == "jahre" || w.substr(0, 5) == "monat"))) {
        m->e = i + 1;
        m->mod = mod;
        return Shifted(w[0] == 'j' ? Unit::kYear : Unit::kMonth, 0, Base(), m);
      }
      if (mod && Is(j, "der") && Is(j + 1, "woche")) {  // "Anfang der Woche"
        m->e = j + 2;
        m->mod = mod;
        return Shifted(Unit::kWeek, 0, Base(), m);
      }
      if (mod && IsAny(j, {"des", "der", "dieses", "diesen"})) {
        if (IsAny(j, {"des", "dieses"}) && IsAny(j + 1, {"jahres", "jahrs", "monats"})) {
          m->e = j + 2;
          m->mod = mod;
          int year = 0;
          if (Is(j + 1, "jahres") && YearAt(j + 2, &year)) {  // "Ende des Jahres 1914"
            m->e = j + 3;
            SetYear(m, year);
            return true;
          }
          return Shifted(Is(j + 1, "monats") ? Unit::kMonth : Unit::kYear, 0, Base(), m);
        }
        if (Is(j, "des") || Is(j, "der")) ++j;  // "Ende des nächsten Jahres", "Mitte der 1990er"
      }
      if (mod &&
          (StartsWith(j, "nächst") || StartsWith(j, "kommend") || StartsWith(j, "vergangen") ||
           StartsWith(j, "letzt") || StartsWith(j, "vorig")) &&
          IsAny(j + 1, {"jahres", "jahrs", "monats", "woche"})) {
        int shift = StartsWith(j, "nächst") || StartsWith(j, "kommend") ? 1 : -1;
        m->e = j + 2;
        m->mod = mod;
        return Shifted(Is(j + 1, "monats")  ? Unit::kMonth
                       : Is(j + 1, "woche") ? Unit::kWeek
                                            : Unit::kYear,
                       shift, Base(), m);
      }
    }
    if (!mod) return false;
    Match inner;
    size_t k = j;
    if (En() && Is(k, "the") && Is(k + 1, "year")) {
      inner.b = k;
      inner.e = k + 2;
      if (!Shifted(Unit::kYear, 0, Base(), &inner)) return false;
    } else if (En() && Is(k, "the") && Is(k + 1, "month")) {
      inner.b = k;
      inner.e = k + 2;
      if (!Shifted(Unit::kMonth, 0, Base(), &inner)) return false;
    } else {
      if (En() && Is(k, "the")) ++k;
      if (k >= n() || !MayStart(k) || !Core(k, &inner)) return false;
      if (inner.b != k) return false;
      if (inner.type != std::string("DATE")) return false;
      if (inner.value.size() > 7 || inner.value.find("REF") != std::string::npos)
        return false;  // days take no mod
    }
    *m = std::move(inner);
    m->b = i;
    if (En() && (w == "beginning" || w == "start" || w == "end" || w == "middle") && i > 0 &&
        Is(i - 1, "the"))
      m->b = i - 1;
    m->mod = mod;
    m->takes_article = false;
    return true;
  }

  std::string_view text_;
  bool narrative_ = false;
  uint8_t langs_ = kAnyLang;
  Date anchor_, ref_;
  mutable bool anchor_read_ = false;  // since Scan's last Best call
  const std::vector<Token>& t_;
};

uint8_t LangBits(const std::string& lang) { return lang == "en" ? kEn : lang == "de" ? kDe : kAnyLang; }

Date DateFromText(std::string_view s) {
  if (s.size() > 200) return Date();
  TokenStream tokens;  // not SharedTokens: this runs inside another tagger's constructor
  Tokenize(s, kAnyLang, &tokens.lower, &tokens.tokens);
  Tagger tagger(s, kAnyLang, TimexOptions(), tokens);
  for (const Timex& t : tagger.Run()) {
    Date d;
    if (t.value.size() == 10 && ParseIsoDate(t.value, &d) && d.HasDay()) return d;
  }
  return Date();
}

}  // namespace
}  // namespace timex

std::vector<Timex> FindTimexes(std::string_view text, const std::string& lang, const TimexOptions& options) {
  const uint8_t langs = timex::LangBits(lang);
  timex::TokenStream scratch;
  const timex::TokenStream& tokens = timex::SharedTokens(text, langs, &scratch);
  // The last scan without an anchor on this thread, by token stream:
  // InferAnchor's scan, which is the whole answer again when the text
  // establishes no anchor either; otherwise the scan with the inferred
  // anchor replays its log and calls Best again only where it read the
  // anchor (Tagger::Replay).
  struct Anchorless {
    uint64_t generation = 0;
    std::vector<Timex> found;
    std::vector<timex::Step> log;
  };
  thread_local Anchorless last;
  const bool shared = tokens.generation != 0 && !options.narrative;
  const bool anchorless = shared && options.anchor.empty();
  const bool logged = shared && last.generation == tokens.generation;
  if (anchorless && logged) return last.found;
  timex::Tagger tagger(text, langs, options, tokens);
  if (logged) return tagger.Replay(last.found, last.log);
  if (!anchorless) return tagger.Run();
  last.generation = 0;
  last.log.clear();
  last.found = tagger.Run(&last.log);
  last.generation = tokens.generation;
  return last.found;
}

std::vector<Timex> FindTimexes(std::string_view text, const std::string& lang, const std::string& anchor) {
  TimexOptions options;
  options.anchor = anchor;
  return FindTimexes(text, lang, options);
}

}  // namespace pactgraph
