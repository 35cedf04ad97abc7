// Word scanning and phrase lexicons for the event stage.
//
// A document is scanned once into words (runs of letters and digits; hyphens,
// apostrophes and other punctuation separate words, so "KI-Datenzentrum" is
// the two words "ki" "datenzentrum") over a lower-cased copy of the text.
// A PhraseLexicon holds multi-word patterns compiled at load time and finds
// them at any word position. Pattern syntax, one pattern per entry, words
// separated by spaces:
//   word       the word exactly (case-folded; a word of two or more capital
//              letters/digits such as "AI", "KI", "5G" must match case exactly)
//   stem*      any word starting with "stem"          invest* -> investment
//   *tail      any word ending with "tail"            *zentrum -> rechenzentrum
//   *part*     any word containing "part"             *speicherchip*
//   a|b|c      any of the alternatives (each may use * as above)
//   _          any one word
//   ~          zero to three arbitrary words (a gap)
// Immutable and thread-safe after Compile(). Lexicons that share a word
// list (WordVocabulary) add to it when compiled: compile all of them before
// any document is scanned or matched with one of them (a ScannedText keeps
// the first-word marks the list had when it was built).
#ifndef PACTGRAPH_EVENTS_LEXICON_H_
#define PACTGRAPH_EVENTS_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pactgraph/status.h"

namespace pactgraph {
namespace events {

struct Word {
  uint32_t start = 0, end = 0;  // byte range in the document text
};

// The words that a set of lexicons names exactly (case-folded), each with a
// small id: a document's words are looked up here once when it is scanned,
// and the lexicons then compare ids instead of hashing and comparing text at
// every pattern they try. Filled by PhraseLexicon::Compile.
class WordVocabulary {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;  // a word no pattern names exactly
  // The id of a folded word, added if new.
  uint32_t Add(std::string_view folded);
  // The id of the folded word at p (len bytes) whose Key is `key`, or kNone.
  uint32_t Find(uint64_t key, const char* p, size_t len) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t s = SlotOf(key); slots_[s].id != kNone; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      // A key of up to eight bytes is the word itself; a longer one is a hash.
      if (slot.key == key && slot.len == len && (len <= 8 || words_[slot.id].compare(0, len, p, len) == 0))
        return slot.id;
    }
    return kNone;
  }
  size_t size() const { return words_.size(); }
  // A bit of its own for a lexicon compiled into this vocabulary, or 0 when
  // all eight are taken; Starts(id) has the bits of the lexicons with a
  // pattern whose first element names word `id`.
  uint8_t NewLexiconBit() { return lexicons_ < 8 ? static_cast<uint8_t>(1u << lexicons_++) : 0; }
  void MarkStart(uint32_t id, uint8_t bit) { starts_[id] |= bit; }
  uint8_t Starts(uint32_t id) const { return id == kNone ? 0 : starts_[id]; }
  // The lookup key of the folded word at p (len bytes; eight more bytes
  // must be readable after it): its bytes themselves when it has up to
  // eight, else a hash of them.
  static uint64_t Key(const char* p, size_t len);

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t len = 0;
    uint32_t id = kNone;  // kNone: empty slot
  };
  size_t SlotOf(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  void Insert(uint32_t id);
  std::vector<std::string> words_;
  std::vector<uint64_t> keys_;
  std::vector<uint8_t> starts_;  // per id
  int lexicons_ = 0;
  std::vector<Slot> slots_;  // open addressing, size a power of two, at most half full
  int shift_ = 64;           // 64 - log2(slots_.size())
};

// The words of one document and its case-folded copy (same byte offsets).
class ScannedText {
 public:
  // `vocab` must outlive the scanned text; match it only with lexicons
  // compiled into that vocabulary.
  ScannedText(std::string_view text, const WordVocabulary& vocab);
  std::string_view text() const { return text_; }
  const char* folded_data() const { return folded_.data(); }
  const std::vector<Word>& words() const { return words_; }
  std::string_view Original(size_t i) const {
    return text_.substr(words_[i].start, words_[i].end - words_[i].start);
  }
  std::string_view Folded(size_t i) const {
    return std::string_view(folded_).substr(words_[i].start, words_[i].end - words_[i].start);
  }
  // The vocabulary id of Folded(i), or WordVocabulary::kNone.
  uint32_t WordId(size_t i) const { return ids_[i]; }
  // WordVocabulary::Starts of the word.
  uint8_t Starts(size_t i) const { return starts_[i]; }
  const std::vector<uint8_t>& starts() const { return starts_; }
  const WordVocabulary& vocabulary() const { return *vocab_; }
  // Index of the first word starting at or after byte `pos`.
  size_t WordAt(uint32_t pos) const;
  // The same, walking forward from word `from`, for positions in text order
  // (a `from` past the answer falls back to WordAt).
  size_t WordAtFrom(uint32_t pos, size_t from) const {
    if (from > words_.size() || (from > 0 && words_[from - 1].start >= pos)) return WordAt(pos);
    while (from < words_.size() && words_[from].start < pos) ++from;
    return from;
  }

 private:
  std::string_view text_;
  std::string folded_;  // followed by zero bytes of padding
  const WordVocabulary* vocab_;
  std::vector<Word> words_;
  std::vector<uint32_t> ids_;    // per word: its vocabulary id
  std::vector<uint8_t> starts_;  // per word: the vocabulary's Starts of its id
};

