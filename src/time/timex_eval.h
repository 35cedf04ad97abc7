// Scoring a time tagger against TimeML (TempEval-3, TIMEX3) and TIMEX2
// (WikiWarsDE) gold files, the way the TempEval-3 scorer counts.
#ifndef PACTGRAPH_TIME_TIMEX_EVAL_H_
#define PACTGRAPH_TIME_TIMEX_EVAL_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "pactgraph/status.h"
#include "time/timex.h"

namespace pactgraph::timex {

struct GoldTimex {
  uint32_t start = 0, end = 0;  // byte range in GoldDoc::text
  std::string type, value;
};

struct GoldDoc {
  std::string name;
  std::string text;    // the document text with every tag removed, entities decoded
  std::string anchor;  // document creation time (ISO date)
  std::vector<GoldTimex> timexes;
};

// Reads a TimeML file: the text inside <TEXT>, gold <TIMEX3> spans and the
// DCT from <DCT><TIMEX3 value=...>. TIMEX2 files (WikiWarsDE): the text
// inside <TEXT>, gold <TIMEX2 val=...> (outermost only), DCT from <DATETIME>.
StatusOr<GoldDoc> ParseTimeMl(std::string_view xml, std::string name);

struct TimexScores {
  long gold = 0, system = 0;
  long strict = 0, relaxed = 0;             // matched spans
  long value_ok = 0, type_ok = 0;           // relaxed matches whose attribute agrees
  void Add(const TimexScores& o);
  static double F1(long hits, long sys, long gold);
  double StrictF1() const { return F1(strict, system, gold); }
  double RelaxedF1() const { return F1(relaxed, system, gold); }
  // TempEval-3 attribute F1: P = correct/|system|, R = correct/|gold|, where
  // correct counts relaxed matches with the same attribute.
  double ValueF1() const { return F1(value_ok, system, gold); }
  double TypeF1() const { return F1(type_ok, system, gold); }
  double ValueAccuracy() const { return relaxed ? static_cast<double>(value_ok) / relaxed : 0; }
};

// Matches system to gold one-to-one (exact spans first, then the largest
// overlap) and counts. errors, if not null, receives one line per miss.
TimexScores Score(const GoldDoc& doc, const std::vector<Timex>& system, std::ostream* errors);

}  // namespace pactgraph::timex

#endif  // PACTGRAPH_TIME_TIMEX_EVAL_H_
