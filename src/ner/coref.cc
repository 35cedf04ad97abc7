#include "ner/coref.h"

#include <algorithm>
#include <array>
#include <memory>
#include <numeric>
#include <unordered_map>

#include "util/hash.h"

namespace pactgraph {
namespace ner {
namespace {

// Writes NameKey(name) to out (room for name.size() bytes: folding never
// makes the text longer) and returns its length.
size_t WriteNameKey(std::string_view name, char* out) {
  // ASCII bytes fold on their own: the table gives their key byte (0 when
  // the key drops them).
  static constexpr std::array<char, 128> kAsciiKey = [] {
    std::array<char, 128> t{};
    for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c + 32);
    return t;
  }();
  size_t n = 0, i = 0;
  for (; i < name.size() && static_cast<unsigned char>(name[i]) < 0x80; ++i)
    if (char k = kAsciiKey[static_cast<unsigned char>(name[i])]) out[n++] = k;
  if (i < name.size()) {
    // From the first non-ASCII byte on (an ASCII byte is always folded alone,
    // so the folding walk starts afresh there): folded letters, digits and
    // non-ASCII bytes.
    ForEachFolded(name.substr(i), [&](char ch) {
      unsigned char c = static_cast<unsigned char>(ch);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[n++] = ch;
      return true;
    });
    // Typographic punctuation (multi-byte, E2 80 xx) is not part of a name;
    // dropped in place (the write position never passes the read position).
    size_t kept = 0;
    for (size_t j = 0; j < n; ++j) {
      if (static_cast<unsigned char>(out[j]) == 0xE2 && j + 2 < n) {
        j += 2;
        continue;
      }
      out[kept++] = out[j];
    }
    n = kept;
  }
  return n;
}

// Appends NameKey(name) to *key.
void AppendNameKey(std::string_view name, std::string* key) {
  const size_t old = key->size();
  key->resize(old + name.size());
  key->resize(old + WriteNameKey(name, key->data() + old));
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A filter for key lookups from the words of a text. A word whose first two
// bytes are ASCII letters or digits has a key, and so has every name or
// piece starting with it, that begins with those two bytes lower-cased: when
// no key of the set begins so, no lookup from that word can succeed. (Keys
// shorter than two bytes match no such word and are not added.)
class KeyStarts {
 public:
  void Add(std::string_view key) {
    if (key.size() < 2) return;
    const unsigned bit = Bit(static_cast<unsigned char>(key[0]), static_cast<unsigned char>(key[1]));
    bits_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  // False when no key of the set can begin as a key from `word` does.
  bool MayStart(std::string_view word) const {
    if (word.size() < 2 || !IsAsciiAlnum(word[0]) || !IsAsciiAlnum(word[1])) return true;
    const unsigned bit =
        Bit(static_cast<unsigned char>(AsciiLower(word[0])), static_cast<unsigned char>(AsciiLower(word[1])));
    return ((bits_[bit >> 6] >> (bit & 63)) & 1) != 0;
  }

 private:
  static unsigned Bit(unsigned char a, unsigned char b) { return (a * 37u + b) & 1023u; }
  std::array<uint64_t, 16> bits_{};  // a bit per hashed pair of first bytes
};

// The types of the entities a document reports.
constexpr std::string_view kEntityTypes[] = {"PERSON", "ORG", "PRODUCT", "LOC", "EVENT"};

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  // The earlier item stays the root, so roots are stable in document order.
  void Union(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
    ++merges_;
  }
  // How many unions joined two groups so far.
  size_t merges() const { return merges_; }
  void Grow(size_t n) {
    size_t old = parent_.size();
    parent_.resize(n);
    for (size_t i = old; i < n; ++i) parent_[i] = i;
  }

 private:
  std::vector<size_t> parent_;
  size_t merges_ = 0;
};

struct Item {
  Candidate c;
  std::string_view text;  // the mention as written (a view of the document text)
  std::string key;        // NameKey of the canonical hint or the text
};

// The number of space-separated words of s and the first and last of them
// (what the rules want of a name's words), without building their list.
struct SpaceWords {
  size_t count = 0;
  std::string_view first, last;
};
SpaceWords SpaceWordEdges(std::string_view s) {
  SpaceWords out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) {
      if (out.count++ == 0) out.first = s.substr(b, i - b);
      out.last = s.substr(b, i - b);
    }
  }
  return out;
}

// The number of space-separated words of s.
size_t CountSpaceWords(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) ++n;
  return n;
}

std::string StripYear(std::string key) {
  if (key.size() > 6) {
    std::string_view tail(key.data() + key.size() - 4, 4);
    if ((tail.substr(0, 2) == "19" || tail.substr(0, 2) == "20") &&
        std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; }))
      key.resize(key.size() - 4);
  }
  return key;
}

// East-Asian order, as the candidate says or as the name looks: two words,
// the second hyphenated ("Lee Jae-yong"), the first not.
bool FamilyFirst(const Candidate& c, const SpaceWords& parts) {
  return c.family_first || (parts.count == 2 && parts.last.find('-') != std::string_view::npos &&
                            parts.first.find('-') == std::string_view::npos);
}

// The space-separated word of s that ends at or before `end`.
std::string_view WordBefore(std::string_view s, size_t end) {
  while (end > 0 && s[end - 1] == ' ') --end;
  size_t b = end;
  while (b > 0 && s[b - 1] != ' ') --b;
  return s.substr(b, end - b);
}

// The word of a person's name that stands alone for them later, with the
// lower-case particles (lexicon class name_particle) in front of it ("de
// Groot" for "Tomas de Groot"), as the concatenated keys of those words, in
// *key; empty for a one-word name. `text` is the candidate's text.
void SurnameKeyInto(const Resources& res, const Candidate& c, std::string_view text, std::string* key) {
  key->clear();
  const SpaceWords parts = SpaceWordEdges(text);
  if (parts.count < 2) return;
  if (FamilyFirst(c, parts)) {
    NameKeyInto(parts.first, key);
    return;
  }
  auto particle = [&](std::string_view w) {
    return StartsLower(w) && (res.lexicon.Mask(FoldedHash(w)) & res.bits.name_particle) != 0;
  };
  // Back from the last word over particles, never to the first word.
  size_t from = static_cast<size_t>(parts.last.data() - text.data());
  for (size_t b = parts.count - 1; b > 1; --b) {
    std::string_view prev = WordBefore(text, from);
    if (!particle(prev)) break;
    from = static_cast<size_t>(prev.data() - text.data());
  }
  // The key of each word from there on, word by word (one key of the whole
  // rest could differ where a word ends in a broken UTF-8 sequence).
  for (size_t i = from; i < text.size();) {
    size_t e = text.find(' ', i);
    if (e == std::string_view::npos) e = text.size();
    if (e > i) AppendNameKey(text.substr(i, e - i), key);
    i = e + 1;
  }
}