// Lower-cases ASCII and the German capitals Ä Ö Ü (length preserving).
std::string FoldCase(std::string_view s);

struct PhraseMatch {
  size_t first_word = 0, end_word = 0;  // word range [first, end)
  int payload = 0;                      // what the caller attached to the pattern
};

class PhraseLexicon {
 public:
  // Adds a pattern; returns an error naming the problem (the caller adds the
  // file and line).
  Status Add(std::string_view pattern, int payload);
  // Must be called after the last Add and before matching. The lexicon's
  // exact words are added to `vocab`, which lexicons used on the same
  // documents share; without one the lexicon gets a vocabulary of its own.
  void Compile(std::shared_ptr<WordVocabulary> vocab);
  void Compile() { Compile(std::make_shared<WordVocabulary>()); }
  // The vocabulary to scan documents with (after Compile).
  const WordVocabulary& vocabulary() const { return *vocab_; }
  // Finds every pattern occurrence starting in words [begin, end) and ending
  // no later than `limit` (the sentence end). Longest match first per start.
  void FindAll(const ScannedText& doc, size_t begin, size_t end, size_t limit,
               std::vector<PhraseMatch>* out) const;
  size_t size() const { return patterns_.size(); }

 private:
  enum class Kind : uint8_t { kExact, kPrefix, kSuffix, kInfix, kAny, kGap };
  struct Alt {
    Kind kind = Kind::kExact;
    std::string text;  // folded
    bool exact_case = false;
    std::string original;                 // for exact-case alternatives
    uint32_t id = WordVocabulary::kNone;  // kExact: the vocabulary id of text (set by Compile)
  };
  struct Element {
    std::vector<Alt> alts;
    // Set by Compile: every alternative is a case-folded exact word, so the
    // element matches exactly the words whose id is in `ids` (sorted).
    bool ids_only = false;
    std::vector<uint32_t> ids;
    bool gap() const { return alts.size() == 1 && alts[0].kind == Kind::kGap; }
  };
  struct Pattern {
    std::vector<Element> elements;
    int payload = 0;
  };
  static bool AltMatches(const Alt& a, const ScannedText& doc, size_t pos);
  static bool ElementMatches(const Element& e, const ScannedText& doc, size_t pos);

  bool MatchFrom(const ScannedText& doc, const Pattern& p, size_t el, size_t pos, size_t limit,
                 size_t* end) const;

  // The patterns whose first element names the word with vocabulary id
  // `id` exactly: first_patterns_[first_begin_[id], first_begin_[id + 1]),
  // in pattern order. Ids added to the vocabulary after this lexicon was
  // compiled start none of its patterns.
  bool StartsAny(uint32_t id) const {
    return size_t{id} + 1 < first_begin_.size() && first_begin_[id] != first_begin_[id + 1];
  }
  // Whether the first element of a scanned pattern matches the word at pos.
  // (Its cheap tests; the alternatives themselves are tried by ScannedFirstMatches.)
  bool ScannedMayStart(const ScannedText& doc, size_t pos) const;
  bool ScannedFirstMatches(const ScannedText& doc, size_t pos) const;
  // Tries the patterns that start with the exact word at pos (when
  // `exact_start`) and the scanned ones (when `scanned_start`) at pos.
  void MatchWith(const ScannedText& doc, size_t pos, size_t limit, bool exact_start, bool scanned_start,
                 std::vector<PhraseMatch>* out) const;

  std::shared_ptr<const WordVocabulary> vocab_;
  uint8_t start_bit_ = 0;  // this lexicon's bit in the vocabulary's Starts (0: none, use first_begin_)
  std::vector<Pattern> patterns_;
  std::vector<uint32_t> first_begin_;     // per vocabulary id, and one past the last
  // A pattern in the first-word index, with what matching an ids_only one needs at hand.
  struct Start {
    uint32_t pattern = 0;
    uint32_t length = 0;  // elements
    uint32_t rest = 0;    // ids_only: where its later elements' ids start in rest_ids_
    int payload = 0;
    bool ids_only = false;
  };
  std::vector<Start> first_patterns_;  // grouped by first word, in pattern order
  // For each ids_only pattern, its elements after the first: how many ids, then the ids (sorted).
  std::vector<uint32_t> rest_ids_;
  // Whether the words from pos on match the ids_only pattern `st`.
  bool IdsMatch(const ScannedText& doc, const Start& st, size_t pos, size_t limit) const;
  // MatchWith for a word that starts patterns of this lexicon, none scanned.
  void MatchExact(const ScannedText& doc, size_t pos, size_t limit, std::vector<PhraseMatch>* out) const;
  std::vector<uint32_t> scanned_;         // patterns whose first element is not exact
  bool scanned_any_ = false;              // a scanned pattern starts with '_' (any word)
  size_t scanned_min_len_ = 0;            // the shortest word their first elements can match
  // The last two folded bytes a word must end with (for exact and suffix
  // first alternatives) or the first two it must begin with (for prefix
  // ones) to start a scanned pattern, one bit per pair (of their low six
  // bits): most words fail both and skip the alternatives. Not used when an
  // infix alternative can match a word of any ending, or a first
  // alternative is a single byte.
  uint64_t scanned_last_pairs_[64] = {};
  uint64_t scanned_first_pairs_[64] = {};
  bool scanned_unfiltered_ = false;
};

}  // namespace events
}  // namespace pactgraph

#endif  // PACTGRAPH_EVENTS_LEXICON_H_
