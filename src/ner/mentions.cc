#include "ner/mentions.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace pactgraph {
namespace ner {
namespace {

bool IsSentenceEnd(std::string_view w) {
  return w == "." || w == "!" || w == "?" || w == ":" || w == "\xE2\x80\xA2" || w == "\xE2\x80\xA6" ||
         w == ";" || w == "|";
}

bool IsOpeningQuote(std::string_view w) {
  return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9E" || w == "\xC2\xAB" || w == "\xC2\xBB" ||
         w == "'" || w == "\xE2\x80\x98" || w == "(";
}

bool IsQuote(std::string_view w) {
  return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D" || w == "\xE2\x80\x9E" || w == "\xC2\xAB" ||
         w == "\xC2\xBB";
}

// Fold(w) in a per-thread buffer, for the suffix tests that look at the
// folded word and are done with it before the next call (no allocation per word).
std::string_view FoldedScratch(std::string_view w) {
  thread_local std::string buf;
  FoldInto(w, &buf);
  return buf;
}

// What the word splitter needs to know of a byte.
enum : uint8_t {
  kDigitByte = 1,   // 0-9
  kLetterByte = 2,  // A-Z, a-z, and 0xC3 (HasLetter's test for Latin-1 letters)
  kHyphenByte = 4,  // '-'
  kLowerByte = 8,   // a-z: the word is not all capitals
  kUpperByte = 16,  // A-Z
  kSplitByte = 32,  // none of A-Z a-z 0-9 '-': SplitToken may split the token there
  kWideByte = 64,   // 0x80 and above: folding may map more than one byte
};
// Per byte: its classes above, shifted left by 8, or-ed with the byte as
// FoldedHash folds it when it stands alone (ASCII upper case to lower).
constexpr std::array<uint16_t, 256> kByteInfo = [] {
  std::array<uint16_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t cls = kSplitByte;
    int folded = c;
    if (c >= '0' && c <= '9') cls = kDigitByte;
    if (c >= 'a' && c <= 'z') cls = kLetterByte | kLowerByte;
    if (c >= 'A' && c <= 'Z') {
      cls = kLetterByte | kUpperByte;
      folded = c + ('a' - 'A');
    }
    if (c == '-') cls = kHyphenByte;
    if (c >= 0x80) cls |= kWideByte;
    if (c == 0xC3) cls |= kLetterByte;
    t[c] = static_cast<uint16_t>(cls << 8 | folded);
  }
  return t;
}();

// A word's byte classes (of its bytes, or-ed) and FoldedHash, in one pass:
// ASCII bytes fold alone. A word with other bytes (a few in English text,
// more in German) is hashed again by FoldedHash, which folds those.
struct WordBytes {
  uint64_t hash = kFoldedHashBasis;
  uint8_t classes = 0;
};
WordBytes ScanWord(std::string_view w) {
  WordBytes s;
  uint32_t seen = 0;
  for (char c : w) {
    const uint16_t info = kByteInfo[static_cast<unsigned char>(c)];
    seen |= info;
    s.hash = (s.hash ^ (info & 0xFF)) * kFoldedHashPrime;
  }
  s.classes = static_cast<uint8_t>(seen >> 8);
  if (s.classes & kWideByte) s.hash = FoldedHash(w);
  return s;
}

// The shape flags of a word from its bytes.
uint16_t ShapeFlags(std::string_view w, uint8_t classes) {
  if (w.empty()) return kPunct;
  uint16_t f = 0;
  const uint8_t first = static_cast<uint8_t>(kByteInfo[static_cast<unsigned char>(w[0])] >> 8);
  if (first & kUpperByte) {
    f |= kUpper;
  } else if (first & kLowerByte) {
    f |= kLower;
  } else if (first & kWideByte) {
    if (StartsUpper(w)) f |= kUpper;
    if (StartsLower(w)) f |= kLower;
  }
  // A word starting lower case, with a lower-case ASCII letter or without a
  // letter is not all capitals; only the rest need IsAllCaps's walk.
  if (!(f & kLower) && (classes & (kLetterByte | kLowerByte)) == kLetterByte && IsAllCaps(w)) f |= kAllCaps;
  if (classes & kDigitByte) f |= kDigit;
  if (!(classes & (kLetterByte | kDigitByte))) f |= kPunct;
  if ((classes & kHyphenByte) && w.size() > 1) f |= kHyphen;
  return f;
}

// Line breaks in the text [a, b) between two words, counted up to two (a
// blank line).
int LineBreaksBetween(std::string_view text, uint32_t a, uint32_t b) {
  int newlines = 0;
  for (uint32_t i = a; i < b && i < text.size() && newlines < 2; ++i)
    if (text[i] == '\n') ++newlines;
  return newlines;
}

// A line break inside a sentence of hard-wrapped text (wire copy, e-mail):
// the line before it is long and the segmenter did not start a sentence
// after it ("… Norma Bork Associates Inc and Bork\nMedical Services Inc …").
bool WrappedLineBreak(std::string_view text, uint32_t prev_end, const Word& next) {
  if (next.Is(kSentenceStart)) return false;  // the segmenter's own decision
  size_t line_start = text.rfind('\n', prev_end == 0 ? 0 : prev_end - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  if (prev_end - line_start < 50) return false;
  size_t nl = text.find('\n', prev_end);
  return nl != std::string_view::npos &&
         text.find('\n', nl + 1) != nl + 1;  // one line break, not a blank line
}

// Tells lines written headline-style (most long words capitalised) as the
// words come, a line at a time.
class TitleLineMarker {
 public:
  // Counts word `w`, the next word of the current line.
  void Add(const Word& w) {
    if (w.text.size() < 4 || w.Is(kPunct) || w.Is(kDigit)) return;
    ++long_words_;
    if (w.Is(kUpper)) ++capitalised_;
  }
  // Ends the current line before word `end` and marks its words when the
  // line is headline-style.
  void EndLine(std::vector<Word>* words, size_t end) {
    if (long_words_ >= 3 && capitalised_ * 4 >= long_words_ * 3) {
      bool headline = capitalised_ == long_words_ && end > line_begin_ && (*words)[end - 1].text != "." &&
                      (*words)[end - 1].text != "!";
      for (size_t j = line_begin_; j < end; ++j) (*words)[j].flags |= kTitleLine | (headline ? kHeadline : 0);
    }
    line_begin_ = end;
    long_words_ = capitalised_ = 0;
  }

 private:
  size_t line_begin_ = 0;
  int long_words_ = 0, capitalised_ = 0;
};

bool CaseMatches(const GazEntry& e, const std::vector<Word>& words, size_t i) {
  for (size_t k = 0; k < e.words.size(); ++k) {
    std::string_view t = words[i + k].text;
    const std::string& g = e.words[k];
    if (e.flags & kCaseSensitive) {
      if (t != g) return false;
      continue;
    }
    if (StartsUpper(g) && !StartsUpper(t)) return false;
    if (StartsLower(g) && !(StartsLower(t) || t == g)) {
      // "eBay" may open a sentence as "EBay"; we still require the lower-case form.
      return false;
    }
  }
  return true;
}

// The entry of `ids` (the entries of one word sequence) that words [i, i + len) name.
const GazEntry* MatchAt(const Gazetteer& gaz, const std::vector<uint32_t>& ids,
                        const std::vector<Word>& words, size_t i, size_t len) {
  for (uint32_t id : ids) {
    const GazEntry& e = gaz.entry(id);
    if (e.words.size() == len && CaseMatches(e, words, i)) return &e;
  }
  return nullptr;
}

// Single-word entry for a piece of text (the head of a compound or a genitive stem).
const GazEntry* MatchPiece(const Gazetteer& gaz, std::string_view piece) {
  const std::vector<uint32_t>* ids = gaz.Find(CombineHash(0, FoldedHash(piece)));
  if (!ids) return nullptr;
  for (uint32_t id : *ids) {
    const GazEntry& e = gaz.entry(id);
    if (e.words.size() != 1 || (e.flags & kWeak)) continue;
    if (e.flags & kCaseSensitive ? piece == e.words[0] : StartsUpper(piece) == StartsUpper(e.words[0]))
      return &e;
  }
  return nullptr;
}

Candidate MakeCandidate(const std::vector<Word>& words, size_t first, size_t last, const std::string& type,
                        Source src) {
  Candidate c;
  c.first = static_cast<uint32_t>(first);
  c.last = static_cast<uint32_t>(last);
  c.start = words[first].start;
  c.end = words[last - 1].end;
  c.type = type;
  c.source = src;
  return c;
}

bool IsYear(std::string_view w) {
  return w.size() == 4 && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20") && HasDigit(w) &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsAlphaName(std::string_view w) {
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '-' || c == '\'';
    if (!ok) return false;
  }
  return HasLetter(w);
}

// A common-word company name ("Target", "Visa") counts only when followed by
// a legal suffix, a possessive or a job title, away from sentence starts.
bool WeakNameSupported(const Resources& res, const std::vector<Word>& words, size_t i,
                       const std::string& lang) {
  if (words[i].Is(kSentenceStart) || words[i].Is(kTitleLine) || i + 1 >= words.size()) return false;
  const Word& n = words[i + 1];
  return n.Is(kPossessive) || n.In(res.bits.legal_suffix) ||
         res.titles.Find(CombineHash(0, n.hash), IsGerman(lang) ? "de" : "en") != nullptr;
}

}  // namespace

