// Sentences and tokens, English and German.
//
// A single hand-written pass over UTF-8 text (no regular expressions, no
// allocation per token). Tokens: words keep inner hyphens ("752-Millionen-
// Dollar"), inner dots ("U.S.", "fr.yna.co.kr"), decimal and thousands marks
// ("1.3", "1,5", "18:15") and inner apostrophes ("O'Brien"); a possessive
// 's / ’s is its own token; every other punctuation mark is its own token
// ("..." is one). A word's final period stays on it for abbreviations
// ("Inc.", "Nov.", "bzw."), initials ("J."), German ordinals ("14. Mai") and
// dotted acronyms ("U.S."). The abbreviation lists are compiled-in constants
// in segment.cc (see doc/front.md).
//
// Sentences end after . ! ? … (plus closing quotes or brackets) when the next
// word does not start in lower case; after an abbreviation only when the next
// word is a typical sentence opener ("The", "Die"); never after a title,
// initial or ordinal; always at a blank line; and at a single line break when
// the next line starts a new block (a short unpunctuated line such as a
// headline is its own sentence).
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

// lang: "en", "de" or "other" (abbreviation lists differ; "other" uses both).
// Thread-safe; the text must be valid UTF-8 (Decode() guarantees it), other
// bytes are treated as letters.
Segmented Segment(std::string_view text, const std::string& lang);

}  // namespace pactgraph

#endif  // PACTGRAPH_SEGMENT_SEGMENT_H_
