// The word lists the time tagger reads: month and weekday names, numerals,
// calendar units and the relative words of English and German. They are
// compiled tables (lexicon.cc, version kTimeLexiconVersion) because every
// entry is a closed-class word and the tagger must work without a data
// folder; doc/time.md lists how to extend them. Built once on first use,
// then immutable and safe to read from any thread.
#ifndef PACTGRAPH_TIME_LEXICON_H_
#define PACTGRAPH_TIME_LEXICON_H_

#include <cstdint>
#include <string_view>

namespace pactgraph::timex {

inline constexpr int kTimeLexiconVersion = 1;

enum Lang : uint8_t { kEn = 1, kDe = 2, kAnyLang = 3 };

enum class Unit : uint8_t {
  kNone, kSecond, kMinute, kHour, kDay, kWeek, kWeekend, kFortnight, kMonth,
  kQuarter, kHalfYear, kYear, kDecade, kCentury
};

enum class Season : uint8_t { kNone, kSpring, kSummer, kFall, kWinter };

enum class PartOfDay : uint8_t { kNone, kMorning, kAfternoon, kEvening, kNight };

// Everything the lexicon knows about one lower-cased word form. A form can
// carry several readings ("may": a month; "second": a unit and an ordinal).
struct WordInfo {
  uint8_t langs = 0;          // Lang bits the readings below belong to
  int8_t month = 0;           // 1..12
  bool month_abbrev = false;  // "nov", "sept": needs a day or year beside it
  int8_t weekday = 0;         // 1 = Monday .. 7 = Sunday (ISO)
  int16_t number = -1;        // cardinal: "two", "fünf", "a" (1)
  int16_t ordinal = -1;       // "third", "dritten"
  bool vague_number = false;  // "several", "mehrere": count unknown (X)
  Unit unit = Unit::kNone;
  bool unit_plural = false;
  Season season = Season::kNone;
  PartOfDay part_of_day = PartOfDay::kNone;
};

// Readings of `lower` (lower-cased UTF-8) in the languages `langs`;
// nullptr when the word is not in the lexicon.
const WordInfo* LookupWord(std::string_view lower, uint8_t langs);
// The tagger rules (timex.cc) that may match at a word, by what they test
// the first word for, in the languages asked for: the rules that list the
// word for one of them in kRuleWords (lexicon.cc); with a reading in one of
// them, also kRuleReading (the rules that test a reading: months, weekdays,
// seasons, ordinals, units, parts of the day) and, for a cardinal or vague
// count, kRuleCounted; in German, every rule (kAllRules) for a word with a
// beginning the rules test ("vergangenen", "jedes", "Dienstagabend"). 0: no
// expression starts at the word.
enum RuleBits : uint16_t {
  kRuleArticle = 1 << 0,   // Best: "the third quarter"
  kRuleModified = 1 << 1,  // Modified: "early", "Anfang"
  kRuleCounted = 1 << 2,
  kRuleDeictic = 1 << 3,
  kRuleRelativeUnit = 1 << 4,
  kRuleSet = 1 << 5,
  kRuleQuarter = 1 << 6,
  kRuleDayAfter = 1 << 7,
  kRuleSameOrAdjacent = 1 << 8,
  kRuleYearWord = 1 << 9,  // YearRule and BcYear: "fiscal", "Jahr"
  kRuleReading = 1 << 10,  // Weekday, MonthFirst, SeasonRule, OrdinalPeriod, BareUnit, PartOfDayOf
  kAllRules = (1 << 11) - 1,
};

// The same, and *rules: the RuleBits of the word.
const WordInfo* LookupWord(std::string_view lower, uint8_t langs, uint16_t* rules);

// A quick test in front of LookupWord for the tokenizer, which sees every
// word of a text while few are time words: false only where LookupWord
// finds neither readings nor RuleBits. It looks up the length and the first
// and last byte (five bits of each) in a table of those of the lexicon's
// forms and, in German, the first byte in those of the rule prefixes.
class WordFilter {
 public:
  static constexpr size_t kMaxLen = 31;  // forms are shorter (checked when the table is built)

  bool MayMatch(std::string_view lower, uint8_t langs) const {
    const size_t n = lower.size();
    if (n == 0) return false;
    const unsigned first = static_cast<unsigned char>(lower[0]) & 31;
    if ((langs & kDe) && n >= min_prefix_len_ && (prefix_first_ >> first & 1)) return true;
    return n <= kMaxLen && (last_[n][first] >> (static_cast<unsigned char>(lower[n - 1]) & 31) & 1);
  }

 private:
  friend class WordFilterBuilder;

  // By length and first byte: bit (last byte & 31) is set where a form has them.
  uint32_t last_[kMaxLen + 1][32] = {};
  uint32_t prefix_first_ = 0;  // bit (first byte & 31) of each German rule prefix
  size_t min_prefix_len_ = 0;
};
const WordFilter& TheWordFilter();

}  // namespace pactgraph::timex

#endif  // PACTGRAPH_TIME_LEXICON_H_
