#include "lang/lang.h"

namespace pactgraph {

// Placeholder until the language stage lands.
LangGuess DetectLanguage(std::string_view) { return LangGuess{}; }

}  // namespace pactgraph