void Resources::ResolveBits() {
  bits.stop = lexicon.Bit("stop");
  bits.month = lexicon.Bit("month");
  bits.weekday = lexicon.Bit("weekday");
  bits.common_cap = lexicon.Bit("common_cap");
  bits.noun_de = lexicon.Bit("noun_de");
  bits.given_name = lexicon.Bit("given_name");
  bits.org_suffix = lexicon.Bit("org_suffix");
  bits.legal_suffix = lexicon.Bit("legal_suffix");
  bits.event_head = lexicon.Bit("event_head");
  bits.honorific = lexicon.Bit("honorific");
  bits.connector = lexicon.Bit("connector");
  bits.term = lexicon.Bit("term");
  bits.org_descriptor = lexicon.Bit("org_descriptor");
  bits.name_particle = lexicon.Bit("name_particle");
  bits.org_head = lexicon.Bit("org_head");
  bits.place_head = lexicon.Bit("place_head");

  std::unordered_map<uint64_t, WordKind> kinds;
  lexicon.ForEachWord([&kinds](uint64_t h, uint32_t mask) { kinds[h].cls |= mask; });
  titles.ForEachFirstWord([&kinds](uint64_t h) { kinds[h].flags |= kTitleStart; });
  // (The tables store key 0 as 1, and so does word_index.)
  for (uint64_t h : gazetteer.first_word_hashes()) kinds[h == 0 ? 1 : h].flags |= kGazStart;
  std::map<std::pair<uint32_t, uint16_t>, uint32_t> kind_index;
  word_index = HashIndex();
  word_index.Reserve(kinds.size());  // grown step by step, it touched twice the pages
  word_kinds.clear();
  for (const auto& [h, kind] : kinds) {
    auto [it, fresh] = kind_index.emplace(std::make_pair(kind.cls, kind.flags), word_kinds.size());
    if (fresh) word_kinds.push_back(kind);
    word_index[h] = it->second;
  }
}

void ClassifyWords(const Resources& res, std::vector<Word>* words) {
  // The table is too large to stay in the cache between documents, and a
  // lookup that waits for its load stalls the loop. Every word's hash is
  // known already, so the loads are started kAhead words before they are
  // needed.
  constexpr size_t kAhead = 8;
  const size_t n = words->size();
  Word* const ws = words->data();
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) res.word_index.Prefetch(ws[i + kAhead].hash);
    Word& w = ws[i];
    const uint32_t* kind = res.word_index.Find(w.hash);
    if (kind) {
      w.cls = res.word_kinds[*kind].cls;
      w.flags |= res.word_kinds[*kind].flags;
    } else {
      w.cls = 0;
    }
  }
}

