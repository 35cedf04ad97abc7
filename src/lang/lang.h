// Which language an article is written in.
//
// CLD2 (Compact Language Detector 2, Debian libcld2) on the first 16 KB of
// the text; for short or unreliable input, a count of the most frequent
// English and German function words decides between the two.
// Thread-safe, no state.
#ifndef PACTGRAPH_LANG_LANG_H_
#define PACTGRAPH_LANG_LANG_H_

#include <string>
#include <string_view>

namespace pactgraph {

struct LangGuess {
  std::string code = "other";  // "en", "de" or "other"
  double confidence = 0;       // 0..1
};

LangGuess DetectLanguage(std::string_view utf8_text);

}  // namespace pactgraph

#endif  // PACTGRAPH_LANG_LANG_H_
