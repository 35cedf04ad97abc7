#include "events/lexicon.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "time/tokens.h"

namespace pactgraph {
namespace events {
namespace {

struct AlnumTable {
  bool is[256];
  constexpr AlnumTable() : is() {
    for (int c = 0; c < 256; ++c) is[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
};
constexpr AlnumTable kAlnum;

bool IsAsciiAlnum(unsigned char c) { return kAlnum.is[c]; }

// Byte length of the character at s[i] when it is part of a word, 0 when it
// separates words. Non-ASCII letters count as word characters; Unicode
// punctuation (quotes, dashes, bullets, no-break space) does not.
size_t WordCharLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return IsAsciiAlnum(c) ? 1 : 0;
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) return 0;
  unsigned char c1 = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
  if (c == 0xC2) return 0;                                // U+0080..U+00BF: symbols, nbsp, guillemets
  if (c == 0xC3 && (c1 == 0x97 || c1 == 0xB7)) return 0;  // multiplication and division signs
  if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) return 0;  // general punctuation
  if (c == 0xE3 && c1 == 0x80) return 0;                  // CJK punctuation
  return len;
}

size_t CharLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return std::min(len, s.size() - i);
}

bool AllCapsAcronym(std::string_view w) {
  if (w.size() < 2) return false;
  bool upper = false;
  for (unsigned char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 0x80) return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

}  // namespace

namespace {

// Writes the case-folded s to o (s.size() bytes).
void FoldInto(std::string_view s, char* o) {
  const size_t n = s.size();
  const char* in = s.data();
  size_t i = 0;
  while (i < n) {
    uint64_t block;
    if (i + 8 <= n && (std::memcpy(&block, in + i, 8), (block & 0x8080808080808080ull) == 0)) {
      block = timex::LowerAscii8(block);  // eight ASCII bytes at once
      std::memcpy(o + i, &block, 8);
      i += 8;
      continue;
    }
    const unsigned char c = in[i];
    if (c >= 'A' && c <= 'Z') {
      o[i++] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < n) {
      const unsigned char c1 = in[i + 1];
      o[i] = static_cast<char>(c);
      o[i + 1] = static_cast<char>(c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97 ? c1 + 0x20 : c1);
      i += 2;
    } else {
      o[i++] = static_cast<char>(c);
    }
  }
}

constexpr uint64_t kHighBits = 0x8080808080808080ull;

uint64_t Load8(const void* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Eight bytes read from here + 8 - len: `len` bytes 0xFF, then zeros, in
// memory order whatever the byte order of the machine.
constexpr unsigned char kKeepBytes[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

// A mask keeping the first `len` (0 to 8) bytes of a loaded block.
uint64_t KeepFirst(size_t len) { return Load8(kKeepBytes + 8 - len); }

// The high bit of every byte of a loaded block that is an ASCII letter or
// digit. Each byte is compared on its low seven bits (so that no sum carries
// into the next byte); bytes with the high bit set are then left out.
uint64_t AsciiAlnumBytes(uint64_t block) {
  const uint64_t x = block & ~kHighBits;
  const uint64_t lower = x | 0x2020202020202020ull;  // a letter in lower case; no other byte becomes one
  const uint64_t letter = (lower + 0x1F1F1F1F1F1F1F1Full) & ~(lower + 0x0505050505050505ull);  // 'a'..'z'
  const uint64_t digit = (x + 0x5050505050505050ull) & ~(x + 0x4646464646464646ull);           // '0'..'9'
  return (letter | digit) & ~block & kHighBits;
}

// Whether `id` is among ids[0..n), sorted ascending (WordVocabulary::kNone,
// the word no pattern names, sorts above every id).
inline bool HasId(const uint32_t* ids, size_t n, uint32_t id) {
  for (size_t k = 0; k < n; ++k) {
    if (ids[k] >= id) return ids[k] == id;
  }
  return false;
}

// Bytes of padding after a scanned text's folded copy, so that a word's key
// can be read in whole blocks of eight.
constexpr size_t kKeyPadding = 8;

}  // namespace

std::string FoldCase(std::string_view s) {
  std::string out(s.size(), '\0');
  FoldInto(s, out.data());
  return out;
}

uint64_t WordVocabulary::Key(const char* p, size_t len) {
  if (len <= 8) return Load8(p) & KeepFirst(len);  // the bytes themselves: no word has a zero byte
  uint64_t h = len;
  for (size_t k = 0; k < len; k += 8) {
    const uint64_t block = Load8(p + k) & KeepFirst(std::min<size_t>(len - k, 8));
    h = (h ^ block) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return h;
}

ScannedText::ScannedText(std::string_view text, const WordVocabulary& vocab) : text_(text), vocab_(&vocab) {
  const size_t n = text.size();
  folded_.assign(n + kKeyPadding, '\0');
  FoldInto(text, folded_.data());
  words_.reserve(n / 4 + 1);
  ids_.reserve(n / 4 + 1);
  starts_.reserve(n / 4 + 1);
  const auto* raw = reinterpret_cast<const unsigned char*>(text.data());
  // Runs of ASCII are classified eight bytes at a time; a non-ASCII
  // character is looked at on its own.
  size_t i = 0;
  while (i < n) {
    if (raw[i] < 0x80) {
      if (!IsAsciiAlnum(raw[i])) {
        // Mostly one space before the next word; a longer run of separators
        // is skipped eight bytes at a time.
        ++i;
        if (i < n && raw[i] < 0x80 && !IsAsciiAlnum(raw[i])) {
          while (i + 8 <= n) {
            const uint64_t block = Load8(raw + i);
            const uint64_t interesting = AsciiAlnumBytes(block) | (block & kHighBits);
            if (interesting != 0) {
              i += timex::FirstMarkedByte(interesting);  // a letter, a digit or a non-ASCII byte
              break;
            }
            i += 8;  // eight ASCII separators
          }
        }
        continue;
      }
    } else if (WordCharLength(text, i) == 0) {
      i += CharLength(text, i);  // skip a whole separator character
      continue;
    }
    const size_t b = i;
    while (i < n) {
      if (i + 8 <= n) {
        const uint64_t stop = ~AsciiAlnumBytes(Load8(raw + i)) & kHighBits;  // separators and non-ASCII
        if (stop == 0) {
          i += 8;
          continue;
        }
        i += timex::FirstMarkedByte(stop);
        if (raw[i] < 0x80) break;  // an ASCII separator
      } else if (raw[i] < 0x80) {  // ASCII: a word character exactly when a letter or digit
        if (!IsAsciiAlnum(raw[i])) break;
        ++i;
        continue;
      }
      const size_t len = WordCharLength(text, i);
      if (len == 0) break;
      i += len;
    }
    words_.push_back(Word{static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
    const uint32_t id = vocab.Find(WordVocabulary::Key(folded_.data() + b, i - b), folded_.data() + b, i - b);
    ids_.push_back(id);
    starts_.push_back(vocab.Starts(id));
  }
}

size_t ScannedText::WordAt(uint32_t pos) const {
  return std::lower_bound(words_.begin(), words_.end(), pos,
                          [](const Word& w, uint32_t p) { return w.start < p; }) -
         words_.begin();
}

uint32_t WordVocabulary::Add(std::string_view folded) {
  std::string padded(folded);
  padded.append(kKeyPadding, '\0');
  const uint64_t key = Key(padded.data(), folded.size());
  const uint32_t known = Find(key, folded.data(), folded.size());
  if (known != kNone) return known;
  const auto id = static_cast<uint32_t>(words_.size());
  words_.emplace_back(folded);
  keys_.push_back(key);
  starts_.push_back(0);
  if (slots_.size() < 2 * words_.size()) {
    // Grow and re-insert everything: only done while lexicons are compiled.
    size_t cap = 64;
    shift_ = 58;
    while (cap < 4 * words_.size()) {
      cap *= 2;
      --shift_;
    }
    slots_.assign(cap, Slot());
    for (uint32_t k = 0; k < words_.size(); ++k) Insert(k);
  } else {
    Insert(id);
  }
  return id;
}

void WordVocabulary::Insert(uint32_t id) {
  const size_t mask = slots_.size() - 1;
  size_t s = SlotOf(keys_[id]);
  while (slots_[s].id != kNone) s = (s + 1) & mask;
  slots_[s] = Slot{keys_[id], static_cast<uint32_t>(words_[id].size()), id};
}

Status PhraseLexicon::Add(std::string_view pattern, int payload) {
  Pattern p;
  p.payload = payload;
  size_t i = 0;
  while (i < pattern.size()) {
    while (i < pattern.size() && pattern[i] == ' ') ++i;
    if (i >= pattern.size()) break;
    size_t b = i;
    while (i < pattern.size() && pattern[i] != ' ') ++i;
    std::string_view token = pattern.substr(b, i - b);
    Element el;
    size_t a = 0;
    while (a <= token.size()) {
      size_t bar = token.find('|', a);
      if (bar == std::string_view::npos) bar = token.size();
      std::string_view alt = token.substr(a, bar - a);
      a = bar + 1;
      if (alt.empty())
        return Status::InvalidArgument("empty alternative in pattern '" + std::string(pattern) + "'");
      Alt al;
      bool lead = alt.front() == '*', trail = alt.back() == '*';
      if (alt == "_") {
        al.kind = Kind::kAny;
      } else if (alt == "~") {
        al.kind = Kind::kGap;
      } else {
        std::string_view core = alt.substr(lead ? 1 : 0);
        if (trail && !core.empty()) core.remove_suffix(1);
        if (core.empty())
          return Status::InvalidArgument("bare '*' in pattern '" + std::string(pattern) + "'");
        al.kind = lead && trail ? Kind::kInfix : lead ? Kind::kSuffix : trail ? Kind::kPrefix : Kind::kExact;
        al.text = FoldCase(core);
        if (al.kind == Kind::kExact && AllCapsAcronym(core)) {
          al.exact_case = true;
          al.original = std::string(core);
        }
      }
      el.alts.push_back(std::move(al));
    }
    if (el.alts.size() > 1) {
      for (const Alt& al : el.alts) {
        if (al.kind == Kind::kGap || al.kind == Kind::kAny) {
          return Status::InvalidArgument("'_' and '~' cannot be alternatives in '" + std::string(pattern) +
                                         "'");
        }
      }
    }
    p.elements.push_back(std::move(el));
  }
  if (p.elements.empty()) return Status::InvalidArgument("empty pattern");
  if (p.elements.front().gap() || p.elements.back().gap()) {
    return Status::InvalidArgument("pattern may not start or end with '~': '" + std::string(pattern) + "'");
  }
  patterns_.push_back(std::move(p));
  return Status::OK();
}

namespace {

// Two bytes as a bit of a 4,096-bit set: the low six bits of each.
void SetPair(uint64_t (&bits)[64], char a, char b) { bits[a & 63] |= uint64_t{1} << (b & 63); }

bool HasPair(const uint64_t (&bits)[64], char a, char b) { return (bits[a & 63] >> (b & 63)) & 1; }

}  // namespace

void PhraseLexicon::Compile(std::shared_ptr<WordVocabulary> vocab) {
  for (Pattern& p : patterns_) {
    for (Element& el : p.elements) {
      el.ids.clear();
      el.ids_only = true;
      for (Alt& a : el.alts) {
        if (a.kind == Kind::kExact) a.id = vocab->Add(a.text);
        if (a.kind != Kind::kExact || a.exact_case) {
          el.ids_only = false;
        } else {
          el.ids.push_back(a.id);
        }
      }
      std::sort(el.ids.begin(), el.ids.end());
      el.ids.erase(std::unique(el.ids.begin(), el.ids.end()), el.ids.end());
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> exact;  // (first-word id, pattern)
  scanned_.clear();
  scanned_any_ = false;
  scanned_min_len_ = static_cast<size_t>(-1);
  std::fill(std::begin(scanned_last_pairs_), std::end(scanned_last_pairs_), 0);
  std::fill(std::begin(scanned_first_pairs_), std::end(scanned_first_pairs_), 0);
  scanned_unfiltered_ = false;
  for (uint32_t i = 0; i < patterns_.size(); ++i) {
    const Element& first = patterns_[i].elements.front();
    bool all_exact = std::all_of(first.alts.begin(), first.alts.end(),
                                 [](const Alt& a) { return a.kind == Kind::kExact; });
    if (!all_exact) {
      scanned_.push_back(i);
      for (const Alt& a : first.alts) {
        scanned_any_ = scanned_any_ || a.kind == Kind::kAny;
        const size_t len = a.exact_case ? a.original.size() : a.text.size();
        scanned_min_len_ = std::min(scanned_min_len_, a.kind == Kind::kAny ? size_t{0} : len);
        // An exact-case alternative matches only words whose folded form is its folded text.
        const std::string& t = a.text;
        if (t.size() < 2 || (a.kind != Kind::kExact && a.kind != Kind::kSuffix && a.kind != Kind::kPrefix)) {
          scanned_unfiltered_ = true;
        } else if (a.kind == Kind::kPrefix) {
          SetPair(scanned_first_pairs_, t[0], t[1]);
        } else {
          SetPair(scanned_last_pairs_, t[t.size() - 2], t.back());
        }
      }
      continue;
    }
    for (const Alt& a : first.alts) exact.emplace_back(a.id, i);
  }
  std::sort(exact.begin(), exact.end());
  exact.erase(std::unique(exact.begin(), exact.end()), exact.end());
  start_bit_ = vocab->NewLexiconBit();
  for (const auto& e : exact) vocab->MarkStart(e.first, start_bit_);
  first_patterns_.clear();
  rest_ids_.clear();
  first_begin_.assign(vocab->size() + 1, 0);
  for (const auto& e : exact) ++first_begin_[e.first + 1];
  for (size_t k = 1; k < first_begin_.size(); ++k) first_begin_[k] += first_begin_[k - 1];
  for (const auto& e : exact) {  // sorted by id, then pattern
    const Pattern& p = patterns_[e.second];
    // No gap, and every element tests ids only.
    const bool ids_only =
        std::all_of(p.elements.begin(), p.elements.end(), [](const Element& el) { return el.ids_only; });
    Start st;
    st.pattern = e.second;
    st.length = static_cast<uint32_t>(p.elements.size());
    st.payload = p.payload;
    st.ids_only = ids_only;
    st.rest = static_cast<uint32_t>(rest_ids_.size());
    if (ids_only) {
      for (size_t el = 1; el < p.elements.size(); ++el) {
        rest_ids_.push_back(static_cast<uint32_t>(p.elements[el].ids.size()));
        rest_ids_.insert(rest_ids_.end(), p.elements[el].ids.begin(), p.elements[el].ids.end());
      }
    }
    first_patterns_.push_back(st);
  }
  vocab_ = std::move(vocab);
}

bool PhraseLexicon::AltMatches(const Alt& a, const ScannedText& doc, size_t pos) {
  const std::string_view folded = doc.Folded(pos);
  switch (a.kind) {
    case Kind::kExact:
      return a.exact_case ? doc.Original(pos) == a.original : doc.WordId(pos) == a.id;
    case Kind::kPrefix:
      return folded.size() >= a.text.size() && folded.compare(0, a.text.size(), a.text) == 0;
    case Kind::kSuffix:
      return folded.size() >= a.text.size() &&
             folded.compare(folded.size() - a.text.size(), a.text.size(), a.text) == 0;
    case Kind::kInfix:
      return folded.find(a.text) != std::string_view::npos;
    case Kind::kAny:
      return true;
    case Kind::kGap:
      return false;
  }
  return false;
}

bool PhraseLexicon::ElementMatches(const Element& e, const ScannedText& doc, size_t pos) {
  if (e.ids_only) return HasId(e.ids.data(), e.ids.size(), doc.WordId(pos));
  for (const Alt& a : e.alts) {
    if (AltMatches(a, doc, pos)) return true;
  }
  return false;
}

bool PhraseLexicon::MatchFrom(const ScannedText& doc, const Pattern& p, size_t el, size_t pos, size_t limit,
                              size_t* end) const {
  // Word by word; only a gap branches (into its zero to three skipped words).
  for (; el < p.elements.size(); ++el, ++pos) {
    const Element& e = p.elements[el];
    if (e.gap()) {
      for (size_t skip = 0; skip <= 3 && pos + skip <= limit; ++skip) {
        if (MatchFrom(doc, p, el + 1, pos + skip, limit, end)) return true;
      }
      return false;
    }
    if (pos >= limit || !ElementMatches(e, doc, pos)) return false;
  }
  *end = pos;
  return true;
}

// (Inline: FindAll tests every word with it.)
inline bool PhraseLexicon::ScannedMayStart(const ScannedText& doc, size_t pos) const {
  if (scanned_any_) return true;
  const Word w = doc.words()[pos];
  if (w.end - w.start < scanned_min_len_) return false;
  // (Every first alternative has two bytes or more when filtered.)
  const char* f = doc.folded_data();
  if (!scanned_unfiltered_ && !HasPair(scanned_last_pairs_, f[w.end - 2], f[w.end - 1]) &&
      !HasPair(scanned_first_pairs_, f[w.start], f[w.start + 1]))
    return false;
  return ScannedFirstMatches(doc, pos);
}

bool PhraseLexicon::ScannedFirstMatches(const ScannedText& doc, size_t pos) const {
  const std::string_view folded = doc.Folded(pos);
  // AltMatches, with a cheap test of an end byte first.
  for (uint32_t pi : scanned_) {
    for (const Alt& a : patterns_[pi].elements.front().alts) {
      const size_t len = a.text.size();
      switch (a.kind) {
        case Kind::kExact:
          if (a.exact_case ? doc.Original(pos) == a.original : doc.WordId(pos) == a.id) return true;
          break;
        case Kind::kPrefix:
          if (folded.size() >= len && folded[0] == a.text[0] && folded.compare(0, len, a.text) == 0) return true;
          break;
        case Kind::kSuffix:
          if (folded.size() >= len && folded.back() == a.text.back() &&
              folded.compare(folded.size() - len, len, a.text) == 0)
            return true;
          break;
        case Kind::kInfix:
          if (folded.find(a.text) != std::string_view::npos) return true;
          break;
        case Kind::kAny:
          return true;
        case Kind::kGap:
          break;
      }
    }
  }
  return false;
}

inline bool PhraseLexicon::IdsMatch(const ScannedText& doc, const Start& st, size_t pos, size_t limit) const {
  // The first element names the word at pos (by id); the others are looked up in their ids.
  if (pos + st.length > limit) return false;
  const uint32_t* ids = rest_ids_.data() + st.rest;
  for (uint32_t el = 1; el < st.length; ++el) {
    const uint32_t word = doc.WordId(pos + el), count = *ids++;
    if (word == WordVocabulary::kNone) return false;  // a word no pattern names
    if (!HasId(ids, count, word)) return false;
    ids += count;
  }
  return true;
}

void PhraseLexicon::MatchWith(const ScannedText& doc, size_t pos, size_t limit, bool exact_start,
                              bool scanned_start, std::vector<PhraseMatch>* out) const {
  size_t before = out->size();
  auto attempt = [&](uint32_t pi) {
    size_t end = 0;
    if (MatchFrom(doc, patterns_[pi], 0, pos, limit, &end))
      out->push_back(PhraseMatch{pos, end, patterns_[pi].payload});
  };
  if (exact_start) {
    const uint32_t id = doc.WordId(pos);
    for (uint32_t k = first_begin_[id]; k < first_begin_[id + 1]; ++k) {
      const Start& st = first_patterns_[k];
      if (!st.ids_only) {
        attempt(st.pattern);
        continue;
      }
      if (IdsMatch(doc, st, pos, limit)) out->push_back(PhraseMatch{pos, pos + st.length, st.payload});
    }
  }
  // (Without scanned_start no scanned pattern's first element matches here.)
  if (scanned_start) {
    for (uint32_t pi : scanned_) attempt(pi);
  }
  if (out->size() - before > 1) {
    std::sort(out->begin() + before, out->end(),
              [](const PhraseMatch& a, const PhraseMatch& b) { return a.end_word > b.end_word; });
  }
}

inline void PhraseLexicon::MatchExact(const ScannedText& doc, size_t pos, size_t limit,
                                      std::vector<PhraseMatch>* out) const {
  // Most first words start one pattern of exact words: matched here, with nothing to sort.
  const uint32_t id = doc.WordId(pos);
  const uint32_t k = first_begin_[id];
  if (first_begin_[id + 1] - k == 1 && first_patterns_[k].ids_only) {
    const Start& st = first_patterns_[k];
    if (IdsMatch(doc, st, pos, limit)) out->push_back(PhraseMatch{pos, pos + st.length, st.payload});
    return;
  }
  MatchWith(doc, pos, limit, true, false, out);
}

void PhraseLexicon::FindAll(const ScannedText& doc, size_t begin, size_t end, size_t limit,
                            std::vector<PhraseMatch>* out) const {
  assert(&doc.vocabulary() == vocab_.get());
  const size_t stop = std::min(end, limit);
  // Most words start no pattern: only a first-word hit or a scanned pattern needs matching.
  if (scanned_.empty() && start_bit_ != 0) {
    // The words' Starts eight at a time, to the next one with this lexicon's bit.
    const uint8_t* starts = doc.starts().data();
    const uint64_t spread = start_bit_ * 0x0101010101010101ull;
    for (size_t pos = begin; pos < stop;) {
      if (pos + 8 <= stop) {
        const uint64_t hits = Load8(starts + pos) & spread;
        if (hits == 0) {
          pos += 8;
          continue;
        }
        pos += timex::FirstMarkedByte(hits);
        MatchExact(doc, pos, limit, out);
      } else if (starts[pos] & start_bit_) {
        MatchExact(doc, pos, limit, out);
      }
      ++pos;
    }
    return;
  }
  for (size_t pos = begin; pos < stop; ++pos) {
    const bool exact_start =
        start_bit_ != 0 ? (doc.Starts(pos) & start_bit_) != 0 : StartsAny(doc.WordId(pos));
    const bool scanned_start = !scanned_.empty() && ScannedMayStart(doc, pos);
    if (exact_start || scanned_start) MatchWith(doc, pos, limit, exact_start, scanned_start, out);
  }
}

}  // namespace events
}  // namespace pactgraph
