#include "input/decode.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace pactgraph {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Windows-1252 code points for bytes 0x80..0x9F; 0 marks the five bytes the
// code page leaves undefined. Bytes 0xA0..0xFF equal their Latin-1 code points.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Appends the UTF-8 form of `cp`, every byte mapped to input offset `origin`.
void AppendCodePoint(char32_t cp, uint32_t origin, OffsetText* out) {
  char buf[4];
  size_t n;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  out->AppendSynthetic(std::string_view(buf, n), origin);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid
// (overlong forms, surrogates, code points above U+10FFFF, truncation).
// For an invalid sequence, *bad_len is the length of its maximal valid prefix
// (at least 1): the bytes one U+FFFD replaces.
size_t Utf8SequenceLength(std::string_view s, size_t i, size_t* bad_len) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  *bad_len = 1;
  if (c < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return 0;
    unsigned char t = b(i + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (t < l || t > h) return 0;
    *bad_len = k + 1;
  }
  return need + 1;
}

struct Utf8Stats {
  size_t multibyte = 0;  // valid sequences of two or more bytes
  size_t invalid = 0;    // maximal invalid subparts
};

constexpr uint64_t kHighBits = 0x8080808080808080ull;
constexpr uint64_t kOnes = 0x0101010101010101ull;

uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Eight bytes at once: all ASCII and none NUL (the common case).
bool AsciiNoNul(uint64_t x) { return ((x | ((x - kOnes) & ~x)) & kHighBits) == 0; }

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size() && (Load8(s.data() + i) & kHighBits) == 0) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t bad;
    size_t len = Utf8SequenceLength(s, i, &bad);
    if (len == 0) {
      ++st.invalid;
      i += bad;
    } else {
      ++st.multibyte;
      i += len;
    }
  }
  return st;
}

bool IsControl(unsigned char c) { return c < 0x20 && static_cast<unsigned char>(c - '\t') > '\r' - '\t'; }

// Text files have no NUL bytes and hardly any other C0 control bytes (those
// outside tab, LF, VT, FF, CR). Most have none at all: a first pass ORs
// byte masks together (no branches, so GCC vectorises it), and only a text
// with some control byte has them counted.
bool LooksBinary(std::string_view s) {
  unsigned char any = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    any |= static_cast<unsigned char>(-static_cast<int>(IsControl(c)));
  }
  if (any == 0) return false;
  size_t nul = 0, control = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0)
      ++nul;
    else if (IsControl(c))
      ++control;
  }
  if (nul >= 4 || nul * 100 > s.size()) return true;
  return (nul + control) * 20 > s.size();
}

// UTF-16 text written without a BOM still shows as NUL bytes in every other
// position (ASCII and Latin letters have a zero high byte).
enum class Utf16Guess { kNone, kLittle, kBig };

Utf16Guess GuessBomlessUtf16(std::string_view s) {
  size_t n = std::min<size_t>(s.size(), 4096) & ~size_t{1};
  if (n < 8) return Utf16Guess::kNone;
  // Without a NUL byte both counts below stay zero: one memchr decides for
  // nearly every input.
  if (std::memchr(s.data(), 0, n) == nullptr) return Utf16Guess::kNone;
  size_t even_nul = 0, odd_nul = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_nul += s[i] == 0;
    odd_nul += s[i + 1] == 0;
  }
  size_t pairs = n / 2;
  if (odd_nul * 10 >= pairs * 4 && even_nul * 20 < pairs) return Utf16Guess::kLittle;
  if (even_nul * 10 >= pairs * 4 && odd_nul * 20 < pairs) return Utf16Guess::kBig;
  return Utf16Guess::kNone;
}

void DecodeUtf16(std::string_view s, size_t start, bool little, Decoded* d) {
  auto unit = [&](size_t i) -> char16_t {
    auto lo = static_cast<unsigned char>(s[little ? i : i + 1]);
    auto hi = static_cast<unsigned char>(s[little ? i + 1 : i]);
    return static_cast<char16_t>(hi << 8 | lo);
  };
  d->text.Reserve(s.size());
  size_t i = start;
  while (i + 1 < s.size()) {
    auto origin = static_cast<uint32_t>(i);
    char16_t u = unit(i);
    i += 2;
    char32_t cp = u;
    if (u >= 0xD800 && u <= 0xDBFF) {
      char16_t next = i + 1 < s.size() ? unit(i) : 0;
      if (next >= 0xDC00 && next <= 0xDFFF) {
        cp = 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (next - 0xDC00);
        i += 2;
      } else {
        cp = kReplacement;
      }
    } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
      cp = kReplacement;
    }
    if (cp == kReplacement) ++d->replaced;
    AppendCodePoint(cp, origin, &d->text);
  }
  if (i < s.size()) {  // a dangling odd byte
    ++d->replaced;
    AppendCodePoint(kReplacement, static_cast<uint32_t>(i), &d->text);
  }
}

