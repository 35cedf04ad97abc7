#include "time/lexicon.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace pactgraph::timex {
namespace {

using WordMap = std::unordered_map<std::string, WordInfo>;



struct MonthRow { int month; const char* forms; };       // space-separated forms
struct NumberRow { int value; const char* forms; };
struct UnitRow { Unit unit; bool plural; const char* forms; };

// Forms ending in '.' in these tables are abbreviations: they are stored
// without the dot and flagged month_abbrev.
constexpr MonthRow kEnMonths[] = {
    {1, "january jan."}, {2, "february feb."}, {3, "march mar."}, {4, "april apr."},
    {5, "may"}, {6, "june jun."}, {7, "july jul."}, {8, "august aug."},
    {9, "september sep. sept."}, {10, "october oct."}, {11, "november nov."},
    {12, "december dec."}};
constexpr MonthRow kDeMonths[] = {
    {1, "januar jänner jan."}, {2, "februar feber feb."}, {3, "märz mär. mrz."},
    {4, "april apr."}, {5, "mai"}, {6, "juni jun."}, {7, "juli jul."},
    {8, "august aug."}, {9, "september sep. sept."}, {10, "oktober okt."},
    {11, "november nov."}, {12, "dezember dez."}};
// Genitive forms ("des Januars") are rare in news and left out on purpose.

constexpr MonthRow kEnWeekdays[] = {
    {1, "monday mon."}, {2, "tuesday tue. tues."}, {3, "wednesday wed."},
    {4, "thursday thu. thur. thurs."}, {5, "friday fri."}, {6, "saturday sat."},
    {7, "sunday sun."}};
constexpr MonthRow kDeWeekdays[] = {
    {1, "montag montags"}, {2, "dienstag dienstags"}, {3, "mittwoch mittwochs"},
    {4, "donnerstag donnerstags"}, {5, "freitag freitags"},
    {6, "samstag samstags sonnabend"}, {7, "sonntag sonntags"}};

constexpr NumberRow kEnNumbers[] = {
    {1, "one a an"}, {2, "two"}, {3, "three"}, {4, "four"}, {5, "five"}, {6, "six"},
    {7, "seven"}, {8, "eight"}, {9, "nine"}, {10, "ten"}, {11, "eleven"},
    {12, "twelve"}, {13, "thirteen"}, {14, "fourteen"}, {15, "fifteen"},
    {16, "sixteen"}, {17, "seventeen"}, {18, "eighteen"}, {19, "nineteen"},
    {20, "twenty"}, {30, "thirty"}, {40, "forty"}, {50, "fifty"}, {60, "sixty"},
    {70, "seventy"}, {80, "eighty"}, {90, "ninety"}, {100, "hundred"}};
constexpr NumberRow kDeNumbers[] = {
    {1, "ein eine einem einen einer eines"}, {2, "zwei zweier"}, {3, "drei dreier"},
    {4, "vier"}, {5, "fünf"}, {6, "sechs"}, {7, "sieben"}, {8, "acht"}, {9, "neun"},
    {10, "zehn"}, {11, "elf"}, {12, "zwölf"}, {13, "dreizehn"}, {14, "vierzehn"},
    {15, "fünfzehn"}, {16, "sechzehn"}, {17, "siebzehn"}, {18, "achtzehn"},
    {19, "neunzehn"}, {20, "zwanzig"}, {30, "dreißig"}, {40, "vierzig"},
    {50, "fünfzig"}, {60, "sechzig"}, {70, "siebzig"}, {80, "achtzig"},
    {90, "neunzig"}, {100, "hundert"}};
constexpr NumberRow kEnOrdinals[] = {
    {1, "first"}, {2, "second"}, {3, "third"}, {4, "fourth"}, {5, "fifth"},
    {6, "sixth"}, {7, "seventh"}, {8, "eighth"}, {9, "ninth"}, {10, "tenth"},
    {11, "eleventh"}, {12, "twelfth"}, {13, "thirteenth"}, {14, "fourteenth"},
    {15, "fifteenth"}, {16, "sixteenth"}, {17, "seventeenth"}, {18, "eighteenth"},
    {19, "nineteenth"}, {20, "twentieth"}, {21, "twenty-first"}};
constexpr NumberRow kDeOrdinals[] = {
    {1, "erste ersten erster erstes"}, {2, "zweite zweiten zweiter zweites"},
    {3, "dritte dritten dritter drittes"}, {4, "vierte vierten vierter viertes"},
    {5, "fünfte fünften"}, {6, "sechste sechsten"}, {7, "siebte siebten"},
    {8, "achte achten"}, {9, "neunte neunten"}, {10, "zehnte zehnten"},
    {11, "elfte elften"}, {12, "zwölfte zwölften"}, {19, "neunzehnten"},
    {20, "zwanzigsten"}, {21, "einundzwanzigsten"}};
constexpr const char* kEnVague = "several few many some numerous";
constexpr const char* kDeVague = "mehrere einige wenige wenigen vielen viele etlichen";

constexpr UnitRow kEnUnits[] = {
    {Unit::kSecond, false, "second sec"}, {Unit::kSecond, true, "seconds secs"},
    {Unit::kMinute, false, "minute min"}, {Unit::kMinute, true, "minutes mins"},
    {Unit::kHour, false, "hour hr"}, {Unit::kHour, true, "hours hrs"},
    {Unit::kDay, false, "day"}, {Unit::kDay, true, "days"},
    {Unit::kWeek, false, "week"}, {Unit::kWeek, true, "weeks"},
    {Unit::kWeekend, false, "weekend"}, {Unit::kWeekend, true, "weekends"},
    {Unit::kFortnight, false, "fortnight"},
    {Unit::kMonth, false, "month"}, {Unit::kMonth, true, "months"},
    {Unit::kQuarter, false, "quarter"}, {Unit::kQuarter, true, "quarters"},
    {Unit::kYear, false, "year"}, {Unit::kYear, true, "years"},
    {Unit::kDecade, false, "decade"}, {Unit::kDecade, true, "decades"},
    {Unit::kCentury, false, "century"}, {Unit::kCentury, true, "centuries"}};
constexpr UnitRow kDeUnits[] = {
    {Unit::kSecond, false, "sekunde"}, {Unit::kSecond, true, "sekunden"},
    {Unit::kMinute, false, "minute"}, {Unit::kMinute, true, "minuten"},
    {Unit::kHour, false, "stunde"}, {Unit::kHour, true, "stunden"},
    {Unit::kDay, false, "tag tages tags"}, {Unit::kDay, true, "tage tagen"},
    {Unit::kWeek, false, "woche"}, {Unit::kWeek, true, "wochen"},
    {Unit::kWeekend, false, "wochenende wochenendes"}, {Unit::kWeekend, true, "wochenenden"},
    {Unit::kMonth, false, "monat monats"}, {Unit::kMonth, true, "monate monaten"},
    {Unit::kQuarter, false, "quartal quartals quartalen"}, {Unit::kQuarter, true, "quartale"},
    {Unit::kHalfYear, false, "halbjahr halbjahres halbjahrs jahreshälfte"},
    {Unit::kHalfYear, true, "halbjahre halbjahren"},
    {Unit::kYear, false, "jahr jahres jahrs jahre"}, {Unit::kYear, true, "jahren"},
    {Unit::kDecade, false, "jahrzehnt jahrzehnts jahrzehntes"},
    {Unit::kDecade, true, "jahrzehnte jahrzehnten"},
    {Unit::kCentury, false, "jahrhundert jahrhunderts"},
    {Unit::kCentury, true, "jahrhunderte jahrhunderten"}};
// "jahre" is both singular dative (im Jahre 2023) and plural (zwei Jahre);
// the duration rule accepts singular and plural alike, so one entry serves.

struct SeasonRow { Season season; const char* forms; };
constexpr SeasonRow kEnSeasons[] = {{Season::kSpring, "spring"}, {Season::kSummer, "summer"},
                                    {Season::kFall, "fall autumn"}, {Season::kWinter, "winter"}};
constexpr SeasonRow kDeSeasons[] = {
    {Season::kSpring, "frühjahr frühjahrs frühling frühlings"},
    {Season::kSummer, "sommer sommers"}, {Season::kFall, "herbst herbstes herbsts"},
    {Season::kWinter, "winter winters"}};

struct PartRow { PartOfDay part; const char* forms; };
constexpr PartRow kEnParts[] = {{PartOfDay::kMorning, "morning"}, {PartOfDay::kAfternoon, "afternoon"},
                                {PartOfDay::kEvening, "evening"}, {PartOfDay::kNight, "night"}};
constexpr PartRow kDeParts[] = {{PartOfDay::kMorning, "morgen vormittag früh"},
                                {PartOfDay::kAfternoon, "nachmittag"},
                                {PartOfDay::kEvening, "abend"}, {PartOfDay::kNight, "nacht"}};

template <typename F>
void ForEachForm(const char* forms, F&& f) {
  std::string_view s(forms);
  while (!s.empty()) {
    size_t sp = s.find(' ');
    std::string_view w = s.substr(0, sp);
    if (!w.empty()) f(w);
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
}

WordInfo& Entry(WordMap& map, std::string_view form, uint8_t lang) {
  WordInfo& info = map[std::string(form)];
  info.langs |= lang;
  return info;
}

template <typename Row>
void AddMonthLike(WordMap& map, uint8_t lang, const Row* rows, size_t n, bool weekday) {
  for (size_t i = 0; i < n; ++i) {
    ForEachForm(rows[i].forms, [&](std::string_view form) {
      bool abbrev = form.back() == '.';
      if (abbrev) form.remove_suffix(1);
      WordInfo& info = Entry(map, form, lang);
      if (weekday) {
        info.weekday = static_cast<int8_t>(rows[i].month);
      } else {
        info.month = static_cast<int8_t>(rows[i].month);
        info.month_abbrev = abbrev;
      }
    });
  }
}

void AddNumbers(WordMap& map, uint8_t lang, const NumberRow* rows, size_t n, bool ordinal) {
  for (size_t i = 0; i < n; ++i) {
    ForEachForm(rows[i].forms, [&](std::string_view form) {
      WordInfo& info = Entry(map, form, lang);
      (ordinal ? info.ordinal : info.number) = static_cast<int16_t>(rows[i].value);
    });
  }
}

void AddUnits(WordMap& map, uint8_t lang, const UnitRow* rows, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    ForEachForm(rows[i].forms, [&](std::string_view form) {
      WordInfo& info = Entry(map, form, lang);
      info.unit = rows[i].unit;
      info.unit_plural = rows[i].plural;
    });
  }
}

template <typename Row, typename Set>
void AddSimple(WordMap& map, uint8_t lang, const Row* rows, size_t n, Set set) {
  for (size_t i = 0; i < n; ++i) {
    ForEachForm(rows[i].forms, [&](std::string_view form) { set(Entry(map, form, lang), rows[i]); });
  }
}

template <typename T, size_t N>
constexpr size_t Len(const T (&)[N]) { return N; }

void Fill(WordMap& map, uint8_t lang, bool en) {
  AddMonthLike(map, lang, en ? kEnMonths : kDeMonths, 12, false);
  AddMonthLike(map, lang, en ? kEnWeekdays : kDeWeekdays, 7, true);
  if (en) {
    AddNumbers(map, lang, kEnNumbers, Len(kEnNumbers), false);
    AddNumbers(map, lang, kEnOrdinals, Len(kEnOrdinals), true);
    AddUnits(map, lang, kEnUnits, Len(kEnUnits));
  } else {
    AddNumbers(map, lang, kDeNumbers, Len(kDeNumbers), false);
    AddNumbers(map, lang, kDeOrdinals, Len(kDeOrdinals), true);
    AddUnits(map, lang, kDeUnits, Len(kDeUnits));
  }
  ForEachForm(en ? kEnVague : kDeVague,
              [&](std::string_view form) { Entry(map, form, lang).vague_number = true; });
  AddSimple(map, lang, en ? kEnSeasons : kDeSeasons, 4,
            [](WordInfo& info, const SeasonRow& row) { info.season = row.season; });
  AddSimple(map, lang, en ? kEnParts : kDeParts, 4,
            [](WordInfo& info, const PartRow& row) { info.part_of_day = row.part; });
}

// The words each tagger rule (timex.cc) tests for at the first token of an
// expression, whether or not they have a reading above: determiners, deictic
// adverbs, modifiers, set words, each under the language whose branch of the
// rule tests it (a filter: extra words cost time, never matches). The tagger
// tries a rule at a word only when the word is listed for it in a language
// of the text, or the rule reads the word's reading (kRuleReading, and
// Counted for counts) and the word has one, or (German) the word has one of
// kRulePrefixes; so a rule that starts at a new word needs it here.
struct RuleWordsRow {
  uint16_t rule;
  uint8_t langs;  // Lang bits
  const char* forms;
};
constexpr RuleWordsRow kRuleWords[] = {
    {kRuleArticle, kEn, "the"},  // Best tries the article rule after "the" only
    {kRuleModified, kEn, "early beginning start late end mid middle"},
    {kRuleModified, kDe,
     "anfang beginn jahresanfang jahresbeginn monatsanfang ende jahresende monatsende mitte jahresmitte "
     "monatsmitte"},
    {kRuleCounted, kEn, "past last next first previous coming following a"},
    {kRuleCounted, kDe, "vor"},
    {kRuleDeictic, kEn,
     "today yesterday tomorrow tonight now currently presently nowadays at recently lately recent past "
     "future this"},
    {kRuleDeictic, kDe,
     "heute gestern vorgestern übermorgen morgen jetzt derzeit zurzeit gegenwärtig momentan heutzutage "
     "aktuell zur kürzlich jüngst neulich unlängst vor bald demnächst künftig zukünftig wenig kurz kurze in"},
    {kRuleRelativeUnit, kEn, "this current last previous prior next coming past"},
    {kRuleSet, kEn, "annually yearly daily weekly monthly every each per"},
    {kRuleSet, kDe, "jährlich alljährlich täglich wöchentlich monatlich pro"},
    {kRuleQuarter, kAnyLang, "q h fy"},
    {kRuleDayAfter, kEn, "following next previous day"},
    {kRuleDayAfter, kDe, "tags vortag vortags"},
    {kRuleSameOrAdjacent, kEn, "same"},
    {kRuleSameOrAdjacent, kDe,
     "vorjahr vorjahres folgejahr folgejahres vormonat vormonats folgemonat folgemonats vorwoche "
     "folgewoche am im selben gleichen demselben desselben"},
    {kRuleYearWord, kEn, "fiscal"},
    {kRuleYearWord, kDe, "jahr jahre jahres jahrs"},
};
// German word beginnings the rules test with StartsWith ("vergangenen",
// "nächsten", "jedes", "neuen") and the weekday compounds ("Dienstagabend").
constexpr std::string_view kRulePrefixes[] = {
    "vergangen", "letzt", "nächst", "kommend", "erst", "folgend", "dies", "laufend", "vorig",
    "vorjahr", "jede", "neue", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag"};

// The length and the first two and last two bytes of a form, mixed: enough
// to spread the few hundred forms. w is not empty.
uint64_t HashWord(std::string_view w) {
  const size_t n = w.size();
  auto byte = [&](size_t k) { return uint64_t{static_cast<unsigned char>(w[k])}; };
  const uint64_t key =
      n | byte(0) << 8 | byte(n > 1 ? 1 : 0) << 16 | byte(n - 1) << 24 | byte(n > 1 ? n - 2 : 0) << 32;
  return (key * 0x9E3779B97F4A7C15ull) >> 32;
}

}  // namespace

// Fills a WordFilter from the forms of the lexicon (a friend of WordFilter).
class WordFilterBuilder {
 public:
  template <typename Entries>
  static WordFilter Build(const Entries& entries) {
    WordFilter f;
    for (const auto& e : entries) {
      const std::string& form = e.form;
      // A longer form would never pass the filter: the lexicon has none.
      if (form.empty() || form.size() > WordFilter::kMaxLen) std::abort();
      f.last_[form.size()][form.front() & 31] |= uint32_t{1} << (form.back() & 31);
    }
    f.min_prefix_len_ = WordFilter::kMaxLen;
    for (std::string_view p : kRulePrefixes) {
      f.prefix_first_ |= uint32_t{1} << (p.front() & 31);
      f.min_prefix_len_ = std::min(f.min_prefix_len_, p.size());
    }
    return f;
  }
};

namespace {

// Every form of both languages in one open-addressing table.
class Table {
 public:
  struct Entry {
    std::string form;
    WordInfo info[2];  // readings: [0] English, [1] German
    bool has[2] = {false, false};
    uint16_t rules[2] = {0, 0};  // RuleBits: [0] English, [1] German
  };