int SourceWeight(Source s) {
  switch (s) {
    case Source::kGazetteer:
    case Source::kPattern:
      return 3;
    case Source::kAlias:
      return 2;
    case Source::kTagger:
      return 1;
  }
  return 1;
}

// "Mach-1" -> ("mach", "1"); empty stem when not of that shape.
std::pair<std::string, std::string> ModelParts(std::string_view text) {
  size_t dash = text.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= text.size()) return {};
  std::string_view num = text.substr(dash + 1);
  if (!(num[0] >= '0' && num[0] <= '9')) return {};
  return {Fold(text.substr(0, dash)), std::string(num)};
}

// Can the acronym letters [ai..] be spelled by the initials of words [wi..]?
bool SpellsAcronym(std::string_view acr, size_t ai, const std::vector<std::string_view>& words, size_t wi) {
  if (ai == acr.size()) {
    for (size_t k = wi; k < words.size(); ++k)
      if (StartsUpper(words[k])) return false;
    return true;
  }
  if (wi == words.size()) return false;
  std::string_view w = words[wi];
  if (!StartsUpper(w) && !HasDigit(w)) {
    // Lower-case connectors ("of", "and", "&") may be skipped.
    return wi > 0 && SpellsAcronym(acr, ai, words, wi + 1);
  }
  // Letters this word may contribute, in order: all capitals of an acronym
  // word ("AI"), else the initials of its hyphen parts ("High-Bandwidth").
  std::string letters;
  if (IsAllCaps(w)) {
    for (char c : w)
      if (c >= 'A' && c <= 'Z') letters.push_back(c);
  } else {
    letters.push_back(w[0]);
    for (size_t k = 1; k + 1 < w.size(); ++k)
      if (w[k] == '-' && w[k + 1] >= 'A' && w[k + 1] <= 'Z') letters.push_back(w[k + 1]);
  }
  for (size_t take = 1; take <= letters.size() && ai + take <= acr.size(); ++take) {
    if (letters[take - 1] != acr[ai + take - 1]) break;
    if (SpellsAcronym(acr, ai + take, words, wi + 1)) return true;
  }
  return false;
}

// Capitals and digits, 2 to 6 of them; an inner '&' stands for "and" ("S&N").
bool IsAcronymWord(std::string_view w) {
  if (w.size() < 2 || w.size() > 7 || w.front() == '&' || w.back() == '&') return false;
  size_t letters = 0;
  for (char c : w) {
    if (c == '&') continue;
    if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) return false;
    ++letters;
  }
  return letters >= 2 && letters <= 6;
}

// "( LF )" at word i: a bracket, an acronym word, a closing bracket.
bool BracketedAcronymAt(const std::vector<Word>& words, size_t i) {
  // One byte each: tested as bytes, the test most words fail is a compare.
  auto is = [&](size_t k, char c) { return words[k].text.size() == 1 && words[k].text[0] == c; };
  return i + 2 < words.size() && is(i, '(') && is(i + 2, ')') && IsAcronymWord(words[i + 1].text);
}

// The letters an acronym spells ("S&N" -> "SN").
std::string AcronymLetters(std::string_view w) {
  std::string out;
  for (char c : w)
    if (c != '&') out.push_back(c);
  return out;
}

// Whether the acronym spells the long form words [first, last) (punctuation
// other than "&" left out), or spells it and adds one last letter for a word
// the text leaves out ("Hindustan Aeronautics (HAL)", L for Limited) when the
// long form has at least two capitalised words.
bool SpellsLongForm(std::string_view acr_word, const std::vector<Word>& words, size_t first, size_t last,
                    bool allow_extra) {
  std::vector<std::string_view> lw;
  for (size_t w = first; w < last; ++w)
    if (!words[w].Is(kPunct) || words[w].text == "&") lw.push_back(words[w].text);
  const std::string acr = AcronymLetters(acr_word);
  if (SpellsAcronym(acr, 0, lw, 0)) return true;
  if (!allow_extra || acr.size() < 3) return false;
  size_t caps = 0;
  for (std::string_view w : lw) caps += StartsUpper(w) ? 1 : 0;
  return caps >= 2 && SpellsAcronym(std::string_view(acr).substr(0, acr.size() - 1), 0, lw, 0);
}

// Keys of names and the groups (by root item) they name: pairs added, then
// merged into one per key, then looked up. The keys are kept end to end in
// one string and ordered by a hash of them first, so that sorting and
// searching compare numbers and move small entries, not strings.
class KeyRoots {
 public:
  // Room for n pairs of keys of about a name's length, grown at once.
  void Reserve(size_t n) {
    entries_.reserve(n);
    keys_.reserve(n * 16);
  }
  void Add(std::string_view key, long root) {
    entries_.push_back(
        Entry{Hash(key), static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(key.size()), root});
    keys_.append(key);
  }
  // Sorts the pairs and keeps one per key: its root when every pair of the
  // key names the same group, else -1 (ambiguous).
  void Merge() {
    std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
      if (a.hash != b.hash) return a.hash < b.hash;
      const std::string_view ka = Key(a), kb = Key(b);
      return ka != kb ? ka < kb : a.root < b.root;
    });
    size_t out = 0;
    for (size_t i = 0; i < entries_.size();) {
      Entry e = entries_[i];
      size_t j = i + 1;
      for (; j < entries_.size() && SameKey(entries_[j], e); ++j)
        if (entries_[j].root != e.root) e.root = -1;
      entries_[out++] = e;
      i = j;
    }
    entries_.resize(out);
  }
  // The root Merge kept for key, -1 when the key is not there.
  long Find(std::string_view key) const {
    const Entry probe{Hash(key), 0, 0, 0};
    auto it = std::lower_bound(entries_.begin(), entries_.end(), probe, [&](const Entry& e, const Entry& p) {
      return e.hash != p.hash ? e.hash < p.hash : Key(e) < key;
    });
    return it != entries_.end() && it->hash == probe.hash && Key(*it) == key ? it->root : -1;
  }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  std::string_view key(size_t i) const { return Key(entries_[i]); }
  long root(size_t i) const { return entries_[i].root; }

 private:
  struct Entry {
    uint64_t hash;          // Hash(key)
    uint32_t offset, size;  // of the key in keys_
    long root;
  };
  static uint64_t Hash(std::string_view key) { return Fnv1a64(key); }
  std::string_view Key(const Entry& e) const { return std::string_view(keys_).substr(e.offset, e.size); }
  bool SameKey(const Entry& a, const Entry& b) const { return a.hash == b.hash && Key(a) == Key(b); }
  std::string keys_;
  std::vector<Entry> entries_;
};

