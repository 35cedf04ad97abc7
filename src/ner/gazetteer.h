// Lexical resources of the entity recognizer, compiled once at load time:
// gazetteers of names (data/ner/*.tsv, "pactgraph-gazetteer 1"), word classes
// (data/ner/lexicon.tsv) and job titles (data/ner/titles.tsv). All of them
// are immutable after loading and safe to share between threads.
#ifndef PACTGRAPH_NER_GAZETTEER_H_
#define PACTGRAPH_NER_GAZETTEER_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pactgraph/status.h"
#include "util/key_filter.h"

namespace pactgraph {
namespace ner {

// Lower-cases ASCII and the Latin-1 capitals (À..Þ) of UTF-8 text, and maps
// the typographic apostrophe to '\''. Enough to compare names of English and
// German text without ICU in the hot loop.
std::string Fold(std::string_view s);
void FoldInto(std::string_view s, std::string* out);
// 64-bit FNV-1a of the folded form of `s` (no allocation).
uint64_t FoldedHash(std::string_view s);
// FoldedHash's parameters, for a caller that hashes a word in a pass of its
// own over the bytes: start from the basis, then h = (h ^ byte) * prime for
// each byte of the folded form.
inline constexpr uint64_t kFoldedHashBasis = 0xcbf29ce484222325ull;
inline constexpr uint64_t kFoldedHashPrime = 0x100000001b3ull;
// Fold(s) == folded, without building the folded string (stops at the
// first difference).
bool FoldedEquals(std::string_view s, std::string_view folded);

// The folding loop itself, for callers that consume the folded bytes as they
// come: calls emit(byte) for every byte of the folded form of s, in order,
// while emit returns true; returns false when emit stopped the walk.
template <typename Emit>
bool ForEachFolded(std::string_view s, Emit emit) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      if (!emit(static_cast<char>(c + 32))) return false;
    } else if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (!emit(static_cast<char>(c))) return false;
      if (!emit(static_cast<char>((d >= 0x80 && d <= 0x9E && d != 0x97) ? d + 0x20 : d))) return false;
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0x99 ||
                static_cast<unsigned char>(s[i + 2]) == 0x98)) {
      if (!emit('\'')) return false;
      i += 2;
    } else {
      if (!emit(static_cast<char>(c))) return false;
    }
  }
  return true;
}

// Combines the hashes of consecutive words into the hash of the sequence.
inline uint64_t CombineHash(uint64_t seq, uint64_t word) {
  return (seq ^ word) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
}

