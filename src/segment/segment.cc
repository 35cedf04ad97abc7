#include "segment/segment.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace pactgraph {
namespace {

enum class Lang { kEn, kDe, kOther };

// What a word's final period means. Compiled-in because the lists are small
// and tied to the scanner's rules (see doc/front.md, "Abbreviations").
enum class Abbrev : uint8_t {
  kTitle,    // Mr. Dr. Prof.: never ends a sentence
  kInner,    // e.g. bzw. ca.: never ends a sentence
  kNumeric,  // No. Nr. Abs.: an abbreviation only before a number
  kMonth,    // Nov. Okt.: ends a sentence only before a sentence opener
  kMayEnd,   // Inc. Co. etc.: ends a sentence only before a sentence opener
};

using AbbrevTable = std::unordered_map<std::string_view, Abbrev>;

const AbbrevTable& EnglishAbbrevs() {
  static const AbbrevTable t = {
      {"mr", Abbrev::kTitle},    {"mrs", Abbrev::kTitle},    {"ms", Abbrev::kTitle},
      {"dr", Abbrev::kTitle},    {"prof", Abbrev::kTitle},   {"st", Abbrev::kTitle},
      {"sen", Abbrev::kTitle},   {"rep", Abbrev::kTitle},    {"gov", Abbrev::kTitle},
      {"gen", Abbrev::kTitle},   {"col", Abbrev::kTitle},    {"lt", Abbrev::kTitle},
      {"sgt", Abbrev::kTitle},   {"capt", Abbrev::kTitle},   {"rev", Abbrev::kTitle},
      {"hon", Abbrev::kTitle},   {"messrs", Abbrev::kTitle}, {"mt", Abbrev::kTitle},
      {"pres", Abbrev::kTitle},  {"supt", Abbrev::kTitle},   {"approx", Abbrev::kInner},
      {"ca", Abbrev::kInner},    {"cf", Abbrev::kInner},     {"esp", Abbrev::kInner},
      {"incl", Abbrev::kInner},  {"vs", Abbrev::kInner},     {"viz", Abbrev::kInner},
      {"dept", Abbrev::kInner},  {"est", Abbrev::kInner},    {"no", Abbrev::kNumeric},
      {"nos", Abbrev::kNumeric}, {"vol", Abbrev::kNumeric},  {"pp", Abbrev::kNumeric},
      {"p", Abbrev::kNumeric},   {"fig", Abbrev::kNumeric},  {"ch", Abbrev::kNumeric},
      {"sec", Abbrev::kNumeric}, {"art", Abbrev::kNumeric},  {"jan", Abbrev::kMonth},
      {"feb", Abbrev::kMonth},   {"mar", Abbrev::kMonth},    {"apr", Abbrev::kMonth},
      {"jun", Abbrev::kMonth},   {"jul", Abbrev::kMonth},    {"aug", Abbrev::kMonth},
      {"sep", Abbrev::kMonth},   {"sept", Abbrev::kMonth},   {"oct", Abbrev::kMonth},
      {"nov", Abbrev::kMonth},   {"dec", Abbrev::kMonth},    {"inc", Abbrev::kMayEnd},
      {"co", Abbrev::kMayEnd},   {"corp", Abbrev::kMayEnd},  {"ltd", Abbrev::kMayEnd},
      {"llc", Abbrev::kMayEnd},  {"plc", Abbrev::kMayEnd},   {"bros", Abbrev::kMayEnd},
      {"jr", Abbrev::kMayEnd},   {"sr", Abbrev::kMayEnd},    {"etc", Abbrev::kMayEnd},
      {"al", Abbrev::kMayEnd},   {"govt", Abbrev::kMayEnd},  {"intl", Abbrev::kMayEnd},
      {"assn", Abbrev::kMayEnd}, {"ave", Abbrev::kMayEnd},   {"blvd", Abbrev::kMayEnd},
      {"rd", Abbrev::kMayEnd},   {"mfg", Abbrev::kMayEnd},   {"e.g", Abbrev::kInner},
      {"i.e", Abbrev::kInner},
  };
  return t;
}

const AbbrevTable& GermanAbbrevs() {
  static const AbbrevTable t = {
      {"hr", Abbrev::kTitle},    {"hrn", Abbrev::kTitle},   {"fr", Abbrev::kTitle},
      {"dr", Abbrev::kTitle},    {"prof", Abbrev::kTitle},  {"dipl", Abbrev::kTitle},
      {"ing", Abbrev::kTitle},   {"st", Abbrev::kTitle},    {"mag", Abbrev::kTitle},
      {"bzw", Abbrev::kInner},   {"ca", Abbrev::kInner},    {"vgl", Abbrev::kInner},
      {"sog", Abbrev::kInner},   {"ggf", Abbrev::kInner},   {"evtl", Abbrev::kInner},
      {"inkl", Abbrev::kInner},  {"zzgl", Abbrev::kInner},  {"bspw", Abbrev::kInner},
      {"insb", Abbrev::kInner},  {"ggü", Abbrev::kInner},   {"bzgl", Abbrev::kInner},
      {"dt", Abbrev::kInner},    {"engl", Abbrev::kInner},  {"ehem", Abbrev::kInner},
      {"gem", Abbrev::kInner},   {"lt", Abbrev::kInner},    {"mind", Abbrev::kInner},
      {"max", Abbrev::kInner},   {"z.b", Abbrev::kInner},   {"d.h", Abbrev::kInner},
      {"u.a", Abbrev::kInner},   {"z.t", Abbrev::kInner},   {"s.o", Abbrev::kInner},
      {"s.u", Abbrev::kInner},   {"u.u", Abbrev::kInner},   {"v.a", Abbrev::kInner},
      {"nr", Abbrev::kNumeric},  {"abs", Abbrev::kNumeric}, {"art", Abbrev::kNumeric},
      {"s", Abbrev::kNumeric},   {"bd", Abbrev::kNumeric},  {"kap", Abbrev::kNumeric},
      {"tel", Abbrev::kNumeric}, {"jan", Abbrev::kMonth},   {"feb", Abbrev::kMonth},
      {"apr", Abbrev::kMonth},   {"jun", Abbrev::kMonth},   {"jul", Abbrev::kMonth},
      {"aug", Abbrev::kMonth},   {"sep", Abbrev::kMonth},   {"sept", Abbrev::kMonth},
      {"okt", Abbrev::kMonth},   {"nov", Abbrev::kMonth},   {"dez", Abbrev::kMonth},
      {"usw", Abbrev::kMayEnd},  {"etc", Abbrev::kMayEnd},  {"co", Abbrev::kMayEnd},
      {"inc", Abbrev::kMayEnd},  {"corp", Abbrev::kMayEnd}, {"ltd", Abbrev::kMayEnd},
      {"mio", Abbrev::kMayEnd},  {"mrd", Abbrev::kMayEnd},  {"tsd", Abbrev::kMayEnd},
      {"chr", Abbrev::kMayEnd},  {"jh", Abbrev::kMayEnd},   {"jhd", Abbrev::kMayEnd},
      {"str", Abbrev::kMayEnd},  {"mwst", Abbrev::kMayEnd},
  };
  return t;
}

using WordSet = std::unordered_set<std::string_view>;

// Words that typically open a sentence: after an ambiguous abbreviation
// ("Samsung Co. The deal"), they decide that the sentence ended.
const WordSet& SentenceOpeners() {
  static const WordSet s = {
      "The",   "A",       "An",       "It",   "Its",   "This",  "That",    "These",     "Those",
      "He",    "She",     "They",     "We",   "I",     "You",   "There",   "Here",      "In",
      "On",    "At",      "As",       "But",  "And",   "Also",  "However", "Meanwhile", "According",
      "After", "Before",  "While",    "When", "If",    "For",   "Some",    "Many",      "Most",
      "His",   "Her",     "Their",    "Our",  "Such",  "Last",  "Next",    "Earlier",   "Later",
      "Both",  "Each",    "Analysts", "Der",  "Die",   "Das",   "Den",     "Dem",       "Des",
      "Ein",   "Eine",    "Einen",    "Es",   "Er",    "Wir",   "Ich",     "Man",       "Im",
      "Am",    "Auf",     "Aus",      "Bei",  "Mit",   "Nach",  "Vor",     "Seit",      "Laut",
      "Zudem", "Auch",    "Aber",     "Doch", "Dies",  "Diese", "Dieser",  "Damit",     "Dabei",
      "Dazu",  "Denn",    "Deshalb",  "So",   "Zum",   "Zur",   "Wie",     "Was",       "Wenn",
      "Als",   "Bereits", "Bisher",   "Nun",  "Jetzt", "Unter", "Neben",   "Insgesamt"};
  return s;
}

// German words after which "3." is an ordinal ("am 3. Oktober", "im 19. Jahrhundert").
const WordSet& GermanOrdinalContext() {
  static const WordSet s = {"am",    "im",   "vom",   "zum",  "zur",   "bis", "ab",   "seit",  "der",
                            "die",   "das",  "den",   "dem",  "des",   "ein", "eine", "einen", "einem",
                            "einer", "beim", "jeden", "jede", "jedes", "ihr", "ihre", "sein",  "seine",
                            "Am",    "Im",   "Vom",   "Zum",  "Seit",  "Bis", "Der",  "Die",   "Das"};
  return s;
}

const WordSet& GermanMonths() {
  static const WordSet s = {"Januar", "Jänner", "Februar",   "März",    "April",    "Mai",      "Juni",
                            "Juli",   "August", "September", "Oktober", "November", "Dezember", "Jan",
                            "Feb",    "Mär",    "Apr",       "Jun",     "Jul",      "Aug",      "Sep",
                            "Sept",   "Okt",    "Nov",       "Dez"};
  return s;
}

struct CodePoint {
  char32_t cp;
  uint32_t len;
};

CodePoint At(std::string_view t, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(t[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  uint32_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > t.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x3F >> (len - 1));
  for (uint32_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  return {cp, len};
}

enum class Cls : uint8_t { kSpace, kWord, kPunct };

struct AlnumTable {
  bool is[256] = {};
  bool may_join[256] = {};  // see MayJoin
  constexpr AlnumTable() {
    for (int c = 0; c < 256; ++c) {
      is[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      may_join[c] =
          c >= 0x80 || c == '-' || c == '.' || c == ',' || c == ':' || c == '/' || c == '\'' || c == '&';
    }
  }
};
constexpr AlnumTable kAlnum;

inline bool IsAsciiAlnum(unsigned char c) { return kAlnum.is[c]; }

// The end of the run of ASCII letters and digits from j (eight bytes
// unrolled without bound checks while they fit).
inline size_t SkipAlnum(const char* d, size_t j, size_t n) {
  for (; j + 8 <= n; j += 8) {
    for (size_t k = 0; k < 8; ++k) {
      if (!IsAsciiAlnum(static_cast<unsigned char>(d[j + k]))) return j + k;
    }
  }
  while (j < n && IsAsciiAlnum(static_cast<unsigned char>(d[j]))) ++j;
  return j;
}

// Whether byte c may join two parts of a word (see ScanWord): the ASCII
// marks - . , : / ' & and the lead bytes of non-ASCII ones.
inline bool MayJoin(unsigned char c) { return kAlnum.may_join[c]; }

// Whether an ASCII word ends before the mark at d[j] anyway: a mark other
// than '.' (a period may belong to the word) or ':' (a URL), followed by the
// end or an ASCII byte that is not a letter or digit ("word, ", "word-)").
inline bool EndsBeforeMark(const char* d, size_t j, size_t n) {
  unsigned char c = static_cast<unsigned char>(d[j]);
  if (c >= 0x80 || c == '.' || c == ':') return false;
  if (j + 1 >= n) return true;
  unsigned char next = static_cast<unsigned char>(d[j + 1]);
  return next < 0x80 && !IsAsciiAlnum(next);
}

inline Cls ClassifyAscii(unsigned char c) {
  if (IsAsciiAlnum(c)) return Cls::kWord;
  if (c <= ' ' || c == 0x7F) return Cls::kSpace;
  return Cls::kPunct;
}

Cls Classify(char32_t c) {
  if (c < 0x80) return ClassifyAscii(static_cast<unsigned char>(c));
  if (c == 0xAD || c == 0x200C || c == 0x200D) return Cls::kWord;  // soft hyphen, ZWNJ, ZWJ join
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return Cls::kWord;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
      return Cls::kSpace;
    default:
      return Cls::kPunct;
  }
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsUpper(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c)); }
bool IsLower(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c); }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsClosing(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A;
}

// ASCII-lowercases `s` into buf; empty when it does not fit.
std::string_view Lower(std::string_view s, char* buf, size_t cap) {
  if (s.size() > cap) return {};
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string_view(buf, s.size());
}

// What the sentence pass needs to know about a token.
enum class Kind : uint8_t {
  kWord,
  kPunct,
  kTerminal,  // . ! ? … ...
  kNeverEnd,  // title, initial, ordinal, inner abbreviation (period attached)
  kMayEnd,    // ambiguous abbreviation (period attached)
  kClosing,   // ) ] ” ’ » and quotes glued to the previous token
};

class Segmenter {
 public:
  Segmenter(std::string_view text, Lang lang) : t_(text), lang_(lang) {}