// Every other use of an organisation's or product's name is a mention of
// it, wherever the rules or the tagger missed it: a name found once in a
// telling context ("der Chipentwickler Halvora") is the same name at a
// sentence start, in a headline, as the head of a compound
// ("Halvora-Chefin") or in a German genitive ("Halvoras").
void PropagateNames(const Resources& res, std::string_view text, const std::vector<Word>& words,
                    const std::vector<std::string_view>& type_of, std::vector<uint8_t>* covered,
                    std::vector<Item>* items, UnionFind* uf) {
  constexpr size_t kMaxWords = 3;
  KeyRoots by_key;  // key of the written words -> root, -1 when ambiguous
  KeyRoots short_key;
  by_key.Reserve(2 * items->size() + 8);  // two keys of each name (and the first words)
  std::string key_buf;  // scratch key; one buffer for all keys built here
  for (size_t i = 0; i < items->size(); ++i) {
    const Item& it = (*items)[i];
    if (!SameText(type_of[i], "ORG") && !SameText(type_of[i], "PRODUCT")) continue;
    if (it.c.gaz_flags & kAmbiguous) continue;
    if (it.c.last - it.c.first > kMaxWords || it.c.last > words.size()) continue;
    if (it.c.last - it.c.first == 1) {
      const Word& w = words[it.c.first];
      if (!w.Is(kUpper) || w.Is(kPunct) || w.In(res.bits.stop) || w.In(res.bits.common_cap) ||
          w.In(res.bits.term) || w.In(res.bits.month) || w.In(res.bits.weekday) || w.text.size() < 3)
        continue;
    }
    long root = static_cast<long>(uf->Find(i));
    // The name as written, and without its legal suffix ("Brightlane" for "Brightlane Inc.").
    NameKeyInto(it.text, &key_buf);
    if (key_buf.size() >= 3) by_key.Add(key_buf, root);
    if (it.key.size() >= 3) by_key.Add(it.key, root);
    // The first word of an organisation's name stands for it when no other
    // organisation starts with it ("Varnex" for "Varnex Semiconductor").
    if (SameText(type_of[i], "ORG") && it.c.last - it.c.first >= 2 && !(it.c.gaz_flags & kDistinct)) {
      const Word& w = words[it.c.first];
      if (w.Is(kUpper) && !w.Is(kPunct) && w.text.size() >= 4 && !w.In(res.bits.stop) &&
          !w.In(res.bits.common_cap) && !w.In(res.bits.term) && !w.In(res.bits.given_name)) {
        NameKeyInto(w.text, &key_buf);
        short_key.Add(key_buf, root);
      }
    }
  }
  short_key.Merge();
  for (size_t k = 0; k < short_key.size(); ++k)
    if (short_key.root(k) >= 0) by_key.Add(short_key.key(k), short_key.root(k));
  if (by_key.empty()) return;
  by_key.Merge();
  // Most capitalised words start none of the document's names, and each
  // costs up to five keys built and looked up: a word that starts no key
  // of the document (KeyStarts) is passed over.
  KeyStarts key_starts;
  for (size_t k = 0; k < by_key.size(); ++k) key_starts.Add(by_key.key(k));
  auto add = [&](size_t first, size_t last, uint32_t start, uint32_t end, long root) {
    Candidate c;
    c.first = static_cast<uint32_t>(first);
    c.last = static_cast<uint32_t>(last);
    c.start = start;
    c.end = end;
    c.type = type_of[static_cast<size_t>(root)];
    c.source = Source::kAlias;
    const std::string_view written = text.substr(start, end - start);
    items->push_back(Item{std::move(c), written, NameKey(written)});
    uf->Grow(items->size());
    uf->Union(static_cast<size_t>(root), items->size() - 1);
    for (size_t k = first; k < last; ++k) (*covered)[k] = 1;
  };
  auto lookup = [&](std::string_view name) -> long {
    NameKeyInto(name, &key_buf);
    return by_key.Find(key_buf);
  };
  // One-word tagger guesses ("Orbis" read as a person) give way to a name
  // the document establishes: they join it and take its type.
  // They are few: (word, item) of each, by word; of two on one word the later item counts.
  std::vector<std::pair<size_t, size_t>> tagger_words;
  for (size_t k = 0; k < items->size(); ++k) {
    const Candidate& c = (*items)[k].c;
    if (c.source == Source::kTagger && c.last == c.first + 1 && c.first < words.size())
      tagger_words.emplace_back(c.first, k);
  }
  if (!tagger_words.empty()) {
    std::stable_sort(tagger_words.begin(), tagger_words.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<uint8_t> rule_backed(items->size(), 0);  // by root: has a mention not from the tagger
    for (size_t k = 0; k < items->size(); ++k)
      if ((*items)[k].c.source != Source::kTagger) rule_backed[uf->Find(k)] = 1;
    for (size_t x = 0; x < tagger_words.size(); ++x) {
      if (x + 1 < tagger_words.size() && tagger_words[x + 1].first == tagger_words[x].first) continue;
      const size_t w = tagger_words[x].first, k = tagger_words[x].second;
      if (rule_backed[uf->Find(k)]) continue;
      long r = lookup(words[w].text);
      if (r < 0 || uf->Find(k) == static_cast<size_t>(r)) continue;
      size_t group = uf->Find(k);
      for (size_t j = 0; j < items->size(); ++j)
        if (uf->Find(j) == group) (*items)[j].c.type = type_of[static_cast<size_t>(r)];
      uf->Union(static_cast<size_t>(r), k);
    }
  }
  for (size_t w = 0; w < words.size(); ++w) {
    if ((*covered)[w] || words[w].Is(kPunct) || !(words[w].Is(kUpper) || words[w].Is(kAllCaps))) continue;
    if (!key_starts.MayStart(words[w].text)) continue;
    bool found = false;
    for (size_t n = kMaxWords; n >= 1 && !found; --n) {
      if (w + n > words.size()) continue;
      bool free = true;
      for (size_t k = w; k < w + n; ++k) free = free && !(*covered)[k];
      if (!free) continue;
      long r = lookup(text.substr(words[w].start, words[w + n - 1].end - words[w].start));
      if (r >= 0) {
        add(w, w + n, words[w].start, words[w + n - 1].end, r);
        w += n - 1;
        found = true;
      }
    }
    if (found) continue;
    std::string_view t = words[w].text;
    size_t dash = t.find('-');
    if (dash != std::string_view::npos && dash >= 3) {  // "Halvora-Chefin", "Kairos-Fabrik"
      long r = lookup(t.substr(0, dash));
      if (r >= 0) add(w, w + 1, words[w].start, words[w].start + static_cast<uint32_t>(dash), r);
      continue;
    }
    if (t.size() > 4 && t.back() == 's') {  // German genitive "Halvoras"
      long r = lookup(t.substr(0, t.size() - 1));
      if (r >= 0) add(w, w + 1, words[w].start, words[w].end, r);
    }
  }
}

}  // namespace