std::vector<Word> MakeWords(std::string_view text, const Segmented& seg) {
  std::vector<Word> words;
  words.reserve(seg.tokens.size() + seg.tokens.size() / 4);
  std::vector<Piece> pieces;
  std::vector<uint8_t> token_starts_sentence(seg.tokens.size(), 0);
  for (const Sentence& s : seg.sentences)
    if (s.first_token < seg.tokens.size()) token_starts_sentence[s.first_token] = 1;
  auto new_word = [&](uint32_t start, uint32_t end, const WordBytes& bytes, uint16_t flags) {
    Word& w = words.emplace_back();
    w.start = start;
    w.end = end;
    w.text = std::string_view(text.data() + start, end - start);
    w.hash = bytes.hash;
    w.flags = flags | ShapeFlags(w.text, bytes.classes);
  };
  const size_t token_count = seg.tokens.size();
  for (size_t t = 0; t < token_count; ++t) {
    const Token& tok = seg.tokens[t];
    if (tok.end <= tok.start || tok.end > text.size()) continue;
    const uint16_t sentence_start = token_starts_sentence[t] ? kSentenceStart : 0;
    const std::string_view token(text.data() + tok.start, tok.end - tok.start);
    // Most tokens are one plain word (letters, digits and hyphens), which
    // SplitToken would leave whole, or one byte: the pass over the bytes
    // that gives the word's hash and shape tells so.
    const WordBytes bytes = ScanWord(token);
    if (token.size() == 1 || !(bytes.classes & kSplitByte)) {
      new_word(tok.start, tok.end, bytes, sentence_start);
      continue;
    }
    pieces.clear();
    SplitToken(token, tok.start, &pieces);
    for (size_t p = 0; p < pieces.size(); ++p) {
      const Piece& piece = pieces[p];
      new_word(piece.start, piece.end, ScanWord(text.substr(piece.start, piece.end - piece.start)),
               (piece.possessive ? kPossessive : 0) | (p == 0 ? sentence_start : 0));
    }
  }
  // Sentence and paragraph starts that the words before and the line breaks
  // tell; and the lines written headline-style.
  const size_t count = words.size();
  if (count == 0) return words;
  TitleLineMarker title_lines;
  words[0].flags |= kSentenceStart | kParagraphStart;
  title_lines.Add(words[0]);
  for (size_t i = 1; i < count; ++i) {
    Word& w = words[i];
    const Word& prev = words[i - 1];
    const int line_breaks = LineBreaksBetween(text, prev.end, w.start);
    if (line_breaks >= 1) title_lines.EndLine(&words, i);
    title_lines.Add(w);
    if (line_breaks >= 2) w.flags |= kParagraphStart | kSentenceStart;
    // Sentence ends and opening quotes are punctuation words.
    if ((prev.Is(kPunct) && IsSentenceEnd(prev.text)) ||
        (line_breaks >= 1 && !WrappedLineBreak(text, prev.end, w)))
      w.flags |= kSentenceStart;
    if (prev.Is(kPunct) && prev.Is(kSentenceStart) && IsOpeningQuote(prev.text)) w.flags |= kSentenceStart;
  }
  title_lines.EndLine(&words, count);
  return words;
}

bool IsCompoundAdjective(const Resources& res, const Word& w) {
  if (w.text.find('-') == std::string_view::npos) return false;
  return res.lexicon.EndsWithAny("compound_adjective", FoldedScratch(w.text));
}

bool IsCommonWord(const Resources& res, const Word& w, const std::string& lang) {
  if ((w.In(res.bits.stop) && !w.Is(kAllCaps)) || w.In(res.bits.month) || w.In(res.bits.weekday) ||
      w.In(res.bits.common_cap))
    return true;
  if (IsGerman(lang) && w.In(res.bits.noun_de)) return true;
  return false;
}

size_t MatchTitleAt(const Resources& res, const std::vector<Word>& words, size_t i, const std::string& lang,
                    const std::string** normalised) {
  const Word& w = words[i];
  const bool german = IsGerman(lang);
  const bool compound = MayEndInGermanTitle(w, lang);
  if (!w.Is(kTitleStart)) {
    if (!compound) return 0;
    if (const std::string* n = res.titles.FindGermanCompound(FoldedScratch(w.text))) {
      *normalised = n;
      return 1;
    }
    return 0;
  }
  std::string_view l = german ? "de" : "en";
  uint64_t h = 0;
  size_t best = 0;
  size_t max = std::min(res.titles.max_words(), words.size() - i);
  for (size_t k = 0; k < max; ++k) {
    if (words[i + k].Is(kPossessive)) break;
    h = CombineHash(h, words[i + k].hash);
    if (const std::string* n = res.titles.Find(h, l)) {
      best = k + 1;
      *normalised = n;
    }
  }
  if (best == 0 && compound) {
    if (const std::string* n = res.titles.FindGermanCompound(FoldedScratch(w.text))) {
      *normalised = n;
      return 1;
    }
  }
  return best;
}

size_t MatchTitle(const Resources& res, const std::vector<Word>& words, size_t i, const std::string& lang,
                  std::string* normalised) {
  const std::string* n = nullptr;
  size_t len = MatchTitleRef(res, words, i, lang, &n);
  if (n && normalised) *normalised = *n;
  return len;
}

std::vector<Candidate> FindGazetteerMentions(const Resources& res, std::string_view text,
                                             const std::vector<Word>& words, const std::string& lang) {
  const size_t count = words.size();
  std::vector<Candidate> out;
  const Gazetteer& gaz = res.gazetteer;
  std::vector<uint32_t> nodes(gaz.max_words() + 1);
  for (size_t i = 0; i < count; ++i) {
    const Word& w = words[i];
    if (w.Is(kPunct) || w.Is(kPossessive)) continue;
    const GazEntry* hit = nullptr;
    size_t len = 0;
    if (w.Is(kGazStart)) {
      // Walk forward while the words are a prefix of some entry (keeping each
      // sequence's node, so that none is looked up twice), then try the
      // longest whole entries first.
      size_t max = std::min(gaz.max_words(), count - i);
      uint64_t h = 0;
      size_t reach = 0;
      for (size_t k = 0; k < max; ++k) {
        h = CombineHash(h, words[i + k].hash);
        const uint32_t* node = gaz.FindNode(h);
        if (!node) break;
        nodes[k + 1] = *node;
        reach = k + 1;
      }
      for (size_t k = reach; k >= 1 && !hit; --k) {
        if (!w.Is(kUpper) && !Gazetteer::HasUncapitalisedStart(nodes[k])) continue;
        if (const std::vector<uint32_t>* ids = gaz.Entries(nodes[k])) hit = MatchAt(gaz, *ids, words, i, k);
        if (hit) len = k;
      }
    }
    if (hit && len == 1 && !(hit->flags & kCaseSensitive) && IsCommonWord(res, w, lang)) hit = nullptr;
    if (hit && (hit->flags & kWeak) && !WeakNameSupported(res, words, i, lang)) hit = nullptr;
    if (hit) {
      size_t last = i + len;
      if (SameText(hit->type, "ORG")) {
        while (last < count && words[last].In(res.bits.legal_suffix) && !words[last].Is(kSentenceStart))
          ++last;
      }
      if (hit->flags & kPrefix) {
        size_t limit = std::min(count, last + 3);
        while (last < limit) {
          const Word& n = words[last];
          bool model = n.Is(kAllCaps) || n.Is(kDigit) || (n.Is(kUpper) && !IsCommonWord(res, n, lang));
          if (n.Is(kPunct) || n.Is(kPossessive) || n.Is(kSentenceStart) || !model || n.In(res.bits.stop))
            break;
          ++last;
        }
      }
      Candidate c = MakeCandidate(words, i, last, hit->type, Source::kGazetteer);
      c.canonical = last > i + len ? std::string(text.substr(c.start, c.end - c.start)) : hit->canonical;
      c.gaz_flags = hit->flags;
      out.push_back(std::move(c));
      i = last - 1;
      continue;
    }
    // Compound with a known name as its head: "Microsoft-Gründer", "SK-Konzerns".
    // (A word without kHyphen has no '-' or is just "-".)
    size_t dash = w.Is(kHyphen) ? w.text.find('-') : std::string_view::npos;
    if (dash != std::string_view::npos && dash > 0) {
      std::string_view head = w.text.substr(0, dash);
      if (const GazEntry* e = MatchPiece(gaz, head)) {
        Candidate c = MakeCandidate(words, i, i + 1, e->type, Source::kGazetteer);
        c.end = c.start + static_cast<uint32_t>(dash);
        c.canonical = e->canonical;
        c.gaz_flags = e->flags;
        out.push_back(std::move(c));
        continue;
      }
    }
    // German genitive of a known name: "Samsungs", "Googles".
    if (IsGerman(lang) && w.Is(kUpper) && w.text.size() > 3 && w.text.back() == 's') {
      if (const GazEntry* e = MatchPiece(gaz, w.text.substr(0, w.text.size() - 1))) {
        Candidate c = MakeCandidate(words, i, i + 1, e->type, Source::kGazetteer);
        c.canonical = e->canonical;
        c.gaz_flags = e->flags;
        out.push_back(std::move(c));
      }
    }
  }
  return out;
}