  Segmented Run() {
    out_.tokens.reserve(t_.size() / 4 + 16);  // news text: ~1 token per 4.5 bytes
    kinds_.reserve(t_.size() / 4 + 16);
    Tokenize();
    FindSentences();
    return std::move(out_);
  }

 private:
  // The next word after position p: its range and how many line breaks precede it.
  struct Peek {
    size_t start = 0, end = 0;
    int newlines = 0;
    char32_t first = 0;
  };

  Peek PeekWord(size_t p) const {
    Peek pk;
    while (p < t_.size()) {
      CodePoint c = At(t_, p);
      if (Classify(c.cp) != Cls::kSpace) break;
      pk.newlines += c.cp == '\n';
      p += c.len;
    }
    pk.start = pk.end = p;
    if (p >= t_.size()) return pk;
    pk.first = At(t_, p).cp;
    while (pk.end < t_.size()) {
      CodePoint c = At(t_, pk.end);
      if (Classify(c.cp) != Cls::kWord) break;
      pk.end += c.len;
    }
    return pk;
  }

  std::string_view Text(size_t b, size_t e) const { return t_.substr(b, e - b); }

  void Emit(size_t b, size_t e, Kind k) {
    out_.tokens.push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    kinds_.push_back(k);
  }

  void Tokenize() {
    const char* d = t_.data();
    const size_t n = t_.size();
    size_t i = 0;
    while (i < n) {
      unsigned char b = static_cast<unsigned char>(d[i]);
      if (b < 0x80) {  // most bytes: no decoding, no ICU
        Cls cls = ClassifyAscii(b);
        if (cls == Cls::kSpace) {
          ++i;
        } else if (cls == Cls::kWord) {
          // Most words: ASCII letters and digits up to a byte that never
          // joins two parts (a space, most punctuation): nothing to decide.
          size_t j = SkipAlnum(d, i + 1, n);
          if (j >= n || !MayJoin(static_cast<unsigned char>(d[j])) || EndsBeforeMark(d, j, n)) {
            Emit(i, j, Kind::kWord);
            i = j < n && d[j] == ' ' ? j + 1 : j;  // the space after it, if any
          } else {
            i = ScanWord(i);
          }
        } else {
          i = ScanPunct(i, CodePoint{b, 1});
        }
        continue;
      }
      CodePoint c = At(t_, i);
      Cls cls = Classify(c.cp);
      if (cls == Cls::kSpace) {
        i += c.len;
      } else if (cls == Cls::kWord) {
        i = ScanWord(i);
      } else {
        i = ScanPunct(i, c);
      }
    }
  }