void NameKeyInto(std::string_view name, std::string* key) {
  key->resize(name.size());
  key->resize(WriteNameKey(name, key->data()));
}

std::string NameKey(std::string_view name) {
  std::string key;
  NameKeyInto(name, &key);
  return key;
}

size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap + 1);
}

namespace {

// Lower-case words that may stand inside a long form ("Institute of
// Purchasing and Supply", "Telecommunications and Post Company").
bool LongFormConnector(std::string_view w) {
  static constexpr std::string_view kWords[] = {"of",  "and", "for", "&",   "de",  "du",  "la",
                                                "del", "der", "die", "das", "des", "und", "für"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool LongFormType(const std::string& type) { return type == "ORG" || type == "EVENT" || type == "PRODUCT"; }

}  // namespace

// A long form the earlier stages cut into pieces or left short ("Iraqi
// Telecommunications" + "Post Company" before "(ITPC)"; "Chartered Institute"
// before "of Purchasing and Supply (CIPS)"): the shortest run of capitalised
// words and connectors before the bracket whose initials spell the acronym
// becomes one candidate, replacing the candidates inside it. Only when one
// of them is an organisation, event or product and none sticks out of it.
// `brackets` lists the words where "( LF )" stands (BracketedAcronymAt).
void ExtendLongForms(const std::vector<Word>& words, const std::vector<size_t>& brackets,
                     std::vector<Candidate>* cands) {
  constexpr size_t kMaxLongForm = 8;  // words
  std::vector<bool> remove(cands->size(), false);
  bool changed = false;
  for (size_t i : brackets) {
    const std::string_view acr = words[i + 1].text;
    const size_t floor = i > kMaxLongForm ? i - kMaxLongForm : 0;
    for (size_t k = i; k-- > floor;) {
      std::string_view t = words[k].text;
      const bool cap = StartsUpper(t) || HasDigit(t);
      if (!cap && !LongFormConnector(t)) break;
      if (!cap) continue;
      // Initials of words [k, i), connectors skipped as SpellsAcronym does.
      if (!SpellsLongForm(acr, words, k, i, /*allow_extra=*/false)) continue;
      // Found [k, i): the candidates inside it, none across its edges.
      long keep = -1;
      bool crosses = false;
      for (size_t c = 0; c < cands->size(); ++c) {
        const Candidate& cand = (*cands)[c];
        if (remove[c] || cand.last <= k || cand.first >= i) continue;
        if (cand.first < k || cand.last > i) {
          crosses = true;
          break;
        }
        if (LongFormType(cand.type) &&
            (keep < 0 || cand.last - cand.first > (*cands)[keep].last - (*cands)[keep].first))
          keep = static_cast<long>(c);
      }
      if (crosses || keep < 0) break;
      Candidate& merged = (*cands)[static_cast<size_t>(keep)];
      if (merged.first == k && merged.last == i) break;  // already whole
      for (size_t c = 0; c < cands->size(); ++c) {
        const Candidate& cand = (*cands)[c];
        if (static_cast<long>(c) != keep && cand.first >= k && cand.last <= i) remove[c] = true;
      }
      merged.first = static_cast<uint32_t>(k);
      merged.last = static_cast<uint32_t>(i);
      merged.start = words[k].start;
      merged.end = words[i - 1].end;
      // The name is now the text's own long form, backed by its acronym: a
      // rule's find, no longer a list's or the tagger's.
      merged.canonical.clear();
      merged.source = Source::kPattern;
      merged.gaz_flags = 0;
      changed = true;
      break;
    }
  }
  if (!changed) return;
  size_t out = 0;
  for (size_t c = 0; c < cands->size(); ++c) {
    if (remove[c]) continue;
    if (out != c) (*cands)[out] = std::move((*cands)[c]);
    ++out;
  }
  cands->resize(out);
}

void AddAcronymMentions(std::string_view text, const std::vector<Word>& words,
                        std::vector<Candidate>* cands) {
  // Both passes below start at a bracketed acronym after a word, and most
  // documents have none.
  std::vector<size_t> brackets;
  for (size_t i = 1; i + 2 < words.size(); ++i)
    if (BracketedAcronymAt(words, i)) brackets.push_back(i);
  if (brackets.empty()) return;
  ExtendLongForms(words, brackets, cands);
  std::vector<int> owner(words.size(), -1);
  for (size_t k = 0; k < cands->size(); ++k)
    for (uint32_t w = (*cands)[k].first; w < (*cands)[k].last && w < words.size(); ++w)
      owner[w] = static_cast<int>(k);
  auto tagger_word = [&](size_t w) {
    if (owner[w] < 0) return false;
    const Candidate& c = (*cands)[static_cast<size_t>(owner[w])];
    return c.source == Source::kTagger && c.last - c.first == 1 && c.first == w;
  };
  // A listed acronym the lists know no long form for ("WTO"): the text's
  // own definition gives it one.
  auto bare_listed = [&](size_t w) {
    if (owner[w] < 0) return false;
    const Candidate& c = (*cands)[static_cast<size_t>(owner[w])];
    return c.source == Source::kGazetteer && c.last - c.first == 1 && c.first == w &&
           (c.canonical.empty() || NameKey(c.canonical) == NameKey(words[w].text));
  };
  // Definitions first ("Long Form (LF)"; the first one of an acronym wins) ...
  struct Definition {
    std::string type, canonical;
  };
  std::unordered_map<std::string_view, Definition> defined;
  for (size_t i : brackets) {
    if ((owner[i + 1] >= 0 && !tagger_word(i + 1) && !bare_listed(i + 1)) || owner[i - 1] < 0) continue;
    const Candidate& longform = (*cands)[static_cast<size_t>(owner[i - 1])];
    if (longform.last != i || !LongFormType(longform.type)) continue;
    std::string_view acr = words[i + 1].text;
    if (defined.count(acr) ||
        !SpellsLongForm(acr, words, longform.first, longform.last, /*allow_extra=*/true))
      continue;
    std::string canon = longform.canonical.empty()
                            ? std::string(text.substr(longform.start, longform.end - longform.start))
                            : longform.canonical;
    defined.emplace(acr, Definition{longform.type, std::move(canon)});
  }
  if (defined.empty()) return;
  // ... then every use of a defined acronym, in one pass.
  std::vector<Candidate> added;
  for (size_t j = 0; j < words.size(); ++j) {
    const std::string_view t = words[j].text;
    if (!IsAcronymWord(t)) continue;  // every defined acronym is one
    auto def = defined.find(t);
    if (def == defined.end()) continue;
    if (tagger_word(j)) {  // the acronym of a defined long form, not the tagger's guess
      Candidate& c = (*cands)[static_cast<size_t>(owner[j])];
      c.type = def->second.type;
      c.canonical = def->second.canonical;
      c.source = Source::kAlias;
      continue;
    }
    if (bare_listed(j)) {
      Candidate& c = (*cands)[static_cast<size_t>(owner[j])];
      if (c.type == def->second.type) c.canonical = def->second.canonical;
      continue;
    }
    if (owner[j] >= 0) continue;
    Candidate c;
    c.first = static_cast<uint32_t>(j);
    c.last = static_cast<uint32_t>(j + 1);
    c.start = words[j].start;
    c.end = words[j].end;
    c.type = def->second.type;
    c.canonical = def->second.canonical;
    c.source = Source::kAlias;
    added.push_back(std::move(c));
  }
  for (Candidate& c : added) cands->push_back(std::move(c));
  std::sort(cands->begin(), cands->end(),
            [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
}

Grouping GroupMentions(const Resources& res, std::string_view text, const std::vector<Word>& words,
                       const std::vector<Candidate>& cands, const std::string& lang) {
  // Surnames of the people the rules found, to split a tagger span that runs
  // two of them together ("hatte Chey Altman eingeladen"); sorted.
  std::vector<std::string> rule_surnames;
  std::string key;  // scratch key, one buffer for the lookups below
  for (const Candidate& c : cands) {
    if (!SameText(c.type, "PERSON") || c.source == Source::kTagger || c.last - c.first < 2) continue;
    SurnameKeyInto(res, c, text.substr(c.start, c.end - c.start), &key);
    rule_surnames.push_back(key);
  }
  std::sort(rule_surnames.begin(), rule_surnames.end());
  auto rule_surname = [&](std::string_view word) {
    if (rule_surnames.empty()) return false;
    NameKeyInto(word, &key);
    return std::binary_search(rule_surnames.begin(), rule_surnames.end(), key);
  };
  std::vector<Item> items;
  items.reserve(cands.size() + 8);
  std::vector<uint8_t> covered(words.size(), 0);
  // Makes c an item (unless it has no key) and marks its words covered.
  std::string stripped;  // scratch key of a name without its legal suffix
  auto add_item = [&](const Candidate& c) {
    const std::string_view written = text.substr(c.start, c.end - c.start);
    const bool use_canonical = !c.canonical.empty() && c.source != Source::kPattern;
    NameKeyInto(use_canonical ? std::string_view(c.canonical) : written, &key);
    if (SameText(c.type, "EVENT")) key = StripYear(std::move(key));
    // "Kairos Semiconductor Co." is "Kairos Semiconductor": a legal suffix does not tell names apart.
    if (SameText(c.type, "ORG") && !use_canonical && c.last - c.first >= 2 && c.last <= words.size() &&
        words[c.last - 1].In(res.bits.legal_suffix)) {
      size_t e = c.last - 1;
      while (e > c.first + 1 && words[e - 1].Is(kPunct)) --e;
      NameKeyInto(text.substr(c.start, words[e - 1].end - c.start), &stripped);
      if (!stripped.empty()) key.swap(stripped);
    }
    if (key.empty()) return;
    for (uint32_t w = c.first; w < c.last && w < words.size(); ++w) covered[w] = 1;
    Item& it = items.emplace_back();
    it.c = c;
    it.text = written;
    it.key = key;
  };
  for (const Candidate& c : cands) {
    if (c.source == Source::kTagger && SameText(c.type, "PERSON") && c.last - c.first >= 2 &&
        c.last <= words.size() && words[c.first].Is(kTitleLine) && rule_surname(words[c.first].text) &&
        !rule_surname(words[c.last - 1].text)) {
      // A headline run-on: "Samsung's Lee Meets MS CEO" -> "Lee".
      Candidate one = c;
      one.last = c.first + 1;
      one.end = words[c.first].end;
      one.source = Source::kAlias;
      add_item(one);
      continue;
    }
    if (c.source == Source::kTagger && SameText(c.type, "PERSON") && c.last - c.first == 2 &&
        c.last <= words.size() && !rule_surnames.empty()) {
      std::string a = NameKey(words[c.first].text), b = NameKey(words[c.first + 1].text);
      if (a != b && std::binary_search(rule_surnames.begin(), rule_surnames.end(), a) &&
          std::binary_search(rule_surnames.begin(), rule_surnames.end(), b)) {
        for (uint32_t w = c.first; w < c.last; ++w) {
          Candidate one = c;
          one.first = w;
          one.last = w + 1;
          one.start = words[w].start;
          one.end = words[w].end;
          one.source = Source::kAlias;
          add_item(one);
        }
        continue;
      }
    }
    // The tagger cannot tell where names start in a headline, where every
    // word is capitalised; names there are found again from the body.
    if (c.source == Source::kTagger && c.first < words.size() && words[c.first].Is(kHeadline)) continue;
    add_item(c);
  }
  // Items with the same key are one group. One representative item per key
  // (its first): the pairwise rules below only look at distinct names.
  UnionFind uf(items.size());
  std::vector<size_t> reps;
  {
    // The items in key order (document order within a key): each run of one
    // key is one group, its first item the representative.
    std::vector<size_t> by_key(items.size());
    std::iota(by_key.begin(), by_key.end(), 0);
    std::stable_sort(by_key.begin(), by_key.end(),
                     [&](size_t a, size_t b) { return items[a].key < items[b].key; });
    for (size_t x = 0; x < by_key.size();) {
      const size_t first = by_key[x];
      reps.push_back(first);
      for (++x; x < by_key.size() && items[by_key[x]].key == items[first].key; ++x)
        uf.Union(first, by_key[x]);
    }
    std::sort(reps.begin(), reps.end());
  }

  // Spelling variants of East-Asian names: same given name, family name off
  // by a typo ("Cheyst Tae-won" / "Chey Tae-won"). Compared within buckets
  // of the same given name.
  {
    struct EastAsianName {
      std::string given, family;  // keys
      size_t item;
    };
    std::vector<EastAsianName> names;
    for (size_t i : reps) {
      if (!SameText(items[i].c.type, "PERSON")) continue;
      const SpaceWords parts = SpaceWordEdges(items[i].text);
      if (parts.count == 2 && FamilyFirst(items[i].c, parts))
        names.push_back(EastAsianName{NameKey(parts.last), NameKey(parts.first), i});
    }
    std::stable_sort(names.begin(), names.end(),
                     [](const EastAsianName& a, const EastAsianName& b) { return a.given < b.given; });
    for (size_t x = 0; x < names.size(); ++x) {
      const std::string& fa = names[x].family;
      for (size_t y = x + 1; y < names.size() && names[y].given == names[x].given; ++y) {
        const std::string& fb = names[y].family;
        if (fa.size() >= 2 && fb.size() >= 2 && EditDistance(fa, fb, 2) <= 2 &&
            fa.compare(0, 2, fb, 0, 2) == 0)
          uf.Union(names[x].item, names[y].item);
      }
    }
  }

  // Surnames of people named in full.
  KeyRoots surname;  // key -> root, -1 when ambiguous
  for (size_t i = 0; i < items.size(); ++i) {
    if (!SameText(items[i].c.type, "PERSON")) continue;
    SurnameKeyInto(res, items[i].c, items[i].text, &key);
    if (key.size() < 2) continue;
    surname.Add(key, static_cast<long>(uf.Find(i)));
  }
  surname.Merge();
  KeyStarts surname_starts;
  for (size_t k = 0; k < surname.size(); ++k) surname_starts.Add(surname.key(k));
  auto surname_root = [&](const std::string& key) { return surname.Find(key); };
  for (size_t i = 0; i < items.size(); ++i) {
    const Candidate& c = items[i].c;
    // A surname alone, also with its particle capitalised at a sentence start ("De Groot said").
    bool single = c.last - c.first == 1 || CountSpaceWords(items[i].text) == 1 ||
                  (SameText(c.type, "PERSON") && c.first < words.size() &&
                   words[c.first].In(res.bits.name_particle) && CountSpaceWords(items[i].text) <= 3);
    if (!single) continue;
    if (!SameText(c.type, "PERSON") && c.source != Source::kTagger) continue;
    long r = surname_root(items[i].key);
    if (r >= 0) uf.Union(static_cast<size_t>(r), i);
  }
  // Bare surnames elsewhere: "Kyung said ...", German genitive "Altmans"
  // (nothing to look for in a document without a surname). Every key looked
  // up from a word begins as the word's own key does.
  std::string longer;  // the key of a particle and the word after it
  for (size_t w = 0; w < words.size() && !surname.empty(); ++w) {
    const Word& word = words[w];
    if (covered[w] || !word.Is(kUpper) || word.Is(kAllCaps) || word.Is(kPunct)) continue;
    if (!surname_starts.MayStart(word.text)) continue;
    NameKeyInto(word.text, &key);
    long r = surname_root(key);
    size_t span = 1;
    if (r < 0 && word.In(res.bits.name_particle) && w + 1 < words.size() && !covered[w + 1] &&
        words[w + 1].Is(kUpper)) {
      longer = key;
      AppendNameKey(words[w + 1].text, &longer);
      r = surname_root(longer);
      if (r >= 0) span = 2;
    }
    if (r < 0 && IsGerman(lang) && key.size() > 3 && key.back() == 's') {
      longer.assign(key, 0, key.size() - 1);
      r = surname_root(longer);
    }
    if (r < 0) continue;
    Candidate c;
    c.first = static_cast<uint32_t>(w);
    c.last = static_cast<uint32_t>(w + span);
    c.start = word.start;
    c.end = words[w + span - 1].end;
    c.type = "PERSON";
    c.source = Source::kAlias;
    items.push_back(Item{std::move(c), text.substr(word.start, words[w + span - 1].end - word.start), key});
    uf.Grow(items.size());
    uf.Union(static_cast<size_t>(r), items.size() - 1);
    for (size_t k = w; k < w + span; ++k) covered[k] = 1;
    w += span - 1;
  }

  // Per group: type by weighted vote.
  // Views of strings that stay where they are while items come and go: the
  // usual types are constants, any other one is kept in other_types.
  std::vector<std::string_view> type_of(items.size());
  std::vector<std::unique_ptr<std::string>> other_types;
  auto stable_type = [&](std::string_view type) -> std::string_view {
    for (std::string_view k : kEntityTypes)
      if (k == type) return k;
    for (const auto& t : other_types)
      if (*t == type) return *t;
    return *other_types.emplace_back(std::make_unique<std::string>(type));
  };
  // Scratch of refresh_types, kept for its three calls.
  std::vector<std::string_view> type_names;  // the items' distinct types, in order of appearance
  std::vector<uint32_t> type_rank;           // by type_names index: alphabetical rank
  std::vector<std::string_view> ranked;      // the stable type names by rank
  std::vector<uint32_t> type_id;             // by item: rank of its type
  std::vector<size_t> item_root;             // by item: uf.Find
  std::vector<long> row_of_root;             // by root: its row of totals, -1 before the first vote
  struct Total {
    int rules = 0, tagger = 0;  // weight from rule or gazetteer mentions, from tagger ones
    bool voted = false;
  };
  std::vector<Total> totals;   // by (row, type rank)
  std::vector<uint32_t> best;  // by row: the type rank that won
  auto refresh_types = [&]() {
    // The tagger's guesses for one name are not independent evidence: all
    // of them together weigh at most as much as one rule that knows the
    // type ("der Chipentwickler Halvora" beats six tagger LOC readings).
    // Each group's type is the one with the highest total, ties going to the
    // type name first in alphabetical order. A document names a handful of
    // types, so the totals are a table by group and type.
    auto same_type = [](std::string_view a, std::string_view b) {
      return a.size() == b.size() && (a.empty() || a[0] == b[0]) && a == b;
    };
    type_names.clear();
    type_id.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string_view type = items[i].c.type;
      size_t t = 0;
      while (t < type_names.size() && !same_type(type_names[t], type)) ++t;
      if (t == type_names.size()) type_names.push_back(type);
      type_id[i] = static_cast<uint32_t>(t);
    }
    const size_t n_types = type_names.size();
    type_rank.assign(n_types, 0);
    ranked.resize(n_types);
    for (size_t t = 0; t < n_types; ++t) {
      for (size_t u = 0; u < n_types; ++u) type_rank[t] += type_names[u] < type_names[t] ? 1 : 0;
      ranked[type_rank[t]] = stable_type(type_names[t]);
    }
    item_root.resize(items.size());
    row_of_root.assign(items.size(), -1);
    totals.clear();
    size_t rows = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      const size_t root = uf.Find(i);
      item_root[i] = root;
      if (row_of_root[root] < 0) {
        row_of_root[root] = static_cast<long>(rows++);
        totals.resize(rows * n_types);
      }
      Total& x = totals[static_cast<size_t>(row_of_root[root]) * n_types + type_rank[type_id[i]]];
      const int weight = SourceWeight(items[i].c.source);
      (items[i].c.source == Source::kTagger ? x.tagger : x.rules) += weight;
      x.voted = true;
    }
    best.assign(rows, 0);
    for (size_t row = 0; row < rows; ++row) {
      int top = -1;
      for (size_t t = 0; t < n_types; ++t) {
        const Total& x = totals[row * n_types + t];
        if (!x.voted) continue;
        const int n = x.rules + std::min(x.tagger, SourceWeight(Source::kPattern) - 1);
        if (n > top) best[row] = static_cast<uint32_t>(t), top = n;
      }
    }
    type_of.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i)
      type_of[i] = ranked[best[static_cast<size_t>(row_of_root[item_root[i]])]];
  };
  refresh_types();
  // What the types were voted on: the groups and the items' own types.
  const size_t voted_merges = uf.merges();
  bool retyped = false;  // an item's own type changed since

  // Short forms: "Samsung" -> the one "Samsung X" organisation; "Korea" ->
  // "South Korea". Long names are indexed by their first (ORG) or last (LOC) word.
  {
    // (edge key, item) sorted by key; the key is the type's initial and the
    // NameKey of the edge word ("Osamsung" for ORG "Samsung Electronics").
    std::vector<std::pair<std::string, size_t>> long_by_edge;
    auto edge_key = [](std::string_view type, std::string_view word, std::string* out) {
      out->assign(1, SameText(type, "ORG") ? 'O' : 'L');
      AppendNameKey(word, out);
    };
    for (size_t j : reps) {
      if (!SameText(type_of[j], "ORG") && !SameText(type_of[j], "LOC")) continue;
      const std::string_view name =
          items[j].c.source == Source::kGazetteer ? std::string_view(items[j].c.canonical) : items[j].text;
      SpaceWords parts = SpaceWordEdges(name);
      if (parts.count < 2) continue;
      edge_key(type_of[j], SameText(type_of[j], "ORG") ? parts.first : parts.last, &key);
      long_by_edge.emplace_back(key, j);
    }
    std::stable_sort(long_by_edge.begin(), long_by_edge.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // The items of the long names of edge key k, in document order.
    auto long_names = [&](const std::string& k) {
      return std::equal_range(long_by_edge.begin(), long_by_edge.end(), std::make_pair(k, size_t{0}),
                              [](const auto& a, const auto& b) { return a.first < b.first; });
    };
    for (size_t i : reps) {
      if (long_by_edge.empty()) break;
      const Item& s = items[i];
      if ((!SameText(type_of[i], "ORG") && !SameText(type_of[i], "LOC")) || CountSpaceWords(s.text) != 1)
        continue;
      if (s.c.gaz_flags & kDistinct) continue;
      if (s.c.source == Source::kGazetteer && NameKey(s.c.canonical) != NameKey(s.text)) continue;
      key.assign(1, SameText(type_of[i], "ORG") ? 'O' : 'L');
      key += s.key;  // a NameKey already: not folded again
      auto range = long_names(key);
      // A word the tagger alone typed as a place is the short form of an
      // organisation named in full ("Nordvolt" after "Nordvolt Cloud, the
      // data center operator"); the organisation's type wins.
      if (range.first == range.second && SameText(type_of[i], "LOC") && s.c.source == Source::kTagger) {
        key[0] = 'O';
        range = long_names(key);
        if (range.first != range.second) {
          size_t root = uf.Find(i);
          bool tagger_only = true;
          for (size_t k = 0; k < items.size(); ++k)
            if (uf.Find(k) == root && items[k].c.source != Source::kTagger) tagger_only = false;
          if (!tagger_only) continue;
          for (size_t k = 0; k < items.size(); ++k)
            if (uf.Find(k) == root) items[k].c.type = "ORG", retyped = true;
        }
      }
      if (range.first == range.second) continue;
      size_t root = uf.Find(i);
      long target = -1;
      bool ambiguous = false;
      for (auto e = range.first; e != range.second; ++e) {
        long r = static_cast<long>(uf.Find(e->second));
        if (r == static_cast<long>(root)) continue;
        if (target >= 0 && target != r) ambiguous = true;
        target = r;
      }
      if (target >= 0 && !ambiguous) uf.Union(root, static_cast<size_t>(target));
    }
  }
  // Model names off by one letter with the same number: "Mack-1" / "Mach-1".
  {
    std::unordered_map<std::string, std::vector<std::pair<std::string, size_t>>> by_number;
    for (size_t i : reps) {
      if (!SameText(type_of[i], "PRODUCT")) continue;
      auto parts = ModelParts(items[i].text);
      if (parts.first.size() >= 4) by_number[parts.second].emplace_back(parts.first, i);
    }
    for (auto& [number, stems] : by_number)
      for (size_t x = 0; x < stems.size(); ++x)
        for (size_t y = x + 1; y < stems.size(); ++y)
          if (EditDistance(stems[x].first, stems[y].first, 1) <= 1)
            uf.Union(stems[x].second, stems[y].second);
  }
  // The same groups of the same items vote as before unless some joined
  // or changed their type (most documents).
  if (uf.merges() != voted_merges || retyped) refresh_types();
  PropagateNames(res, text, words, type_of, &covered, &items, &uf);
  refresh_types();

  // Collect groups in order of their first mention.
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return items[a].c.start < items[b].c.start; });
  // Each group's members in that order, one run per group in `member`.
  std::vector<long> group_of_root(items.size(), -1);
  std::vector<size_t> group_start;  // by group: its first index into `member`, and one past the end
  for (size_t i : order) {
    const size_t r = uf.Find(i);
    if (group_of_root[r] < 0) {
      group_of_root[r] = static_cast<long>(group_start.size());
      group_start.push_back(0);
    }
    ++group_start[static_cast<size_t>(group_of_root[r])];  // counted first
  }
  const size_t n_groups = group_start.size();
  for (size_t g = 0, sum = 0; g < n_groups; ++g) {
    const size_t n = group_start[g];
    group_start[g] = sum;
    sum += n;
  }
  group_start.push_back(items.size());
  std::vector<size_t> member(items.size());
  {
    std::vector<size_t> fill(group_start.begin(), group_start.end() - 1);
    for (size_t i : order) member[fill[static_cast<size_t>(group_of_root[uf.Find(i)])]++] = i;
  }