namespace {

// German common nouns are capitalised too; long words with a typical noun
// ending ("Finanzdienstleisters", "Zusammenarbeit") are not names.
bool LooksLikeGermanNoun(const Resources& res, const Word& w, const std::string& lang) {
  if (!IsGerman(lang) || w.Is(kAllCaps) || w.text.size() < 7) return false;
  return res.lexicon.EndsWithAny("noun_suffix_de", FoldedScratch(w.text));
}

// A capitalised word that may be part of a name.
bool NameLike(const Resources& res, const Word& w, const std::string& lang) {
  return w.Is(kUpper) && !w.Is(kPossessive) && !w.Is(kPunct) && IsAlphaName(w.text) &&
         !IsCommonWord(res, w, lang) && !LooksLikeGermanNoun(res, w, lang) && !IsCompoundAdjective(res, w);
}

// Person name words starting at i: 1..max name-like words that do not start a
// gazetteer name of another type. Returns the count.
size_t PersonWordsAt(const Resources& res, const std::vector<Word>& words, size_t i, size_t max,
                     const std::string& lang) {
  size_t n = 0;
  while (i + n < words.size() && n < max) {
    const Word& w = words[i + n];
    if (!NameLike(res, w, lang)) break;
    if (n > 0 && w.Is(kSentenceStart)) break;
    if (w.In(res.bits.event_head) || w.In(res.bits.org_suffix)) break;
    if (MatchTitle(res, words, i + n, lang, nullptr) > 0) break;
    if (n == 0 && res.gazetteer.Find(CombineHash(0, w.hash))) break;  // "Sony Cyber-shot" is no person
    ++n;
    // Lower-case particles inside a name: "Tomas de Groot", "Ursula von der Leyen".
    size_t p = i + n;
    // In German text "von", "zu", "der" are far more often prepositions and
    // articles ("Marcus Webb von Brightlane"), so they do not join there.
    auto particle = [&](const Word& x) {
      if (!x.In(res.bits.name_particle) || !StartsLower(x.text)) return false;
      return !IsGerman(lang) ||
             !(x.text == "von" || x.text == "zu" || x.text == "vom" || x.text == "der" || x.text == "den");
    };
    while (p < words.size() && p < i + n + 2 && particle(words[p])) ++p;
    if (p > i + n && n < max && p < words.size() && NameLike(res, words[p], lang) &&
        !words[p].Is(kSentenceStart) && !words[p].In(res.bits.org_suffix))
      n = p - i;
  }
  return n;
}

// One romanised Korean or Chinese syllable: an optional initial consonant
// (cluster), one to three vowels, an optional final ("Kye", "hyun", "Noh",
// "jung", "Young", "Zhang"). "based", "Start", "Aviv" are not.
bool IsRomanSyllable(std::string_view s) {
  static constexpr std::string_view kInitials[] = {"kk", "tt", "pp", "ss", "jj", "ch", "sh", "zh", "ts", "g",
                                                   "k",  "n",  "d",  "t",  "r",  "l",  "m",  "b",  "p",  "s",
                                                   "j",  "h",  "y",  "w",  "c",  "f",  "x",  "z",  "q"};
  static constexpr std::string_view kFinals[] = {"ng", "n", "m", "k", "l", "p", "t", "g", "r", "h", ""};
  std::string low;
  for (char c : s) low.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
  auto rest_ok = [&](std::string_view r) {
    size_t v = 0;
    while (v < r.size() && v < 3 && vowel(r[v])) ++v;
    if (v == 0) return false;
    std::string_view fin = r.substr(v);
    for (std::string_view f : kFinals)
      if (fin == f) return true;
    return false;
  };
  std::string_view l(low);
  if (rest_ok(l)) return true;
  for (std::string_view i : kInitials)
    if (l.size() > i.size() && l.substr(0, i.size()) == i && rest_ok(l.substr(i.size()))) return true;
  return false;
}

bool IsEastAsianGiven(const Resources& res, std::string_view w) {
  size_t dash = w.find('-');
  if (dash == std::string_view::npos || dash < 2 || dash > 6 || w.size() - dash - 1 < 2 ||
      w.size() - dash - 1 > 6)
    return false;
  if (!StartsUpper(w)) return false;
  for (size_t i = 1; i < w.size(); ++i) {
    if (i == dash) continue;
    char c = w[i];
    bool lower = c >= 'a' && c <= 'z';
    bool upper_after_dash = i == dash + 1 && c >= 'A' && c <= 'Z';
    if (!lower && !upper_after_dash) return false;
  }
  if (!IsRomanSyllable(w.substr(0, dash)) || !IsRomanSyllable(w.substr(dash + 1))) return false;
  return !res.lexicon.Has("ea_place_suffix", w.substr(dash + 1));
}

void FindPersons(const Resources& res, const std::vector<Word>& words, const std::string& lang,
                 std::vector<Candidate>* out) {
  const size_t count = words.size();
  auto comma_at = [&](size_t k) { return k < count && words[k].text == ","; };
  for (size_t i = 0; i < count; ++i) {
    const Word& w = words[i];
    // Every rule but the byline starts at a capitalised word, a title, an
    // honorific or a hyphenated compound; most words are none of these.
    if (!w.Is(kUpper | kTitleStart | kHyphen) && !w.In(res.bits.honorific)) {
      if (!w.Is(kLower)) continue;
    } else {
      // East-Asian order with a hyphenated given name: "Kwak Noh-jung".
      if (i + 1 < count && w.Is(kUpper) && !w.Is(kAllCaps) && w.text.size() >= 2 && w.text.size() <= 8 &&
          words[i + 1].Is(kHyphen) && IsAlphaName(w.text) && w.text.find('-') == std::string_view::npos &&
          !w.In(res.bits.stop) && !w.In(res.bits.month) && IsEastAsianGiven(res, words[i + 1].text) &&
          !res.gazetteer.Find(CombineHash(0, w.hash)) && !words[i + 1].Is(kSentenceStart)) {
        Candidate c = MakeCandidate(words, i, i + 2, "PERSON", Source::kPattern);
        c.family_first = true;
        out->push_back(std::move(c));
        ++i;
        continue;
      }
      // A known given name and one or two capitalised words: "Bill Gates".
      if (w.Is(kUpper) && !w.Is(kAllCaps) && w.In(res.bits.given_name) && !w.In(res.bits.stop)) {
        size_t n = PersonWordsAt(res, words, i + 1, 2, lang);
        if (n > 0 && !(words[i + 1].Is(kSentenceStart))) {
          out->push_back(MakeCandidate(words, i, i + 1 + n, "PERSON", Source::kPattern));
          i += n;
          continue;
        }
      }
      // Honorific or title before a name: "Herr Müller", "CEO Satya Nadella".
      size_t t = w.In(res.bits.honorific) ? 1 : MatchTitle(res, words, i, lang, nullptr);
      if (t > 0 && i + t < count) {
        size_t j = i + t;
        if (words[j].text == "," && t > 0 && !w.In(res.bits.honorific)) ++j;
        size_t n = j < count ? PersonWordsAt(res, words, j, 3, lang) : 0;
        if (n > 0 && !words[j].Is(kSentenceStart) && !words[j].Is(kAllCaps)) {
          out->push_back(MakeCandidate(words, j, j + n, "PERSON", Source::kPattern));
          i = j + n - 1;
          continue;
        }
      }
      // A compound ending in a title, then the name: "Infineon-Chef Jochen Hanebeck".
      size_t dash = w.Is(kHyphen) ? w.text.rfind('-') : std::string_view::npos;  // no '-', or just "-"
      if (dash != std::string_view::npos && dash + 1 < w.text.size() && i + 1 < count &&
          res.titles.Find(CombineHash(0, FoldedHash(w.text.substr(dash + 1))),
                          IsGerman(lang) ? "de" : "en")) {
        size_t m = PersonWordsAt(res, words, i + 1, 3, lang);
        if (m > 0 && !words[i + 1].Is(kAllCaps)) {
          out->push_back(MakeCandidate(words, i + 1, i + 1 + m, "PERSON", Source::kPattern));
          i += m;
          continue;
        }
      }
      // Title of an organisation, then the name: "the CEO of SK Hynix, Kwak Noh-jung".
      if (t > 0 && i + t < count && !w.In(res.bits.honorific) && words[i + t].In(res.bits.connector) &&
          StartsLower(words[i + t].text)) {
        size_t j = i + t + 1;
        if (j < count && words[j].In(res.bits.stop) && !words[j].Is(kAllCaps)) ++j;
        size_t org_end = j;
        while (org_end < count && org_end < j + 4 &&
               (words[org_end].Is(kUpper) || words[org_end].Is(kAllCaps)) && !words[org_end].Is(kPunct))
          ++org_end;
        if (org_end > j && org_end + 1 < count && words[org_end].text == ",") {
          size_t m = PersonWordsAt(res, words, org_end + 1, 3, lang);
          if (m >= 2) {
            out->push_back(MakeCandidate(words, org_end + 1, org_end + 1 + m, "PERSON", Source::kPattern));
            i = org_end + m;
            continue;
          }
        }
      }
      // Apposition: "Mark Zuckerberg, founder and CEO of Meta". The name
      // has two to four words (PersonWordsAt's three, or four with
      // particles), so without a comma two to four words on there is none
      // to look for.
      if (w.Is(kUpper) && (comma_at(i + 2) || comma_at(i + 3) || comma_at(i + 4))) {
        size_t n = PersonWordsAt(res, words, i, 3, lang);  // a name starts capitalised
        if (n >= 2 && i + n + 1 < count && words[i + n].text == ",") {
          size_t j = i + n + 1;
          if (words[j].In(res.bits.stop) && j + 1 < count) ++j;  // the / der / its
          if (MatchTitle(res, words, j, lang, nullptr) > 0) {
            out->push_back(MakeCandidate(words, i, i + n, "PERSON", Source::kPattern));
            i += n - 1;
            continue;
          }
        }
      }
    }
    // Byline and attribution: "By Jane Doe", "said John Smith".
    if ((w.text == "By" || w.text == "said" || w.text == "says" || w.text == "sagte" || w.text == "sagt") &&
        i + 1 < count) {
      size_t m = PersonWordsAt(res, words, i + 1, 3, lang);
      if (m >= 2) {
        out->push_back(MakeCandidate(words, i + 1, i + 1 + m, "PERSON", Source::kPattern));
        i += m;
      }
    }
  }
}

// "Mach-1", "GPT-4", "Mack-1-Chip" (-> Mack-1), "H100", "MI300X".
size_t ModelNameLength(const Resources& res, std::string_view w) {
  size_t dash = w.find('-');
  if (dash != std::string_view::npos) {
    std::string_view stem = w.substr(0, dash);
    if (stem.size() < 2 || !StartsUpper(stem) || !IsAlphaName(stem) || res.lexicon.Has("not_product", stem))
      return 0;
    size_t i = dash + 1, digits = 0;
    while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i, ++digits;
    if (digits == 0 || digits > 3) return 0;
    if (i + 1 < w.size() && w[i] == '.' && w[i + 1] >= '0' && w[i + 1] <= '9') i += 2;
    while (i < w.size() && i < dash + 1 + digits + 3 &&
           ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z')))
      ++i;
    if (i == w.size()) return i;
    if (w[i] == '-' && i + 1 < w.size() && StartsUpper(w.substr(i + 1))) return i;  // German compound tail
    return 0;
  }
  size_t i = 0;
  while (i < w.size() && w[i] >= 'A' && w[i] <= 'Z') ++i;
  size_t letters = i;
  if (letters < 1 || letters > 3) return 0;
  size_t d = i;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  size_t digits = i - d;
  if (digits < 2 || digits > 4) return 0;
  while (i < w.size() && i < d + digits + 2 && w[i] >= 'A' && w[i] <= 'Z') ++i;
  if (i != w.size()) return 0;
  if (res.lexicon.Has("not_product", w.substr(0, letters))) return 0;
  return i;
}

void FindProducts(const Resources& res, const std::vector<Word>& words, std::vector<Candidate>* out) {
  const size_t count = words.size();
  for (size_t i = 0; i < count; ++i) {
    const Word& w = words[i];
    if (!w.Is(kDigit) || w.Is(kPunct)) continue;
    size_t len = ModelNameLength(res, w.text);
    if (len == 0) continue;
    Candidate c = MakeCandidate(words, i, i + 1, "PRODUCT", Source::kPattern);
    c.end = c.start + static_cast<uint32_t>(len);
    out->push_back(std::move(c));
  }
  // A code name: "servers, code-named Aurora", "Codename Orion", "Codename „Atlas“".
  for (size_t i = 0; i + 1 < count; ++i) {
    std::string_view t = words[i].text;
    // Folds to no "code..." word: a word shorter than "codename" (folding
    // never makes a word longer) or starting with another letter.
    if (t.size() < 8 || (t[0] != 'c' && t[0] != 'C')) continue;
    if (!FoldedEquals(t, "code-named") && !FoldedEquals(t, "codenamed") && !FoldedEquals(t, "codename") &&
        !FoldedEquals(t, "code-name"))
      continue;
    size_t j = i + 1;
    if (j < count && IsQuote(words[j].text)) ++j;
    size_t e = j;
    while (e < count && e < j + 3 && (words[e].Is(kUpper) || words[e].Is(kAllCaps)) && !words[e].Is(kPunct) &&
           !(e > j && words[e].Is(kSentenceStart)))
      ++e;
    if (e > j) out->push_back(MakeCandidate(words, j, e, "PRODUCT", Source::kPattern));
  }
}

bool IsOrgDescriptor(const Resources& res, const Word& w, const std::string& lang);

// Walks back from word `head` over name words and connectors; returns the
// first word of the name, or `head` when there is none.
size_t NameStartBefore(const Resources& res, const std::vector<Word>& words, size_t head,
                       const std::string& lang, bool of_connectors) {
  size_t b = head;
  while (b > 0) {
    const Word& p = words[b - 1];
    bool name = (p.Is(kUpper) || p.Is(kAllCaps) || (p.Is(kDigit) && HasLetter(p.text))) && !p.Is(kPossessive);
    bool joiner = p.text == "&" || (of_connectors && (p.text == "of" || p.text == "on" || p.text == "for"));
    bool conn = joiner && b - 1 > 0 && b < head && (words[b - 2].Is(kUpper) || words[b - 2].Is(kAllCaps));
    if (!(name || conn) || (p.Is(kPunct) && p.text != "&") || LooksLikeGermanNoun(res, p, lang)) break;
    // "Paris-based Euronext", "Trouble-hit Mitsubishi Motors": an adjective, not part of the name.
    if (IsCompoundAdjective(res, p)) break;
    // "Firma Limbach Installtec GmbH", "Konsortium Toll Collect": the descriptor is not part of the name.
    if (IsGerman(lang) && IsOrgDescriptor(res, p, lang)) break;
    // "z. B. Steinach Motors", "u. a. Nokia": a letter of an abbreviation is no initial.
    if (p.text.size() <= 2 && b >= 2 &&
        ((words[b - 2].text.size() <= 2 && StartsLower(words[b - 2].text)) ||
         (b >= 3 && words[b - 2].text == "." && words[b - 3].text.size() == 1 &&
          StartsLower(words[b - 3].text))))
      break;
    if (words[b].Is(kSentenceStart) && b < head) break;
    --b;
    if (p.Is(kSentenceStart)) break;
  }
  // Drop leading function words and sentence-initial common words ("The", "Die").
  while (b < head && ((words[b].In(res.bits.stop) && !words[b].Is(kAllCaps)) ||
                      words[b].In(res.bits.connector) || words[b].text == "&" ||
                      (words[b].Is(kSentenceStart) && IsCommonWord(res, words[b], lang) &&
                       !words[b].In(res.bits.common_cap))))
    ++b;
  return b;
}

// True when the words [b, head) carry a name: some word is not a common word,
// or there are two words or more.
bool DistinctiveName(const Resources& res, const std::vector<Word>& words, size_t b, size_t head,
                     const std::string& lang) {
  if (head - b >= 2) return true;
  for (size_t k = b; k < head; ++k)
    if (!IsCommonWord(res, words[k], lang)) return true;
  return false;
}

void FindNamedEvents(const Resources& res, const std::vector<Word>& words, const std::string& lang,
                     std::vector<Candidate>* out) {
  const size_t count = words.size();
  for (size_t i = 0; i < count; ++i) {
    const Word& w = words[i];
    bool head = w.In(res.bits.event_head);
    // Quoted event name before or after the head: the “Future Now” conference.
    if (w.Is(kPunct) && IsQuote(w.text) && i + 2 < count && words[i + 1].Is(kUpper)) {
      size_t j = i + 1;
      while (j < count && j < i + 8 && !IsQuote(words[j].text) && !IsSentenceEnd(words[j].text)) ++j;
      if (j < count && j > i + 1 && IsQuote(words[j].text)) {
        bool after = j + 1 < count && words[j + 1].In(res.bits.event_head);
        bool before = i > 0 && words[i - 1].In(res.bits.event_head);
        if (after || before) {
          out->push_back(MakeCandidate(words, i + 1, j, "EVENT", Source::kPattern));
          i = j;
          continue;
        }
      }
    }
    if (!head || !w.Is(kUpper)) continue;
    size_t b = NameStartBefore(res, words, i, lang, true);
    if (b == i || !DistinctiveName(res, words, b, i, lang)) continue;
    size_t last = i + 1;
    if (last < count && IsYear(words[last].text)) ++last;
    out->push_back(MakeCandidate(words, b, last, "EVENT", Source::kPattern));
  }
}

// A word that says what the following name is: "chipmaker", "startup",
// "operator" (exact, either language) or, in German, a compound ending in
// such a word ("Softwarekonzern", "US-Chipentwicklers").
bool IsOrgDescriptor(const Resources& res, const Word& w, const std::string& lang) {
  if (w.Is(kAllCaps) || w.Is(kPunct)) return false;
  if (w.In(res.bits.org_descriptor)) return IsGerman(lang) ? w.Is(kUpper) : StartsLower(w.text);
  return IsGerman(lang) && w.Is(kUpper) && w.text.size() >= 8 &&
         res.lexicon.EndsWithAny("org_descriptor_head", FoldedScratch(w.text));
}

// "the chipmaker Nvidia", "Spanish operator Orbis Telecom", "der
// Softwarekonzern Brightlane Inc.": one to three name words after a
// descriptor are an organisation. A known given name first is a person
// ("the startup's founder"), and so is a name the rules call a title.
void FindDescribedOrgs(const Resources& res, const std::vector<Word>& words, const std::string& lang,
                       std::vector<Candidate>* out) {
  const size_t count = words.size();
  const bool german = IsGerman(lang);
  for (size_t i = 0; i + 1 < count; ++i) {
    // A descriptor is a word of the class or (German) a long capitalised
    // compound: the test that turns away the other words without a call.
    const Word& d = words[i];
    if (!d.In(res.bits.org_descriptor) && !(german && d.Is(kUpper) && d.text.size() >= 8)) continue;
    if (!IsOrgDescriptor(res, d, lang)) continue;
    size_t j = i + 1;
    if (words[j].Is(kSentenceStart) || words[j].Is(kTitleLine) || words[j].In(res.bits.given_name) ||
        MatchTitle(res, words, j, lang, nullptr) > 0)
      continue;
    size_t e = j;
    while (e < count && e < j + 3 && !words[e].Is(kSentenceStart) &&
           (NameLike(res, words[e], lang) || (words[e].Is(kAllCaps) && !words[e].In(res.bits.term))) &&
           !words[e].Is(kPossessive) && MatchTitle(res, words, e, lang, nullptr) == 0)
      ++e;
    if (e == j) continue;
    while (e < count && words[e].In(res.bits.legal_suffix)) ++e;
    out->push_back(MakeCandidate(words, j, e, "ORG", Source::kPattern));
    i = e - 1;
  }
  // The descriptor in an apposition after the name: "Nordvolt Cloud, the
  // Helsinki-based data center operator, ...", "Halvora, ein Chipentwickler
  // aus Dresden".
  for (size_t i = 0; i + 3 < count; ++i) {
    if (words[i].text != "," || i == 0) continue;
    // After the comma an article: "the", "a", "ein", "der" (tested first:
    // it turns away most commas).
    size_t k = i + 1;
    if (!(words[k].In(res.bits.stop) && StartsLower(words[k].text))) continue;
    ++k;
    size_t b = i;
    while (b > 0 && i - b < 3 &&
           (NameLike(res, words[b - 1], lang) || words[b - 1].Is(kAllCaps) ||
            (words[b - 1].In(res.bits.term) && words[b - 1].Is(kUpper))) &&
           !words[b - 1].Is(kTitleLine))
      --b;
    if (b < i && words[b].In(res.bits.term)) continue;  // "Cloud, the ..." names nothing
    while (b < i && words[b].In(res.bits.stop)) ++b;
    if (b == i || words[b].In(res.bits.given_name) || MatchTitle(res, words, b, lang, nullptr) > 0) continue;
    if (b > 0 && !words[b].Is(kSentenceStart) &&
        (words[b - 1].Is(kUpper) || words[b - 1].Is(kAllCaps) || words[b - 1].Is(kPossessive)))
      continue;  // the name may start earlier than we can tell
    bool described = false;
    for (size_t end = std::min(count, k + 6); k < end; ++k) {
      const Word& x = words[k];
      if (x.Is(kPunct) && x.text != "-") break;
      if (IsOrgDescriptor(res, x, lang)) {
        described = true;
        break;
      }
    }
    if (!described) continue;
    out->push_back(MakeCandidate(words, b, i, "ORG", Source::kPattern));
  }
}

// A stock ticker right after a name makes it a listed company: wire copy's
// "Dart Group <DARTA>", press releases' "Nvidia (NASDAQ: NVDA)".
void FindTickerOrgs(const Resources& res, const std::vector<Word>& words, const std::string& lang,
                    std::vector<Candidate>* out) {
  const size_t count = words.size();
  static const char* const kExchanges[] = {
      "NYSE", "NASDAQ", "Nasdaq", "AMEX", "TSX",  "LSE", "KRX", "KOSDAQ", "XETRA", "ETR", "FWB", "TYO",
      "TSE",  "HKEX",   "HKG",    "SSE",  "SZSE", "ASX", "OTC", "OTCQX",  "SIX",   "EPA", "BIT"};
  auto ticker = [](std::string_view t) {
    if (t.empty() || t.size() > 6) return false;
    return std::all_of(t.begin(), t.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }) &&
           t[0] >= 'A' && t[0] <= 'Z';
  };
  for (size_t i = 1; i + 2 < count; ++i) {
    size_t close = 0;
    if (words[i].text == "<" && ticker(words[i + 1].text) && words[i + 2].text == ">") {
      close = i + 2;
    } else if (words[i].text == "(" && i + 4 < count && words[i + 2].text == ":" &&
               ticker(words[i + 3].text) && words[i + 4].text == ")" &&
               std::any_of(std::begin(kExchanges), std::end(kExchanges),
                           [&](const char* x) { return words[i + 1].text == x; })) {
      close = i + 4;
    }
    if (close == 0) continue;
    size_t b = NameStartBefore(res, words, i, lang, true);
    if (b == i || words[b].Is(kHeadline)) continue;
    out->push_back(MakeCandidate(words, b, i, "ORG", Source::kPattern));
    i = close;
  }
}

void FindSuffixOrgs(const Resources& res, const std::vector<Word>& words, const std::string& lang,
                    std::vector<Candidate>* out) {
  const size_t count = words.size();
  for (size_t i = 1; i < count; ++i) {
    const Word& w = words[i];
    if (!w.Is(kUpper) || !w.In(res.bits.org_suffix)) continue;
    // In a headline every word is capitalised, so the name's start cannot be
    // told ("X and Y Form Robotics Alliance"); names there come from the body.
    if (w.Is(kHeadline)) continue;
    size_t b = NameStartBefore(res, words, i, lang, true);  // "Monfort of Colorado Inc", "Bank of America"
    if (b == i || !DistinctiveName(res, words, b, i, lang)) continue;
    size_t last = i + 1;
    while (last < count && words[last].In(res.bits.legal_suffix)) ++last;
    out->push_back(MakeCandidate(words, b, last, "ORG", Source::kPattern));
  }
}

// "Bank of England", "Office for National Statistics", "Court of
// Arbitration for Sport", "Republic of Congo": a head word (lexicon classes
// org_head, place_head) followed by "of"/"for" and capitalised words names
// one organisation or place, with any name words before the head ("Federal
// Reserve Bank of New York"). Inside the name, "of", "for", "the" and "on"
// before a capitalised word count too (not before a month or weekday: "House
// of Lords on Tuesday"). "and" or a comma before a capitalised word may go on
// with the name ("Department of Trade and Industry", "Department for Culture,
// Media and Sport") or start a list ("House of Fraser and Woolworths"); such
// a name is left to the tagger and the lists.
// English only.
void FindHeadedNames(const Resources& res, const std::vector<Word>& words, const std::string& lang,
                     std::vector<Candidate>* out) {
  const size_t count = words.size();
  if (IsGerman(lang)) return;
  constexpr size_t kMaxTailWords = 8;
  auto capitalised = [&](size_t k) {
    const Word& x = words[k];
    return x.Is(kUpper) && !x.Is(kPunct) && !x.Is(kHeadline) && !x.Is(kSentenceStart) &&
           !(x.In(res.bits.stop) && !x.Is(kAllCaps)) && !x.In(res.bits.month) && !x.In(res.bits.weekday) &&
           IsAlphaName(x.text);
  };
  for (size_t i = 0; i + 2 < count; ++i) {
    const Word& w = words[i];
    const bool org = w.In(res.bits.org_head), place = w.In(res.bits.place_head);
    if ((!org && !place) || !w.Is(kUpper) || w.Is(kHeadline)) continue;
    if (words[i + 1].text != "of" && words[i + 1].text != "for") continue;
    size_t k = i + 2;
    if (words[k].text == "the" && k + 1 < count) ++k;
    if (!capitalised(k)) continue;
    size_t last = k + 1;
    while (last < count && last - i < kMaxTailWords) {
      if (capitalised(last)) {
        ++last;
        if (words[last - 1].Is(kPossessive)) break;
        continue;
      }
      std::string_view t = words[last].text;
      size_t next = last + 1;
      if ((t == "of" || t == "for" || t == "on") && next < count && words[next].text == "the") ++next;
      if ((t == "and" || t == ",") && next < count && capitalised(next)) {
        last = 0;  // ambiguous: no candidate
        break;
      }
      if (!((t == "of" || t == "for" || t == "on") && next < count && capitalised(next))) break;
      last = next + 1;
    }
    if (last == 0) continue;
    const size_t b = NameStartBefore(res, words, i, lang, false);
    out->push_back(MakeCandidate(words, b, last, place ? "LOC" : "ORG", Source::kPattern));
    i = last - 1;
  }
}

// "OneStat.com", "PowerPage.org": a web company named by its address,
// capitalised, is an organisation (not "www.bbc.co.uk", an address, nor an
// e-mail address; lower-case addresses are mostly sites, not companies).
void FindWebNames(const std::vector<Word>& words, std::vector<Candidate>* out) {
  const size_t count = words.size();
  static constexpr std::string_view kSuffixes[] = {".com", ".net", ".org", ".co.uk", ".de",
                                                   ".at",  ".ch",  ".fm",  ".tv"};
  for (size_t i = 0; i < count; ++i) {
    std::string_view t = words[i].text;
    // The cheap tests first: capitalised, long enough, and one of the endings.
    if (t.size() < 6 || !(t[0] >= 'A' && t[0] <= 'Z')) continue;
    for (std::string_view suf : kSuffixes) {
      if (t.size() >= suf.size() + 4 && t.substr(t.size() - suf.size()) == suf) {
        if (t.find('/') == std::string_view::npos && t.find('@') == std::string_view::npos &&
            t.compare(0, 4, "WWW.") != 0)  // "www." starts lower case
          out->push_back(MakeCandidate(words, i, i + 1, "ORG", Source::kPattern));
        break;
      }
    }
  }
}

}  // namespace

