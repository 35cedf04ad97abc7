#include "time/tokens.h"

#include <cstring>

#include "time/lexicon.h"

namespace pactgraph::timex {
namespace {

void Lowercase(std::string_view text, std::string* lower) {
  const size_t n = text.size();
  lower->resize(n);
  const char* in = text.data();
  char* out = lower->data();
  size_t i = 0;
  while (i < n) {
    uint64_t block;
    if (i + 8 <= n && (std::memcpy(&block, in + i, 8), (block & 0x8080808080808080ull) == 0)) {
      block = LowerAscii8(block);  // eight ASCII bytes at once
      std::memcpy(out + i, &block, 8);
      i += 8;
      continue;
    }
    const unsigned char c = in[i];
    if (c >= 'A' && c <= 'Z') {
      out[i++] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < n) {
      const unsigned char next = in[i + 1];
      out[i] = static_cast<char>(c);
      out[i + 1] = static_cast<char>(next == 0x84 || next == 0x96 || next == 0x9C ? next + 0x20 : next);
      i += 2;
    } else {
      out[i++] = static_cast<char>(c);
    }
  }
}

// How many of the eight bytes of x (in memory order) are a..z before the
// first that is not.
size_t LeadingLowerLetters(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const uint64_t low7 = x & ~kHigh;
  const uint64_t ge_a = low7 + (0x80 - 'a') * kOnes;  // high bit: byte >= 'a'
  const uint64_t gt_z = low7 + (0x7F - 'z') * kOnes;  // high bit: byte > 'z'
  const uint64_t other = (~ge_a | gt_z | x) & kHigh;  // high bit: not a..z
  return other == 0 ? 8 : FirstMarkedByte(other);
}

// Length of the UTF-8 sequence starting with lead byte c (1 for bad bytes).
size_t SeqLen(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

enum CharClass : uint8_t { kSpace, kLetter, kDigit, kPunct };

// The class of each ASCII byte, so that the scan needs one load per byte.
struct AsciiClasses {
  CharClass of[128];
  constexpr AsciiClasses() : of() {
    for (int c = 0; c < 128; ++c) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        of[c] = kSpace;
      else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        of[c] = kLetter;
      else if (c >= '0' && c <= '9')
        of[c] = kDigit;
      else
        of[c] = kPunct;
    }
  }
};
constexpr AsciiClasses kAscii;

// The class of the character at text[i], whose first byte is not ASCII, and
// its length in bytes (cut at the end of the text).
CharClass ClassifyMultibyte(std::string_view text, size_t i, size_t* len) {
  const unsigned char c = text[i];
  size_t n = SeqLen(c);
  if (i + n > text.size()) n = text.size() - i;
  *len = n;
  const unsigned char c1 = n > 1 ? text[i + 1] : 0;
  if (c == 0xC2) {
    if (c1 == 0xA0) return kSpace;
    return kPunct;  // £ ¥ § « » ° ...
  }
  if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81 || c1 == 0x82)) {
    // U+2000..U+20FF: spaces, dashes, quotes, currency signs.
    const unsigned char c2 = n > 2 ? text[i + 2] : 0;
    if (c1 == 0x80 && c2 <= 0x8A) return kSpace;
    return kPunct;
  }
  if (n == 1) return kPunct;  // stray continuation or invalid byte
  return kLetter;
}

}  // namespace

void Tokenize(std::string_view text, uint8_t langs, std::string* lower, std::vector<Token>* out) {
  Lowercase(text, lower);
  out->clear();
  out->reserve(text.size() / 5 + 16);  // about one token per five bytes of news text
  const WordFilter& filter = TheWordFilter();
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  const char* low = lower->data();
  const size_t n = text.size();
  size_t i = 0;
  bool space = true;
  while (i < n) {
    const unsigned char c = s[i];
    size_t len = 1;
    const CharClass cls = c < 0x80 ? kAscii.of[c] : ClassifyMultibyte(text, i, &len);
    if (cls == kSpace) {
      space = true;
      i += len;
      continue;
    }
    Token& tok = out->emplace_back();
    tok.b = static_cast<uint32_t>(i);
    tok.glued = !space;  // space starts true: the first token is never glued
    size_t j = i + len;
    if (cls == kLetter) {
      tok.kind = Token::kWord;
      tok.cap = c < 0x80 ? c <= 'Z' : c == 0xC3 && len > 1 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E;  // À..Þ
      // ASCII letters eight at a time, then one character at a time.
      while (j + 8 <= n) {
        uint64_t block;
        std::memcpy(&block, low + j, 8);
        const size_t letters = LeadingLowerLetters(block);
        j += letters;
        if (letters < 8) break;
      }
      while (j < n) {
        const unsigned char d = s[j];
        if (d < 0x80) {
          if (kAscii.of[d] != kLetter) break;
          ++j;
          continue;
        }
        size_t l = 1;
        if (ClassifyMultibyte(text, j, &l) != kLetter) break;
        j += l;
      }
      tok.low = std::string_view(low + i, j - i);
      // Most words are no time word: the filter spares them the lookup.
      if (filter.MayMatch(tok.low, langs)) tok.info = LookupWord(tok.low, langs, &tok.rules);
    } else if (cls == kDigit) {
      tok.kind = Token::kNumber;
      uint64_t v = c - '0';  // wraps past 19 digits, but then it is not kept
      while (j < n && static_cast<unsigned>(s[j] - '0') < 10u) v = v * 10 + (s[j++] - '0');
      const size_t digits = j - i;
      tok.digits = static_cast<uint8_t>(digits > 255 ? 255 : digits);
      if (digits <= 18) tok.num = static_cast<int64_t>(v);
      tok.low = std::string_view(low + i, digits);
    } else {
      tok.kind = Token::kPunct;
      tok.low = std::string_view(low + i, len);
    }
    tok.e = static_cast<uint32_t>(j);
    // The usual single space after a token, without another turn of the loop.
    space = j < n && s[j] == ' ';
    i = j + space;
  }
}

const TokenStream& SharedTokens(std::string_view text, uint8_t langs, TokenStream* scratch) {
  constexpr size_t kMaxShared = size_t{1} << 20;
  if (text.size() > kMaxShared) {
    Tokenize(text, langs, &scratch->lower, &scratch->tokens);
    scratch->generation = 0;
    return *scratch;
  }
  struct Last {
    bool valid = false;
    uint8_t langs = 0;
    std::string text;
    TokenStream stream;
  };
  thread_local Last last;
  thread_local uint64_t generations = 0;
  if (last.valid && last.langs == langs && last.text.size() == text.size() &&
      (text.empty() || std::memcmp(last.text.data(), text.data(), text.size()) == 0))
    return last.stream;
  last.valid = false;
  Tokenize(text, langs, &last.stream.lower, &last.stream.tokens);
  last.text.assign(text.data(), text.size());
  last.langs = langs;
  last.stream.generation = ++generations;
  last.valid = true;
  return last.stream;
}

}  // namespace pactgraph::timex