// Copies valid UTF-8 as it is and replaces each maximal invalid subpart (and
// each NUL byte) with U+FFFD.
void DecodeUtf8(std::string_view s, size_t start, Decoded* d) {
  d->text.Reserve(s.size() - start);
  size_t run = start, i = start;
  auto flush = [&](size_t end) {
    if (end > run) d->text.AppendCopied(s.substr(run, end - run), static_cast<uint32_t>(run));
  };
  while (i < s.size()) {
    if (i + 8 <= s.size() && AsciiNoNul(Load8(s.data() + i))) {
      i += 8;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c != 0 && c < 0x80) {
      ++i;
      continue;
    }
    size_t bad = 1;
    size_t len = c == 0 ? 0 : Utf8SequenceLength(s, i, &bad);
    if (len > 0) {
      i += len;
      continue;
    }
    flush(i);
    ++d->replaced;
    AppendCodePoint(kReplacement, static_cast<uint32_t>(i), &d->text);
    i += bad;
    run = i;
  }
  flush(i);
}

void DecodeCp1252(std::string_view s, size_t start, Decoded* d) {
  d->text.Reserve((s.size() - start) * 11 / 10);
  size_t run = start;
  auto flush = [&](size_t end) {
    if (end > run) d->text.AppendCopied(s.substr(run, end - run), static_cast<uint32_t>(run));
  };
  for (size_t i = start; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c != 0 && c < 0x80) continue;
    flush(i);
    char32_t cp = c == 0 ? 0 : c < 0xA0 ? kCp1252High[c - 0x80] : c;
    if (cp == 0) {
      cp = kReplacement;
      ++d->replaced;
    }
    AppendCodePoint(cp, static_cast<uint32_t>(i), &d->text);
    run = i + 1;
  }
  flush(s.size());
}

// Bytes that are not UTF-8 are read as Windows-1252 when that explains them:
// few valid multi-byte UTF-8 sequences, and hardly any of the five bytes the
// code page leaves undefined.
bool PlausiblyCp1252(std::string_view s, const Utf8Stats& st) {
  if (st.multibyte >= st.invalid) return false;
  size_t undefined = 0, high = 0;
  for (unsigned char c : s) {
    if (c < 0x80) continue;
    ++high;
    if (c < 0xA0 && kCp1252High[c - 0x80] == 0) ++undefined;
  }
  return undefined * 20 <= high;
}

bool IsBlank(std::string_view s) {
  for (unsigned char c : s) {
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) return false;
  }
  return true;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

StatusOr<Decoded> Decode(std::string_view bytes) {
  Decoded d;
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    d.encoding = "utf-8";
    if (LooksBinary(bytes.substr(3))) return Status::InvalidArgument("looks binary, not text");
    DecodeUtf8(bytes, 3, &d);
  } else if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    bool little = bytes[0] == '\xFF';
    d.encoding = little ? "utf-16le" : "utf-16be";
    DecodeUtf16(bytes, 2, little, &d);
  } else if (Utf16Guess g = GuessBomlessUtf16(bytes); g != Utf16Guess::kNone) {
    d.encoding = g == Utf16Guess::kLittle ? "utf-16le" : "utf-16be";
    DecodeUtf16(bytes, 0, g == Utf16Guess::kLittle, &d);
  } else {
    if (IsBlank(bytes)) return Status::InvalidArgument("empty input");
    if (LooksBinary(bytes)) return Status::InvalidArgument("looks binary, not text");
    Utf8Stats st = ScanUtf8(bytes);
    if (st.invalid > 0 && PlausiblyCp1252(bytes, st)) {
      d.encoding = "windows-1252";
      DecodeCp1252(bytes, 0, &d);
    } else {
      d.encoding = "utf-8";
      if (st.invalid == 0 && std::memchr(bytes.data(), 0, bytes.size()) == nullptr) {
        d.text.AppendCopied(bytes, 0);  // valid and NUL-free (most pages): copied as is
        d.identity = true;
      } else {
        DecodeUtf8(bytes, 0, &d);
      }
    }
  }
  if (IsBlank(d.text.text())) return Status::InvalidArgument("empty input");
  // Converted text is checked again: UTF-16 may hide control characters, and
  // binary data that happens to match the UTF-16 NUL pattern is mostly junk.
  bool utf16 = StartsWith(d.encoding, "utf-16");
  if (utf16 && (LooksBinary(d.text.text()) || d.replaced * 4 > bytes.size() / 2)) {
    return Status::InvalidArgument("looks binary, not text");
  }
  d.text.SetEnd(static_cast<uint32_t>(bytes.size()));
  return d;
}

}  // namespace pactgraph
