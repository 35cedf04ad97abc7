// Which language an article is written in.
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