  size_t ScanPunct(size_t i, CodePoint c) {
    bool glued = !out_.tokens.empty() && out_.tokens.back().end == i;
    if (c.cp == '.' || c.cp == 0x2026) {
      size_t e = i + c.len;
      while (e < t_.size() && (t_[e] == '.' || At(t_, e).cp == 0x2026)) e += At(t_, e).len;
      Emit(i, e, Kind::kTerminal);
      return e;
    }
    if (c.cp == '!' || c.cp == '?') {
      Emit(i, i + 1, Kind::kTerminal);
      return i + 1;
    }
    // Possessive 's / ’s glued to a word: its own token.
    if (glued && IsApostrophe(c.cp) && i + c.len < t_.size() && (t_[i + c.len] | 0x20) == 's') {
      size_t after = i + c.len + 1;
      if (after >= t_.size() || Classify(At(t_, after).cp) != Cls::kWord) {
        Emit(i, after, Kind::kWord);
        return after;
      }
    }
    Kind k = Kind::kPunct;
    if (IsClosing(c.cp) || (glued && (c.cp == '"' || c.cp == '\''))) k = Kind::kClosing;
    Emit(i, i + c.len, k);
    return i + c.len;
  }

  struct WordShape {
    bool all_digits = true;
    bool inner_dot = false;
    size_t chars = 0;
  };

