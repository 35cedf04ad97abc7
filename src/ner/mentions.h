// Words of one document and the name mentions found in them by gazetteers,
// patterns and (when a model is loaded) the statistical tagger.
#ifndef PACTGRAPH_NER_MENTIONS_H_
#define PACTGRAPH_NER_MENTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner/gazetteer.h"
#include "segment/segment.h"

namespace pactgraph {
namespace ner {

enum WordFlag : uint16_t {
  kUpper = 1,           // starts with a capital letter
  kLower = 2,           // starts with a lower-case letter
  kAllCaps = 4,         // two or more letters, all capitals
  kDigit = 8,           // contains a digit
  kPunct = 16,          // no letter or digit
  kPossessive = 32,     // the "'s" split off a name
  kSentenceStart = 64,  // first word of a sentence, line or quote
  kParagraphStart = 128,
  kTitleLine = 256,    // on a headline-style line where most words are capitalised
  kHyphen = 512,       // contains '-'
  kHeadline = 1024,    // on a title-case line (every long word capitalised, no closing full stop)
  kTitleStart = 2048,  // some job title starts with this word (set by ClassifyWords)
  kGazStart = 4096,    // some gazetteer name starts with this word (set by ClassifyWords)
};

struct Word {
  uint32_t start = 0, end = 0;
  std::string_view text;
  uint64_t hash = 0;  // FoldedHash(text)
  uint16_t flags = 0;
  uint32_t cls = 0;  // WordLexicon::Mask(hash): the word classes it belongs to
  bool Is(uint16_t f) const { return (flags & f) != 0; }
  bool In(uint32_t class_bit) const { return (cls & class_bit) != 0; }
};

// Splits the segmenter's tokens into words (punctuation and possessives apart)
// and marks sentence, paragraph and headline starts.
std::vector<Word> MakeWords(std::string_view text, const Segmented& seg);

// Where a mention came from, strongest first.
enum class Source : uint8_t { kPattern = 0, kGazetteer = 1, kTagger = 2, kAlias = 3 };

struct Candidate {
  uint32_t start = 0, end = 0;   // byte range of the name (may be part of a word)
  uint32_t first = 0, last = 0;  // word index range [first, last)
  std::string type;              // PERSON, ORG, PRODUCT, LOC, EVENT
  std::string canonical;         // canonical name hint (gazetteer), may be empty
  Source source = Source::kPattern;
  uint8_t gaz_flags = 0;
  bool family_first = false;  // East-Asian order: "Lee Jae-yong" (family name first)
};

// Tests of a language code or a mention type against a literal, meant for
// per-word and per-candidate code: compared as string_views they are inlined,
// where std::string == "..." calls libstdc++'s out-of-line compare() and strlen().
inline bool SameText(std::string_view a, std::string_view b) { return a == b; }
inline bool IsGerman(std::string_view lang) { return lang == "de"; }

// Bits of the word classes the rules test (see data/ner/lexicon.tsv).
struct ClassBits {
  uint32_t stop = 0, month = 0, weekday = 0, common_cap = 0, noun_de = 0, given_name = 0, org_suffix = 0,
           legal_suffix = 0, event_head = 0, honorific = 0, connector = 0, term = 0, org_descriptor = 0,
           name_particle = 0, org_head = 0, place_head = 0;
};

// The immutable resources mention finding needs.
struct Resources {
  Gazetteer gazetteer;
  WordLexicon lexicon;
  TitleLexicon titles;
  ClassBits bits;
  // What ClassifyWords sets for a word, for every word of which it sets
  // something: its lexicon classes, kTitleStart and kGazStart. One lookup
  // per word of a text instead of one in each of the three tables, none of
  // which stays in the cache between documents.
  struct WordKind {
    uint32_t cls = 0;
    uint16_t flags = 0;
  };
  HashIndex word_index;              // folded word hash -> index into word_kinds
  std::vector<WordKind> word_kinds;  // the distinct kinds: a few dozen, in a few cache lines
  // Resolves `bits` and builds word_index once all resources are loaded.
  void ResolveBits();
};

// Sets Word::cls from the lexicon, kTitleStart from the title lexicon and
// kGazStart from the gazetteer (looked up once per word, in the word_index
// that ResolveBits built, not by every rule that asks).
void ClassifyWords(const Resources& res, std::vector<Word>* words);

// Everything the rules find without the tagger, overlaps not yet resolved.
std::vector<Candidate> FindGazetteerMentions(const Resources& res, std::string_view text,
                                             const std::vector<Word>& words, const std::string& lang);
std::vector<Candidate> FindPatternMentions(const Resources& res, std::string_view text,
                                           const std::vector<Word>& words, const std::string& lang);

// Length in words of the title phrase starting at word i (0 if none); sets
// *normalised. Matches titles of `lang` ("other" counts as English).
size_t MatchTitle(const Resources& res, const std::vector<Word>& words, size_t i, const std::string& lang,
                  std::string* normalised);
// A German compound that may end in a one-word title ("Verbandspräsident").
inline bool MayEndInGermanTitle(const Word& w, const std::string& lang) {
  return IsGerman(lang) && w.Is(kUpper) && w.text.size() >= 7;
}
// MatchTitle's work for a word that starts a title or may end in one (i < words.size()).
size_t MatchTitleAt(const Resources& res, const std::vector<Word>& words, size_t i, const std::string& lang,
                    const std::string** normalised);
// MatchTitle with *normalised pointing to the title lexicon's string (set
// only when a title matches). Inline because most words start no title, and
// telling so takes a flag test.
inline size_t MatchTitleRef(const Resources& res, const std::vector<Word>& words, size_t i,
                            const std::string& lang, const std::string** normalised) {
  if (i >= words.size()) return 0;
  if (!words[i].Is(kTitleStart) && !MayEndInGermanTitle(words[i], lang)) return 0;
  return MatchTitleAt(res, words, i, lang, normalised);
}

// True for a capitalised word that names nothing by itself: function words,
// months, weekdays, common sentence openers, and (German) common nouns.
bool IsCommonWord(const Resources& res, const Word& w, const std::string& lang);
// "Paris-based", "state-owned", "US-led": a hyphenated adjective (a word
// ending in one of the lexicon's compound_adjective endings), never part of a name.
bool IsCompoundAdjective(const Resources& res, const Word& w);

// Keeps the best of overlapping candidates: patterns and gazetteers before
// the tagger, longer before shorter, earlier before later.
std::vector<Candidate> ResolveOverlaps(std::vector<Candidate> cands);

}  // namespace ner
}  // namespace pactgraph

#endif  // PACTGRAPH_NER_MENTIONS_H_
