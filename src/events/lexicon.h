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
// Immutable and thread-safe after Compile().
#ifndef PACTGRAPH_EVENTS_LEXICON_H_
#define PACTGRAPH_EVENTS_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pactgraph/status.h"

namespace pactgraph {
namespace events {

struct Word {
  uint32_t start = 0, end = 0;  // byte range in the document text
};

// The words of one document and its case-folded copy (same byte offsets).
class ScannedText {
 public:
  explicit ScannedText(std::string_view text);
  std::string_view text() const { return text_; }
  std::string_view folded() const { return folded_; }
  const std::vector<Word>& words() const { return words_; }
  std::string_view Original(size_t i) const {
    return text_.substr(words_[i].start, words_[i].end - words_[i].start);
  }
  std::string_view Folded(size_t i) const {
    return std::string_view(folded_).substr(words_[i].start, words_[i].end - words_[i].start);
  }
  // Fnv1a64 of Folded(i), computed once per word when the text is scanned.
  uint64_t FoldedHash(size_t i) const { return hashes_[i]; }
  // Index of the first word starting at or after byte `pos`.
  size_t WordAt(uint32_t pos) const;

 private:
  std::string_view text_;
  std::string folded_;
  std::vector<Word> words_;
  std::vector<uint64_t> hashes_;  // per word: Fnv1a64 of its folded text
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
  // Finds every pattern occurrence starting in words [begin, end) and ending
  // no later than `limit` (the sentence end). Longest match first per start.
  void FindAll(const ScannedText& doc, size_t begin, size_t end, size_t limit,
               std::vector<PhraseMatch>* out) const;
  // Tries the patterns at one word position; appends matches.
  void MatchAt(const ScannedText& doc, size_t pos, size_t limit, std::vector<PhraseMatch>* out) const;
  size_t size() const { return patterns_.size(); }

 private:
  enum class Kind : uint8_t { kExact, kPrefix, kSuffix, kInfix, kAny, kGap };
  struct Alt {
    Kind kind = Kind::kExact;
    std::string text;  // folded
    bool exact_case = false;
    std::string original;  // for exact-case alternatives
    uint64_t hash = 0;     // kExact: Fnv1a64(text), checked before the text
  };
  struct Element {
    std::vector<Alt> alts;
    bool gap() const { return alts.size() == 1 && alts[0].kind == Kind::kGap; }
  };
  struct Pattern {
    std::vector<Element> elements;
    int payload = 0;
  };
  static bool AltMatches(const Alt& a, std::string_view folded, std::string_view original);

  bool MatchFrom(const ScannedText& doc, const Pattern& p, size_t el, size_t pos, size_t limit,
                 size_t* end) const;

  std::vector<Pattern> patterns_;
  // First-element index: exact first words by hash (open addressing; each
  // slot names a run of first_patterns_ in pattern order); others scanned.
  struct Slot {
    uint64_t hash = 0;
    uint32_t begin = 0, end = 0;  // end == 0: empty slot
  };
  // The slot of the patterns whose first word hashes to h, or nullptr.
  const Slot* SlotFor(uint64_t h) const;
  // Whether the first element of a scanned pattern matches the word at pos.
  // (Its cheap tests; the alternatives themselves are tried by ScannedFirstMatches.)
  bool ScannedMayStart(const ScannedText& doc, size_t pos) const;
  bool ScannedFirstMatches(const ScannedText& doc, size_t pos) const;
  // Tries the patterns of `slot` (may be nullptr) and the scanned ones at pos.
  void MatchWith(const ScannedText& doc, size_t pos, size_t limit, const Slot* slot,
                 std::vector<PhraseMatch>* out) const;

  // One bit per value of a hash's top 12 bits, set for the first-word hashes
  // in slots_: most words are no first word and miss here without a probe.
  bool MayBeFirst(uint64_t h) const { return (first_bits_[h >> 58] >> ((h >> 52) & 63)) & 1; }

  uint64_t first_bits_[64] = {};           // 4,096 bits: the top 12 bits of a hash
  std::vector<Slot> slots_;                // size a power of two, or empty
  std::vector<uint32_t> first_patterns_;  // pattern indices, grouped by first-word hash
  std::vector<uint32_t> scanned_;          // patterns whose first element is not exact
  bool scanned_any_ = false;               // a scanned pattern starts with '_' (any word)
  size_t scanned_min_len_ = 0;             // the shortest word their first elements can match
  // The folded bytes a word must end with (for exact and suffix first
  // alternatives) or begin with (for prefix ones) to start a scanned pattern,
  // one bit per byte value: most words fail both and skip the alternatives.
  // Not used when an infix alternative can match a word of any ending.
  uint64_t scanned_last_bytes_[4] = {};
  uint64_t scanned_first_bytes_[4] = {};
  bool scanned_unfiltered_ = false;

 public:
  // Must be called after the last Add and before matching.
  void Compile();
};

}  // namespace events
}  // namespace pactgraph

#endif  // PACTGRAPH_EVENTS_LEXICON_H_