  // Scans a word from i, joining inner hyphens, dots, number marks and
  // apostrophes; emits it (with its period when that belongs to it).
  size_t ScanWord(size_t i) {
    WordShape shape;
    size_t j = i, seg_start = i;
    for (;;) {
      while (j < t_.size()) {
        size_t run = j;  // ASCII letters and digits: one tight loop
        j = SkipAlnum(t_.data(), j, t_.size());
        if (j > run) {
          shape.chars += j - run;
          for (size_t k = run; shape.all_digits && k < j; ++k) shape.all_digits = t_[k] <= '9';
          continue;
        }
        if (static_cast<unsigned char>(t_[j]) < 0x80) break;
        CodePoint c = At(t_, j);
        if (Classify(c.cp) != Cls::kWord) break;
        if (!IsDigit(c.cp)) shape.all_digits = false;
        ++shape.chars;
        j += c.len;
      }
      if (j >= t_.size()) break;
      // Most words end at a space or a mark that never joins two parts.
      if (!MayJoin(static_cast<unsigned char>(t_[j]))) break;
      CodePoint c = At(t_, j);
      size_t nx = j + c.len;
      if (nx >= t_.size()) break;
      CodePoint n = At(t_, nx);
      bool next_word = Classify(n.cp) == Cls::kWord;
      bool prev_digit = IsDigit(static_cast<unsigned char>(t_[j - 1]));
      if (!next_word) {
        if (c.cp == ':' && (Text(i, j) == "http" || Text(i, j) == "https")) {
          if (t_.substr(j, 3) == "://") return ScanUrl(i, j);
        }
        break;
      }
      if (IsHyphen(c.cp)) {
        shape.all_digits = false;
      } else if (c.cp == '.') {
        if (prev_digit && IsDigit(n.cp)) {
          // decimal or thousands mark: 1.3, 1.000
        } else if (!prev_digit && !IsDigit(n.cp) && (IsLower(n.cp) || j - seg_start <= 2)) {
          shape.inner_dot = true;  // U.S, e.g, fr.yna.co.kr
        } else {
          break;
        }
        seg_start = nx;
      } else if (c.cp == ',' || c.cp == ':' || c.cp == '/') {
        if (!(prev_digit && IsDigit(n.cp))) break;
      } else if (IsApostrophe(c.cp)) {
        if ((n.cp | 0x20) == 's') {
          size_t after = nx + 1;
          if (after >= t_.size() || Classify(At(t_, after).cp) != Cls::kWord) break;
        }
        shape.all_digits = false;
      } else if (c.cp == '&') {
        if (!(IsUpper(static_cast<unsigned char>(t_[j - 1])) && IsUpper(n.cp))) break;
      } else {
        break;
      }
      j = nx;
    }
    EmitWord(i, j, shape);
    return out_.tokens.back().end;
  }