std::vector<Candidate> FindPatternMentions(const Resources& res, std::string_view text,
                                           const std::vector<Word>& words, const std::string& lang) {
  std::vector<Candidate> out;
  FindPersons(res, words, lang, &out);
  FindProducts(res, words, &out);
  FindNamedEvents(res, words, lang, &out);
  FindSuffixOrgs(res, words, lang, &out);
  FindHeadedNames(res, words, lang, &out);
  FindWebNames(words, &out);
  FindDescribedOrgs(res, words, lang, &out);
  FindTickerOrgs(res, words, lang, &out);
  return out;
}

std::vector<Candidate> ResolveOverlaps(std::vector<Candidate> cands) {
  auto key = [](const Candidate& c) {
    int rank = c.source == Source::kTagger ? 1 : 0;
    int gaz_first = c.source == Source::kGazetteer ? 0 : 1;  // same span: the gazetteer knows the canonical
    return std::make_tuple(rank, -static_cast<long>(c.end - c.start), gaz_first, c.start);
  };
  // The candidates in order of preference (a stable sort by key, done on
  // (key, index) pairs so that the candidates themselves are not moved).
  using Key = decltype(key(cands[0]));
  std::vector<std::pair<Key, uint32_t>> order;
  order.reserve(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) order.emplace_back(key(cands[i]), static_cast<uint32_t>(i));
  std::sort(order.begin(), order.end());
  // Kept spans are disjoint: the one starting last before c.end is the only
  // one that can overlap c. `taken` is sorted by start, one span per start.
  std::vector<std::pair<uint32_t, uint32_t>> taken;  // (start, end)
  std::vector<uint32_t> kept_index;                  // into cands, in order of preference
  kept_index.reserve(cands.size());
  for (const auto& [k, i] : order) {
    const Candidate& c = cands[i];
    auto it =
        std::lower_bound(taken.begin(), taken.end(), c.end,
                         [](const std::pair<uint32_t, uint32_t>& t, uint32_t v) { return t.first < v; });
    if (it != taken.begin() && std::prev(it)->second > c.start) continue;
    auto at =
        std::lower_bound(taken.begin(), taken.end(), c.start,
                         [](const std::pair<uint32_t, uint32_t>& t, uint32_t v) { return t.first < v; });
    if (at == taken.end() || at->first != c.start) taken.insert(at, {c.start, c.end});
    kept_index.push_back(i);
  }
  // Back in text order. Sorting the indices (with the same comparison)
  // moves each candidate once instead of at every step of the sort.
  std::sort(kept_index.begin(), kept_index.end(),
            [&](uint32_t a, uint32_t b) { return cands[a].start < cands[b].start; });
  std::vector<Candidate> kept;
  kept.reserve(kept_index.size());
  for (uint32_t i : kept_index) kept.push_back(std::move(cands[i]));
  return kept;
}

}  // namespace ner
}  // namespace pactgraph