  Table() {
    WordMap en, de;
    Fill(en, kEn, true);
    Fill(de, kDe, false);
    std::unordered_map<std::string, size_t> index;
    auto entry = [&](std::string_view form) -> Entry& {
      auto [it, added] = index.emplace(std::string(form), entries_.size());
      if (added) {
        entries_.emplace_back();
        entries_.back().form = std::string(form);
      }
      return entries_[it->second];
    };
    for (const auto& [form, info] : en) {
      Entry& e = entry(form);
      e.info[0] = info;
      e.has[0] = true;
    }
    for (const auto& [form, info] : de) {
      Entry& e = entry(form);
      e.info[1] = info;
      e.has[1] = true;
    }
    for (const RuleWordsRow& row : kRuleWords)
      ForEachForm(row.forms, [&](std::string_view form) {
        Entry& e = entry(form);
        if (row.langs & kEn) e.rules[0] |= row.rule;
        if (row.langs & kDe) e.rules[1] |= row.rule;
      });
    for (Entry& e : entries_) {
      for (int l = 0; l < 2; ++l) {
        if (!e.has[l]) continue;
        // The rules that test a reading at the first word; Counted reads
        // a count there ("two weeks", "several years").
        e.rules[l] |= kRuleReading;
        if (e.info[l].number > 0 || e.info[l].vague_number) e.rules[l] |= kRuleCounted;
      }
    }
    filter_ = WordFilterBuilder::Build(entries_);
    size_t cap = 64;
    while (cap < entries_.size() * 4) cap *= 2;  // short probe runs
    slots_.assign(cap, -1);
    for (size_t i = 0; i < entries_.size(); ++i) {
      max_len_ = std::max(max_len_, entries_[i].form.size());
      size_t s = HashWord(entries_[i].form) & (cap - 1);
      while (slots_[s] >= 0) s = (s + 1) & (cap - 1);
      slots_[s] = static_cast<int32_t>(i);
    }
  }

