#include "time/tokens.h"

#include <cstring>

#include "time/lexicon.h"

namespace pactgraph::timex {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

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

// Length of the UTF-8 sequence starting with lead byte c (1 for bad bytes).
size_t SeqLen(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

enum class CharClass { kSpace, kLetter, kDigit, kPunct };

CharClass Classify(std::string_view text, size_t i, size_t* len) {
  unsigned char c = text[i];
  *len = 1;
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return CharClass::kSpace;
    if (IsAsciiLetter(c)) return CharClass::kLetter;
    if (IsDigit(c)) return CharClass::kDigit;
    return CharClass::kPunct;
  }
  size_t n = SeqLen(c);
  if (i + n > text.size()) n = text.size() - i;
  *len = n;
  unsigned char c1 = n > 1 ? text[i + 1] : 0;
  if (c == 0xC2) {
    if (c1 == 0xA0) return CharClass::kSpace;
    return CharClass::kPunct;  // £ ¥ § « » ° ...
  }
  if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81 || c1 == 0x82)) {
    // U+2000..U+20FF: spaces, dashes, quotes, currency signs.
    unsigned char c2 = n > 2 ? text[i + 2] : 0;
    if (c1 == 0x80 && c2 <= 0x8A) return CharClass::kSpace;
    return CharClass::kPunct;
  }
  if (n == 1) return CharClass::kPunct;  // stray continuation or invalid byte
  return CharClass::kLetter;
}

}  // namespace

void Tokenize(std::string_view text, uint8_t langs, std::string* lower, std::vector<Token>* out) {
  Lowercase(text, lower);
  out->clear();
  out->reserve(text.size() / 5 + 16);  // about one token per five bytes of news text
  const std::string_view low(*lower);
  size_t i = 0;
  bool space = true;
  while (i < text.size()) {
    size_t len = 1;
    CharClass cls = Classify(text, i, &len);
    if (cls == CharClass::kSpace) {
      space = true;
      i += len;
      continue;
    }
    Token tok;
    tok.b = static_cast<uint32_t>(i);
    tok.glued = !space && !out->empty();
    space = false;
    size_t j = i + len;
    if (cls == CharClass::kLetter) {
      tok.kind = Token::kWord;
      tok.cap = (static_cast<unsigned char>(text[i]) >= 'A' && static_cast<unsigned char>(text[i]) <= 'Z') ||
                (static_cast<unsigned char>(text[i]) == 0xC3 && len > 1 &&
                 static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9E);
      while (j < text.size()) {
        const unsigned char c = text[j];
        if (c < 0x80) {  // ASCII: Classify would say kLetter exactly for letters
          if (!IsAsciiLetter(c)) break;
          ++j;
          continue;
        }
        size_t l = 1;
        if (Classify(text, j, &l) != CharClass::kLetter) break;
        j += l;
      }
    } else if (cls == CharClass::kDigit) {
      tok.kind = Token::kNumber;
      while (j < text.size() && IsDigit(static_cast<unsigned char>(text[j]))) ++j;
      size_t n = j - i;
      tok.digits = static_cast<uint8_t>(n > 255 ? 255 : n);
      if (n <= 18) {
        int64_t v = 0;
        for (size_t k = i; k < j; ++k) v = v * 10 + (text[k] - '0');
        tok.num = v;
      }
    } else {
      tok.kind = Token::kPunct;
    }
    tok.e = static_cast<uint32_t>(j);
    tok.low = low.substr(i, j - i);
    if (tok.kind == Token::kWord) tok.info = LookupWord(tok.low, langs, &tok.rules);
    out->push_back(tok);
    i = j;
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
