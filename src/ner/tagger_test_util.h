// Helpers shared by the tagger's tests.
#ifndef PACTGRAPH_NER_TAGGER_TEST_UTIL_H_
#define PACTGRAPH_NER_TAGGER_TEST_UTIL_H_

#include <sstream>
#include <string>

#include "ner/tagger_corpus.h"

namespace pactgraph::tagger {

// A labelled sentence from space-separated words and labels.
inline LabeledSentence Sent(const std::string& text, const std::string& tags) {
  LabeledSentence s;
  std::istringstream a(text), b(tags);
  for (std::string w; a >> w;) s.words.push_back(w);
  for (std::string t; b >> t;) s.labels.push_back(t);
  return s;
}

}  // namespace pactgraph::tagger

#endif  // PACTGRAPH_NER_TAGGER_TEST_UTIL_H_