  Grouping out;
  out.entities.reserve(n_groups);
  out.mentions.reserve(items.size());
  std::vector<std::pair<std::string_view, int>> votes;  // name -> votes (canonical names or written forms)
  auto vote_of = [&](std::string_view name) -> int* {
    for (auto& [n, v] : votes)
      if (n == name) return &v;
    return nullptr;
  };
  for (size_t g = 0; g < n_groups; ++g) {
    const size_t* const m_begin = member.data() + group_start[g];
    const size_t* const m_end = member.data() + group_start[g + 1];
    const std::string_view type = type_of[*m_begin];
    if (std::none_of(std::begin(kEntityTypes), std::end(kEntityTypes),
                     [&](std::string_view t) { return type == t; }))
      continue;
    // A group named only by ambiguous short forms ("MS" without Microsoft) is dropped.
    if (std::all_of(m_begin, m_end, [&](size_t i) { return (items[i].c.gaz_flags & kAmbiguous) != 0; }))
      continue;
    // A one-word person only the tagger saw, never named in full, is more
    // often a misread word ("Cloud First") than a person.
    if (SameText(type, "PERSON") && std::all_of(m_begin, m_end, [&](size_t i) {
          return items[i].c.source == Source::kTagger && CountSpaceWords(items[i].text) == 1;
        }))
      continue;
    DocEntity e;
    e.type = type;
    // Canonical: the gazetteer's name when known, else the fullest written form.
    votes.clear();
    for (const size_t* p = m_begin; p != m_end; ++p) {
      const Item& it = items[*p];
      if (it.c.source != Source::kGazetteer || it.c.type != type) continue;
      if (int* v = vote_of(it.c.canonical))
        ++*v;
      else
        votes.emplace_back(it.c.canonical, 1);
    }
    if (!votes.empty()) {
      // The fullest name first ("Samsung Electronics" over "Samsung"), then
      // the most frequent, then the first in alphabetical order.
      int top = 0;
      size_t top_words = 0;
      std::string_view name;
      for (const auto& [n, v] : votes) {
        size_t nw = CountSpaceWords(n);
        if (nw > top_words || (nw == top_words && (v > top || (v == top && n < name))))
          name = n, top = v, top_words = nw;
      }
      e.name = std::string(name);
    } else {
      for (const size_t* p = m_begin; p != m_end; ++p) {
        if (int* v = vote_of(items[*p].text))
          ++*v;
        else
          votes.emplace_back(items[*p].text, 1);
      }
      for (const size_t* p = m_begin; p != m_end; ++p) {
        // bare-surname references count for the full form they abbreviate
        const std::string_view t = items[*p].text;
        if (CountSpaceWords(t) != 1) continue;
        for (auto& [n, v] : votes) {
          SpaceWords parts = SpaceWordEdges(n);
          if (parts.count > 1 && (parts.first == t || parts.last == t)) ++v;
        }
      }
      size_t best_words = 0;
      int best_freq = -1;
      for (const size_t* p = m_begin; p != m_end; ++p) {
        const Item& it = items[*p];
        const std::string_view t = it.c.source == Source::kAlias && !it.c.canonical.empty()
                                       ? std::string_view(it.c.canonical)
                                       : it.text;
        size_t nw = CountSpaceWords(t);
        const int* v = vote_of(t);
        int f = v ? *v : 0;
        if (nw > best_words || (nw == best_words && f > best_freq)) {
          e.name = std::string(t);
          best_words = nw;
          best_freq = f;
        }
      }
    }
    size_t index = out.entities.size();
    e.mentions.reserve(static_cast<size_t>(m_end - m_begin));
    for (const size_t* p = m_begin; p != m_end; ++p) {
      const Candidate& c = items[*p].c;
      e.mentions.push_back(TextRange{c.start, c.end});
      out.mentions.push_back(MentionRef{c.start, c.end, c.first, c.last, index});
    }
    std::sort(e.mentions.begin(), e.mentions.end(),
              [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
    e.mentions.erase(std::unique(e.mentions.begin(), e.mentions.end(),
                                 [](const TextRange& a, const TextRange& b) { return a.start == b.start; }),
                     e.mentions.end());
    out.entities.push_back(std::move(e));
  }
  std::sort(out.mentions.begin(), out.mentions.end(),
            [](const MentionRef& a, const MentionRef& b) { return a.start < b.start; });
  return out;
}

}  // namespace ner
}  // namespace pactgraph
