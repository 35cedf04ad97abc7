// The token stream the time and money scanners read: words, digit runs and
// single punctuation marks with byte offsets, plus a lower-cased copy.
#ifndef PACTGRAPH_TIME_TOKENS_H_
#define PACTGRAPH_TIME_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pactgraph::timex {

// Eight ASCII bytes (no high bit set) with A-Z lower-cased, in one step.
inline uint64_t LowerAscii8(uint64_t x) {
  const uint64_t ge_a = x + 0x3F3F3F3F3F3F3F3Full;     // high bit: byte >= 'A'
  const uint64_t gt_z = x + 0x2525252525252525ull;     // high bit: byte > 'Z'
  const uint64_t upper = ge_a & ~gt_z & 0x8080808080808080ull;
  return x | (upper >> 2);                             // + 0x20
}

// The index, in memory order, of the first byte of a loaded block of eight
// with a bit set in `mask` (not 0), whatever the machine's byte order.
inline size_t FirstMarkedByte(uint64_t mask) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return static_cast<size_t>(__builtin_clzll(mask)) >> 3;
#else
  return static_cast<size_t>(__builtin_ctzll(mask)) >> 3;
#endif
}

struct WordInfo;

struct Token {
  enum Kind : uint8_t { kWord, kNumber, kPunct };
  uint32_t b = 0, e = 0;        // byte range in the text
  Kind kind = kPunct;
  bool cap = false;             // word starts with an upper-case letter
  bool glued = false;           // no space between the previous token and this one
  uint16_t rules = 0;           // kWord: the tagger rules that may start here (RuleBits)
  uint8_t digits = 0;           // kNumber: how many digits
  int64_t num = -1;             // kNumber: value (up to 18 digits), else -1
  const WordInfo* info = nullptr;  // lexicon readings of a word, if any
  std::string_view low;         // lower-cased text of the token
};

// Splits `text` into tokens; `lower` receives the lower-cased copy that the
// tokens' `low` views point into (same length as text: ASCII, Ä, Ö, Ü are
// folded). Non-ASCII letters belong to words; UTF-8 punctuation such as
// dashes, quotes and currency signs (U+2000..U+20FF, U+00A1..U+00BF) become
// one punctuation token each; U+00A0 is a space. langs: lexicon languages.
void Tokenize(std::string_view text, uint8_t langs, std::string* lower, std::vector<Token>* out);

// The tokens of one text and the lower-cased copy their `low` views point into.
struct TokenStream {
  std::string lower;
  std::vector<Token> tokens;
  // SharedTokens: a number of its own for every text it tokenises (two
  // streams with the same number are of the same text and langs); 0 for a
  // stream of its own.
  uint64_t generation = 0;
};

// Tokenize for scanners that read the same text one after another
// (InferAnchor, FindTimexes and FindMoney on one article): each thread keeps
// the stream of the last text it tokenised and hands it out again while the
// text (compared byte for byte) and langs are the same. Texts over 1 MiB are
// not kept: they are tokenised into *scratch. The reference is valid until
// the thread's next call.
const TokenStream& SharedTokens(std::string_view text, uint8_t langs, TokenStream* scratch);

}  // namespace pactgraph::timex

#endif  // PACTGRAPH_TIME_TOKENS_H_