// Character classes of a word, UTF-8 aware for Latin-1 letters. The first
// two are inline: the rules ask them of nearly every word, often twice.
inline bool StartsUpper(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && w.size() > 1) {
    unsigned char d = static_cast<unsigned char>(w[1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}
inline bool StartsLower(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'a' && c <= 'z') return true;
  if (c == 0xC3 && w.size() > 1) return static_cast<unsigned char>(w[1]) >= 0x9F;
  return false;
}
bool IsAllCaps(std::string_view w);  // at least two letters, none lower case
bool HasDigit(std::string_view w);
bool HasLetter(std::string_view w);

// One word of a token: punctuation is split off, a possessive "'s" / "’s"
// becomes a word of its own flagged `possessive`.
struct Piece {
  uint32_t start = 0, end = 0;  // byte range, offset added
  bool possessive = false;
};
void SplitToken(std::string_view token, uint32_t offset, std::vector<Piece>* out);

// Splits a name into the words the recognizer compares it by: whitespace
// separated, with leading/trailing punctuation as words of their own (the
// same rule as the document word splitter).
std::vector<std::string> NameWords(std::string_view name);

// Open-addressing hash table from 64-bit keys (already hashes) to 32-bit
// values, linear probing, built once and then only read: one cache line per
// lookup instead of the node chasing of std::unordered_map.
//
// Most lookups are for keys that are absent (the words of a text that start
// no name, are in no word class), and the table is too large to stay in the
// cache between documents, so each of them used to miss. A KeyFilter of the
// keys (util/key_filter.h, eight bits per slot: a sixteenth of the table's
// size) answers most of them from a few cache lines: it never turns away a
// key that was inserted, and the table decides the keys it lets through.
class HashIndex {
 public:
  // Sets the value of key (inserting it when absent) and returns it.
  uint32_t& operator[](uint64_t key);
  const uint32_t* Find(uint64_t key) const {
    if (entries_.empty()) return nullptr;
    key = Slot(key);
    if (!filter_.MayContain(key)) return nullptr;
    const size_t mask = entries_.size() - 1;
    for (size_t i = (key ^ (key >> 29)) & mask;; i = (i + 1) & mask) {
      const Entry& e = entries_[i];
      if (e.key == key) return &e.value;
      if (e.key == 0) return nullptr;
    }
  }
  size_t size() const { return size_; }
  // Room for n keys in all without growing.
  void Reserve(size_t n);
  // Calls f(key, value) for every key, as stored (key 0 is stored as 1,
  // which Find takes for 0 as well).
  template <typename F>
  void ForEach(F f) const {
    for (const Entry& e : entries_)
      if (e.key != 0) f(e.key, e.value);
  }

  // For a caller that knows its keys some lookups ahead: starts loading the
  // table slot that Find(key) will read when the filter passes the key (most
  // keys it turns away, and loading their slots would only crowd the cache).
  void Prefetch(uint64_t key) const {
    if (entries_.empty()) return;
    key = Slot(key);
    if (!filter_.MayContain(key)) return;
    __builtin_prefetch(&entries_[(key ^ (key >> 29)) & (entries_.size() - 1)]);
  }

 private:
  struct Entry {
    uint64_t key = 0;  // 0 marks an empty slot
    uint32_t value = 0;
  };
  static uint64_t Slot(uint64_t key) { return key == 0 ? 1 : key; }
  void Rehash(size_t capacity);
  std::vector<Entry> entries_;  // key and value side by side
  KeyFilter filter_;            // of the stored keys, sized with entries_
  size_t size_ = 0;
};

enum GazFlag : uint8_t {
  kAmbiguous = 1,      // only when the canonical entity is also named in the document
  kDistinct = 2,       // a short name that is its own entity ("SK" = SK Group)
  kCaseSensitive = 4,  // the words must be written exactly so
  kPrefix = 8,         // product family head: "<name> <Capitalised|model>"
  kWeak = 16,          // a common word too: needs supporting context
  kDerived = 32,       // from a derived (listing) source, not curated
};

struct GazEntry {
  std::string name;                // as written in the file
  std::string type;                // ORG, PRODUCT, LOC, PERSON, EVENT
  std::string canonical;           // canonical name; equals name when not given
  std::vector<std::string> words;  // NameWords(name)
  uint8_t flags = 0;
};

// Names of several files compiled into one hash of word sequences.
class Gazetteer {
 public:
  // Adds the entries of a "pactgraph-gazetteer 1" TSV file; earlier files win
  // over later ones for identical names. Errors name the file and line.
  Status AddFile(const std::string& path);
  // Room for `more` entries without growing (each growth of a big table
  // touches new pages, and on a virtual machine a page fault costs
  // microseconds).
  void Reserve(size_t more);
  // Adds one entry (used by AddFile and tests).
  Status Add(std::string_view name, std::string_view type, std::string_view canonical, uint8_t flags);

  // Entries whose folded word sequence hashes to `seq_hash`, or nullptr.
  const std::vector<uint32_t>* Find(uint64_t seq_hash) const;
  // True when some entry starts with this word sequence (or is it).
  bool IsPrefix(uint64_t seq_hash) const { return index_.Find(seq_hash) != nullptr; }
  // IsPrefix and Find in one lookup, for a walk that asks both of the same
  // sequences: nullptr when no entry starts with the sequence, else a node
  // whose Entries are those of the sequence (nullptr for a proper prefix).
  const uint32_t* FindNode(uint64_t seq_hash) const { return index_.Find(seq_hash); }
  const std::vector<uint32_t>* Entries(uint32_t node) const {
    node &= ~kUncapitalisedStart;
    return node > 0 ? &buckets_[node - 1] : nullptr;
  }
  // False when every entry of the node starts with a capitalised word: then
  // words whose first one is not capitalised match none of them (the case
  // test wants a capital where the name has one, and a case-sensitive name
  // its exact spelling), and the entries need not be read. Most sequences
  // looked up are such words ("next", "shell" against "Next", "Shell").
  static bool HasUncapitalisedStart(uint32_t node) { return (node & kUncapitalisedStart) != 0; }
  const GazEntry& entry(uint32_t i) const { return entries_[i]; }
  // True when some entry starts with a word of this folded hash.
  bool IsFirstWord(uint64_t word_hash) const { return IsPrefix(CombineHash(0, word_hash)); }
  // Folded hashes of the entries' first words (IsFirstWord of each is
  // true), with repeats.
  const std::vector<uint64_t>& first_word_hashes() const { return first_word_hashes_; }
  size_t max_words() const { return max_words_; }
  size_t size() const { return entries_.size(); }

 private:
  std::vector<GazEntry> entries_;
  static constexpr uint32_t kUncapitalisedStart = uint32_t{1} << 31;
  // Sequence hash -> 1 + index into buckets_ (entries with that sequence),
  // or 0 for a proper prefix of some entry; with kUncapitalisedStart when
  // the first word of some entry there does not start with a capital.
  HashIndex index_;
  std::vector<std::vector<uint32_t>> buckets_;
  std::vector<uint64_t> first_word_hashes_;
  size_t max_words_ = 0;
};

// Word classes from lexicon.tsv ("pactgraph-lexicon 1": word<TAB>class).
// Lookups are by folded form; class names are the file's.
class WordLexicon {
 public:
  Status AddFile(const std::string& path);
  // At most 32 classes; a further class is an error.
  Status Add(std::string_view word, std::string_view cls);
  bool Has(std::string_view cls, std::string_view word) const;
  bool HasHash(std::string_view cls, uint64_t folded_hash) const;
  // Bit of a class (0 when the file has no such class) and the classes of a
  // word as a bit mask: the fast path for per-word tests.
  uint32_t Bit(std::string_view cls) const;
  uint32_t Mask(uint64_t folded_hash) const {
    const uint32_t* m = mask_.Find(folded_hash);
    return m ? *m : 0;
  }
  // Calls f(folded_hash, mask) for every word with a class.
  template <typename F>
  void ForEachWord(F f) const {
    mask_.ForEach(f);
  }
  // True when the folded word is longer than, and ends with, a word of the
  // class (used for suffix lists such as German noun endings).
  bool EndsWithAny(std::string_view cls, std::string_view folded_word) const;

 private:
  std::vector<std::string> names_;  // class i has bit 1 << i
  HashIndex mask_;
  std::map<std::string, std::vector<std::string>, std::less<>>
      folded_lists_;  // found by string_view, no copy
};

// Job titles (titles.tsv, "pactgraph-titles 1": phrase<TAB>lang<TAB>normalised).
class TitleLexicon {
 public:
  Status AddFile(const std::string& path);
  void Add(std::string_view phrase, std::string_view lang, std::string_view normalised);
  // Normalised title of the phrase whose folded word hashes are given, for
  // the language ("en"/"de"; "*" entries match both); nullptr when none.
  const std::string* Find(uint64_t seq_hash, std::string_view lang) const;
  // German compounds ending in a one-word title: "Verbandspräsident",
  // "Rechtschef". `folded_word` is Fold(word); nullptr when none.
  const std::string* FindGermanCompound(std::string_view folded_word) const;
  // True when some title starts with a word of this folded hash.
  bool IsFirstWord(uint64_t word_hash) const { return first_words_.Find(word_hash) != nullptr; }
  // Calls f(word_hash) for every word IsFirstWord is true of.
  template <typename F>
  void ForEachFirstWord(F f) const {
    first_words_.ForEach([&f](uint64_t key, uint32_t) { f(key); });
  }
  size_t max_words() const { return max_words_; }

 private:
  struct Title {
    std::string lang, normalised;
  };
  HashIndex index_;  // sequence hash -> index into titles_
  std::vector<std::vector<Title>> titles_;
  std::vector<std::pair<std::string, std::string>> german_heads_;  // folded title, normalised
  // Indices into german_heads_ by the head's last byte, in list order: a word
  // can only end in the heads that end in its own last byte.
  std::array<std::vector<uint32_t>, 256> german_heads_by_last_;
  HashIndex first_words_;
  size_t max_words_ = 0;
};

}  // namespace ner
}  // namespace pactgraph

#endif  // PACTGRAPH_NER_GAZETTEER_H_