  const WordFilter& filter() const { return filter_; }

  const Entry* Find(std::string_view w) const {
    if (w.empty() || w.size() > max_len_) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t s = HashWord(w) & mask; slots_[s] >= 0; s = (s + 1) & mask) {
      const Entry& e = entries_[slots_[s]];
      if (e.form == w) return &e;
    }
    return nullptr;
  }

 private:
  std::vector<Entry> entries_;
  std::vector<int32_t> slots_;  // entry index or -1
  size_t max_len_ = 0;
  WordFilter filter_;
};

const Table& TheTable() {
  static const Table* table = new Table;
  return *table;
}

const WordInfo* Readings(const Table::Entry* e, uint8_t langs) {
  if (e == nullptr) return nullptr;
  if ((langs & kEn) && e->has[0]) return &e->info[0];
  if ((langs & kDe) && e->has[1]) return &e->info[1];
  return nullptr;
}

bool HasRulePrefix(std::string_view lower) {
  if (lower.empty() || std::string_view("vlnkefdjms").find(lower[0]) == std::string_view::npos) return false;
  for (std::string_view p : kRulePrefixes) {
    if (lower.size() >= p.size() && lower.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

}  // namespace

const WordFilter& TheWordFilter() { return TheTable().filter(); }

const WordInfo* LookupWord(std::string_view lower, uint8_t langs) {
  return Readings(TheTable().Find(lower), langs);
}

const WordInfo* LookupWord(std::string_view lower, uint8_t langs, uint16_t* rules) {
  const Table::Entry* e = TheTable().Find(lower);
  uint16_t r = 0;
  if (e != nullptr) r = ((langs & kEn) ? e->rules[0] : 0) | ((langs & kDe) ? e->rules[1] : 0);
  // The prefixes are tested by German rules only.
  if (r != kAllRules && (langs & kDe) && HasRulePrefix(lower)) r = kAllRules;
  *rules = r;
  return Readings(e, langs);
}

}  // namespace pactgraph::timex