  size_t ScanUrl(size_t i, size_t j) {
    while (j < t_.size() && Classify(At(t_, j).cp) != Cls::kSpace) j += At(t_, j).len;
    // A URL does not own the sentence's final period or a closing bracket.
    while (j > i && (t_[j - 1] == '.' || t_[j - 1] == ',' || t_[j - 1] == ')')) --j;
    Emit(i, j, Kind::kWord);
    return j;
  }

  void EmitWord(size_t b, size_t e, const WordShape& shape) {
    bool period = e < t_.size() && t_[e] == '.' && !(e + 1 < t_.size() && t_[e + 1] == '.');
    if (!period) {
      Emit(b, e, Kind::kWord);
      return;
    }
    Kind k = PeriodKind(b, e, shape);
    if (k == Kind::kWord) {
      Emit(b, e, Kind::kWord);
    } else {
      Emit(b, e + 1, k);
    }
  }

  // The longest abbreviation in either table: longer words need no lookup.
  static size_t MaxAbbrevLength() {
    static const size_t max_len = [] {
      size_t m = 0;
      for (const AbbrevTable* table : {&EnglishAbbrevs(), &GermanAbbrevs()}) {
        for (const auto& [key, value] : *table) m = std::max(m, key.size());
      }
      return m;
    }();
    return max_len;
  }

