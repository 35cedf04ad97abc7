#include "segment/segment.h"

namespace pactgraph {

// Placeholder until the segmentation stage lands: whitespace tokens, one
// sentence per paragraph.
Segmented Segment(std::string_view text, const std::string&) {
  Segmented s;
  uint32_t i = 0, n = static_cast<uint32_t>(text.size());
  Sentence cur;
  while (i < n) {
    while (i < n && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    if (i >= n) break;
    uint32_t b = i;
    while (i < n && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    s.tokens.push_back(Token{b, i});
  }
  if (!s.tokens.empty()) {
    s.sentences.push_back(Sentence{s.tokens.front().start, s.tokens.back().end, 0,
                                   static_cast<uint32_t>(s.tokens.size())});
  }
  return s;
}

}  // namespace pactgraph
