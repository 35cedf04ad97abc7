// Which language an article is written in.
//
// First a count of frequent English and German function words on the first
// 1 KB: a text of at least 40 words that is clearly one of the two (an
// eighth of its words are function words of that language, six different
// ones, and hardly any of the other) is decided there. Otherwise CLD2
// (Compact Language Detector 2, Debian libcld2) on the first 16 KB; for
// short or unreliable input the function words decide between the two.
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
