// Time expressions, English and German, normalised against an anchor date.
// The tagger is a hand-written scanner over tokens (no regex, no allocation
// per token beyond the token vector); its word lists live in lexicon.cc.
// Safe to call from many threads. The only state between calls is per
// thread: the last text's tokens (timex::SharedTokens), which InferAnchor,
// FindTimexes and FindMoney on the same text share, and the result of the
// last scan without an anchor (InferAnchor's, reused by FindTimexes: whole
// when the text establishes no anchor, else where no rule read the anchor).
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
  std::string mod;              // TimeML mod: "START" (Anfang Juli), "MID", "END", or empty
};

struct TimexOptions {
  // ISO date ("2024-05-14"; "2024-05" or "2024" also accepted) that relative
  // expressions are resolved against: the publication date. Empty: unknown,
  // then relative and partial expressions keep X placeholders ("XXXX-05-14").
  std::string anchor;
  // false (news, the default): partial dates ("May 14") and weekdays take
  // their year/week from the anchor, choosing past or future by the tense of
  // the sentence. true (narratives such as encyclopaedia articles): they take
  // it from the last fully dated expression before them, as HeidelTime's
  // narrative mode does; the anchor is only the fallback.
  bool narrative = false;
};

// anchor: ISO date the relative expressions are resolved against (the
// publication date); empty when unknown, then relative ones stay unresolved
// (value "XXXX-05-14" etc.). lang: "en", "de"; anything else uses both
// lexicons.
std::vector<Timex> FindTimexes(std::string_view text, const std::string& lang, const std::string& anchor);
std::vector<Timex> FindTimexes(std::string_view text, const std::string& lang, const TimexOptions& options);

// A reference date that the text itself establishes, for texts without a
// publication date ("" when it establishes none). The rule, in order:
//  1. the first fully specified calendar date ("14 May 2024", "2024-05-14");
//  2. else the first partial day ("May 14") completed with the year stated
//     closest before it anywhere in the text (a year in a name such as
//     "Summit 2024" counts), or the first year in the text if none precedes;
//  3. else the first month with a year ("September 2014" -> "2014-09");
//  4. else the first stated year ("2014").
// Relative expressions ("yesterday") never establish a reference.
std::string InferAnchor(std::string_view text, const std::string& lang);

}  // namespace pactgraph

#endif  // PACTGRAPH_TIME_TIMEX_H_