  bool Lookup(std::string_view lower, Abbrev* kind) const {
    for (const AbbrevTable* table : {&EnglishAbbrevs(), &GermanAbbrevs()}) {
      if (lang_ == Lang::kEn && table != &EnglishAbbrevs()) continue;
      if (lang_ == Lang::kDe && table != &GermanAbbrevs()) continue;
      auto it = table->find(lower);
      if (it != table->end()) {
        *kind = it->second;
        return true;
      }
    }
    return false;
  }

  // Kind::kWord when the period after word [b, e) is punctuation of its own;
  // otherwise the kind of the word-with-period token. The word after the
  // period is looked at only for the few words whose kind depends on it.
  Kind PeriodKind(size_t b, size_t e, const WordShape& shape) const {
    std::string_view word = Text(b, e);
    if (shape.all_digits) return IsGermanOrdinal(word, e + 1) ? Kind::kNeverEnd : Kind::kWord;
    if (shape.chars == 1) return Kind::kNeverEnd;  // an initial: J. K. Rowling, z. B.
    char buf[16];
    Abbrev a;
    if (word.size() <= MaxAbbrevLength()) {
      std::string_view lower = Lower(word, buf, sizeof buf);
      if (!lower.empty() && Lookup(lower, &a)) {
        switch (a) {
          case Abbrev::kTitle:
          case Abbrev::kInner:
            return Kind::kNeverEnd;
          case Abbrev::kNumeric:
            return IsDigit(PeekWord(e + 1).first) ? Kind::kNeverEnd : Kind::kWord;
          case Abbrev::kMonth:
            return IsDigit(PeekWord(e + 1).first) ? Kind::kNeverEnd : Kind::kMayEnd;
          case Abbrev::kMayEnd:
            return Kind::kMayEnd;
        }
      }
    }
    if (shape.inner_dot) return Kind::kMayEnd;  // U.S., U.K., S.A.
    return Kind::kWord;
  }

  // Whether the number before the period at `after` - 1 is a German ordinal.
  bool IsGermanOrdinal(std::string_view number, size_t after) const {
    if (lang_ == Lang::kEn || number.size() > 3) return false;
    const Peek next = PeekWord(after);
    if (next.newlines > 0 || next.start >= t_.size()) return false;
    if (IsLower(next.first) || GermanMonths().count(Text(next.start, next.end))) return true;
    if (out_.tokens.empty()) return false;
    const Token& prev = out_.tokens.back();
    return GermanOrdinalContext().count(Text(prev.start, prev.end)) > 0;
  }

  bool StartsSentence(size_t k) const {
    const Token& tok = out_.tokens[k];
    return SentenceOpeners().count(Text(tok.start, tok.end)) > 0;
  }

