// Sentences and tokens, English and German.
#ifndef PACTGRAPH_SEGMENT_SEGMENT_H_
#define PACTGRAPH_SEGMENT_SEGMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pactgraph {

struct Token {
  uint32_t start = 0, end = 0;  // byte range in the segmented text
};

struct Sentence {
  uint32_t start = 0, end = 0;              // byte range in the segmented text
  uint32_t first_token = 0, end_token = 0;  // token index range [first, end)
};

struct Segmented {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

// lang: "en", "de" or "other" (abbreviation lists differ).
Segmented Segment(std::string_view text, const std::string& lang);

}  // namespace pactgraph

#endif  // PACTGRAPH_SEGMENT_SEGMENT_H_