  // Whether a sentence ends between token k and k+1. FindSentences has
  // already ruled out a word or punctuation token without a line break after
  // it (most tokens), which never ends a sentence.
  bool EndsAfter(size_t k, size_t first) {
    const Token& a = out_.tokens[k];
    const Token& b = out_.tokens[k + 1];
    int newlines = 0;
    for (size_t p = a.end; p < b.start; ++p) {
      newlines += t_[p] == '\n';
    }
    if (newlines >= 2) return true;
    bool glued = a.end == b.start;
    if (glued && kinds_[k + 1] == Kind::kClosing) return false;  // wait for the closing quote
    // The token that decides: k itself, or the terminal before its closing marks.
    size_t d = k;
    while (d > first && kinds_[d] == Kind::kClosing && out_.tokens[d].start == out_.tokens[d - 1].end) --d;
    Kind kind = kinds_[d];
    bool decides = kind == Kind::kTerminal || kind == Kind::kMayEnd;
    if (!decides && (kind == Kind::kNeverEnd || newlines != 1)) return false;  // not after a terminal or a line break
    char32_t next = At(t_, b.start).cp;
    switch (kind) {
      case Kind::kTerminal:
        if (glued) return false;  // "3.5.", "Ende.Die": not a clean boundary
        if (newlines > 0) return true;
        if (IsLower(next)) return false;
        return !(next == ',' || next == ';' || next == ':' || next == ')');
      case Kind::kMayEnd:
        return newlines > 0 ? !IsLower(next) : StartsSentence(k + 1);
      case Kind::kNeverEnd:
        return false;
      default:
        return newlines == 1 && LineBreakEndsSentence(k, next);
    }
  }

  // A line that ends without sentence punctuation (a headline, a list item)
  // is a sentence of its own when the next line starts a new block; in
  // hard-wrapped text, line breaks inside sentences are ordinary spaces.
  bool LineBreakEndsSentence(size_t k, char32_t next) const {
    if (hard_wrapped_ || IsLower(next)) return false;
    const Token& last = out_.tokens[k];
    char c = t_[last.end - 1];
    return !(c == ',' || c == '-' || c == '&' || c == '(');  // a list or phrase goes on
  }

  // Hard-wrapped text: most lines between 50 and 80 bytes long.
  bool DetectHardWrap() const {
    size_t lines = 0, wrapped = 0, start = 0;
    while (start < t_.size()) {
      const void* nl = std::memchr(t_.data() + start, '\n', t_.size() - start);
      size_t end = nl ? static_cast<const char*>(nl) - t_.data() : t_.size();
      size_t len = end - start;
      if (len > 0) {
        ++lines;
        wrapped += len >= 50 && len <= 80;
      }
      start = end + 1;
    }
    return lines >= 6 && wrapped * 10 >= lines * 6;
  }

  void FindSentences() {
    size_t n = out_.tokens.size();
    if (n == 0) return;
    hard_wrapped_ = DetectHardWrap();
    out_.sentences.reserve(n / 15 + 1);
    size_t first = 0;
    // The first line break at or after the end of the current token (the
    // text's size when there is none), advanced as the tokens go on: a word
    // or punctuation token ends no sentence unless the gap after it holds a
    // line break, and this answers that with a comparison.
    auto newline_from = [&](size_t p) {
      const void* nl = std::memchr(t_.data() + p, '\n', t_.size() - p);
      return nl ? static_cast<size_t>(static_cast<const char*>(nl) - t_.data()) : t_.size();
    };
    size_t next_newline = newline_from(0);
    for (size_t k = 0; k < n; ++k) {
      if (k + 1 < n) {
        if (kinds_[k] == Kind::kWord || kinds_[k] == Kind::kPunct) {
          if (next_newline < out_.tokens[k].end) next_newline = newline_from(out_.tokens[k].end);
          if (next_newline >= out_.tokens[k + 1].start) continue;
        }
        if (!EndsAfter(k, first)) continue;
      }
      out_.sentences.push_back(Sentence{out_.tokens[first].start, out_.tokens[k].end,
                                        static_cast<uint32_t>(first), static_cast<uint32_t>(k + 1)});
      first = k + 1;
    }
  }

  std::string_view t_;
  Lang lang_;
  Segmented out_;
  std::vector<Kind> kinds_;
  bool hard_wrapped_ = false;
};

}  // namespace

Segmented Segment(std::string_view text, const std::string& lang) {
  Lang l = lang == "en" ? Lang::kEn : lang == "de" ? Lang::kDe : Lang::kOther;
  return Segmenter(text, l).Run();
}

}  // namespace pactgraph
