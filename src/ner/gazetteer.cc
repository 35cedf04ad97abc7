#include "ner/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace pactgraph {
namespace ner {
namespace {

// Length in bytes of a punctuation mark at the start of s (0 if none).
size_t LeadingPunct(std::string_view s) {
  if (s.empty()) return 0;
  char c = s[0];
  if (c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == '*' || c == '<') return 1;
  if (s.size() >= 2 && (s.substr(0, 2) == "\xC2\xAB" || s.substr(0, 2) == "\xC2\xBB")) return 2;
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[2]);
    // ‘ ’ ‚ “ ” „ • – —
    if (d == 0x98 || d == 0x99 || d == 0x9A || d == 0x9C || d == 0x9D || d == 0x9E || d == 0xA2 ||
        d == 0x93 || d == 0x94)
      return 3;
  }
  return 0;
}

// Length in bytes of a punctuation mark at the end of s (0 if none).
size_t TrailingPunct(std::string_view s) {
  if (s.empty()) return 0;
  char c = s.back();
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' ||
      c == '}' || c == '"' || c == '\'' || c == '*' || c == '>')
    return 1;
  if (s.size() >= 2 && (s.substr(s.size() - 2) == "\xC2\xAB" || s.substr(s.size() - 2) == "\xC2\xBB"))
    return 2;
  if (s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
      static_cast<unsigned char>(s[s.size() - 2]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s.back());
    // ‘ ’ “ ” …
    if (d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D || d == 0xA6) return 3;
  }
  return 0;
}

bool IsAbbreviation(std::string_view core) {
  static constexpr std::string_view kAbbr[] = {"corp", "inc", "co",  "ltd",  "jr",  "sr", "dr",
                                               "mr",   "mrs", "ms",  "prof", "st",  "no", "nr",
                                               "vs",   "bzw", "gen", "gov",  "sen", "rep"};
  for (std::string_view a : kAbbr)
    if (FoldedEquals(core, a)) return true;
  return false;
}

bool IsAlnumByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC3;
}

Status LineError(const std::string& path, int line, const std::string& what) {
  return Status::Corruption(path + ":" + std::to_string(line) + ": " + what);
}

// Reads a data file whose first line is "# <format> <version>".
Status ReadVersioned(const std::string& path, const std::string& format, std::vector<std::string>* lines) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string first;
  std::getline(in, first);
  std::istringstream head(first);
  std::string hash, name;
  int version = 0;
  head >> hash >> name >> version;
  if (hash != "#" || name != format) {
    return LineError(path, 1, "expected the header \"# " + format + " 1\", found \"" + first + "\"");
  }
  if (version != 1)
    return LineError(path, 1, "unsupported " + format + " version " + std::to_string(version));
  lines->push_back(first);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines->push_back(line);
  }
  return Status::OK();
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t b = 0;
  for (;;) {
    size_t e = line.find('\t', b);
    out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

uint64_t SequenceHash(const std::vector<std::string>& words) {
  uint64_t h = 0;
  for (const std::string& w : words) h = CombineHash(h, FoldedHash(w));
  return h;
}

}  // namespace

uint32_t& HashIndex::operator[](uint64_t key) {
  key = Slot(key);
  if ((size_ + 1) * 2 > entries_.size()) Rehash(entries_.empty() ? 64 : entries_.size() * 2);
  const size_t mask = entries_.size() - 1;
  size_t i = (key ^ (key >> 29)) & mask;
  while (entries_[i].key != 0 && entries_[i].key != key) i = (i + 1) & mask;
  Entry& e = entries_[i];
  if (e.key == 0) {
    e.key = key;
    e.value = 0;
    ++size_;
    filter_.Add(key);
  }
  return e.value;
}

void HashIndex::Reserve(size_t n) {
  size_t capacity = entries_.empty() ? 64 : entries_.size();
  while ((n + 1) * 2 > capacity) capacity *= 2;
  if (capacity > entries_.size()) Rehash(capacity);
}

void HashIndex::Rehash(size_t capacity) {
  // capacity is a power of two, at least twice the keys: 8 filter bits per slot.
  filter_.Reset(capacity);
  std::vector<Entry> old(capacity);
  old.swap(entries_);
  size_ = 0;
  for (const Entry& e : old)
    if (e.key != 0) (*this)[e.key] = e.value;
}

std::string Fold(std::string_view s) {
  std::string out;
  FoldInto(s, &out);
  return out;
}

void FoldInto(std::string_view s, std::string* out) {
  out->resize(s.size());  // folding never makes the text longer
  size_t n = 0;
  ForEachFolded(s, [out, &n](char c) {
    (*out)[n++] = c;
    return true;
  });
  out->resize(n);
}

uint64_t FoldedHash(std::string_view s) {
  // Most words are plain ASCII, whose bytes fold one by one: lower-case them
  // here and leave the folding walk only the rest of a word from its first
  // other byte (an ASCII byte is always folded alone, so the walk may start
  // afresh there).
  uint64_t h = kFoldedHashBasis;
  size_t i = 0;
  for (; i < s.size() && static_cast<unsigned char>(s[i]) < 0x80; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    h = (h ^ c) * kFoldedHashPrime;
  }
  if (i == s.size()) return h;
  ForEachFolded(s.substr(i), [&h](char c) {
    h = (h ^ static_cast<unsigned char>(c)) * kFoldedHashPrime;
    return true;
  });
  return h;
}

bool FoldedEquals(std::string_view s, std::string_view folded) {
  if (s.size() < folded.size()) return false;  // folding never makes a word longer
  size_t n = 0;
  return ForEachFolded(s, [&](char c) { return n < folded.size() && folded[n++] == c; }) &&
         n == folded.size();
}

bool IsAllCaps(std::string_view w) {
  int letters = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
    if (c == 0xC3 && i + 1 < w.size()) {
      if (static_cast<unsigned char>(w[i + 1]) >= 0x9F) return false;
      ++letters;
      ++i;
    }
  }
  return letters >= 2;
}

bool HasDigit(std::string_view w) {
  for (char c : w)
    if (c >= '0' && c <= '9') return true;
  return false;
}

bool HasLetter(std::string_view w) {
  for (char c : w) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == 0xC3) return true;
  }
  return false;
}

void SplitToken(std::string_view tok, uint32_t offset, std::vector<Piece>* out) {
  // Most tokens are plain words: ASCII letters, digits and hyphens have no
  // punctuation mark to split off at either end and no possessive. (MakeWords
  // does not call this for them, nor for one-byte tokens; NameWords does.)
  if (!tok.empty() && std::all_of(tok.begin(), tok.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      })) {
    out->push_back(Piece{offset, offset + static_cast<uint32_t>(tok.size()), false});
    return;
  }
  size_t b = 0, e = tok.size();
  // A possessive the segmenter already split off: "'s", "’s".
  if (tok == "'s" || tok == "'S" || tok == "\xE2\x80\x99s" || tok == "\xE2\x80\x99S") {
    out->push_back(Piece{offset, offset + static_cast<uint32_t>(tok.size()), true});
    return;
  }
  // Leading punctuation, one piece per mark.
  while (b < e) {
    size_t n = LeadingPunct(tok.substr(b, e - b));
    if (n == 0 || n == e - b) break;
    out->push_back(Piece{offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(b + n), false});
    b += n;
  }
  // Trailing punctuation, found from the end backwards: appended so (no list
  // of its own) and moved behind the core below.
  const size_t tail_begin = out->size();
  while (e > b) {
    std::string_view core = tok.substr(b, e - b);
    size_t n = TrailingPunct(core);
    if (n == 0 || n == core.size()) break;
    bool apostrophe = core.back() == '\'' || (n == 3 && core.substr(core.size() - 3) == "\xE2\x80\x99");
    if (apostrophe && core.size() > n && core[core.size() - n - 1] == 's') break;  // plural possessive

    if (core.back() == '.') {
      std::string_view stem = core.substr(0, core.size() - 1);
      bool inner_dot = stem.find('.') != std::string_view::npos;
      // "OneStat.com." at a sentence's end: after a web address the period
      // is the sentence's ("U.S.", "e.g." keep theirs: one-letter parts).
      if (inner_dot) {
        std::string_view last = stem.substr(stem.rfind('.') + 1);
        bool domain = last.size() >= 2 &&
                      std::all_of(last.begin(), last.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (domain) inner_dot = false;
      }
      bool initial = stem.size() == 1 && StartsUpper(stem);
      if (inner_dot || initial || IsAbbreviation(stem)) break;
    }
    out->push_back(Piece{offset + static_cast<uint32_t>(e - n), offset + static_cast<uint32_t>(e), false});
    e -= n;
  }
  const size_t core_begin = out->size();
  // Possessive 's / ’s, and s' / s’.
  std::string_view core = tok.substr(b, e - b);
  size_t pos_len = 0;
  if (core.size() > 2 && (core.back() == 's' || core.back() == 'S') && core[core.size() - 2] == '\'') {
    pos_len = 2;
  } else if (core.size() > 4 && (core.back() == 's' || core.back() == 'S') &&
             core.substr(core.size() - 4, 3) == "\xE2\x80\x99") {
    pos_len = 4;
  } else if (core.size() > 2 && core.back() == '\'' && core[core.size() - 2] == 's') {
    pos_len = 1;
  } else if (core.size() > 4 && core.substr(core.size() - 3) == "\xE2\x80\x99" &&
             core[core.size() - 4] == 's') {
    pos_len = 3;
  }
  if (pos_len > 0 && IsAlnumByte(static_cast<unsigned char>(core[0]))) {
    out->push_back(
        Piece{offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(e - pos_len), false});
    out->push_back(
        Piece{offset + static_cast<uint32_t>(e - pos_len), offset + static_cast<uint32_t>(e), true});
  } else if (e > b) {
    out->push_back(Piece{offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(e), false});
  }
  // The trailing marks in text order, after the core.
  std::reverse(out->begin() + tail_begin, out->begin() + core_begin);
  std::rotate(out->begin() + tail_begin, out->begin() + core_begin, out->end());
}

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::vector<Piece> pieces;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && (name[i] == ' ' || name[i] == '\t')) ++i;
    size_t b = i;
    while (i < name.size() && name[i] != ' ' && name[i] != '\t') ++i;
    if (i > b) SplitToken(name.substr(b, i - b), static_cast<uint32_t>(b), &pieces);
  }
  for (const Piece& p : pieces) words.emplace_back(name.substr(p.start, p.end - p.start));
  return words;
}

Status Gazetteer::Add(std::string_view name, std::string_view type, std::string_view canonical,
                      uint8_t flags) {
  GazEntry e;
  e.name = std::string(name);
  e.type = std::string(type);
  e.canonical = canonical.empty() ? e.name : std::string(canonical);
  e.words = NameWords(name);
  e.flags = flags;
  if (e.words.empty()) return Status::InvalidArgument("empty name");
  first_word_hashes_.push_back(FoldedHash(e.words[0]));
  uint64_t h = 0;
  for (size_t k = 0; k + 1 < e.words.size(); ++k) {
    h = CombineHash(h, FoldedHash(e.words[k]));
    index_[h];  // a prefix: keeps its bucket if it is also a whole entry
  }
  h = CombineHash(h, FoldedHash(e.words.back()));
  uint32_t& slot = index_[h];
  if (slot == 0) {
    buckets_.emplace_back();
    slot = static_cast<uint32_t>(buckets_.size());
  }
  std::vector<uint32_t>& bucket = buckets_[(slot & ~kUncapitalisedStart) - 1];
  for (uint32_t id : bucket)
    if (entries_[id].name == e.name) return Status::OK();  // earlier file wins
  if (!StartsUpper(e.words[0])) slot |= kUncapitalisedStart;
  bucket.push_back(static_cast<uint32_t>(entries_.size()));
  if (e.words.size() > max_words_) max_words_ = e.words.size();
  entries_.push_back(std::move(e));
  return Status::OK();
}

void Gazetteer::Reserve(size_t more) {
  entries_.reserve(entries_.size() + more);
  buckets_.reserve(buckets_.size() + more);
  first_word_hashes_.reserve(first_word_hashes_.size() + more);
  index_.Reserve(index_.size() + 2 * more);  // a name and its prefixes: about two keys a name
}

Status Gazetteer::AddFile(const std::string& path) {
  std::vector<std::string> lines;
  PG_RETURN_IF_ERROR(ReadVersioned(path, "pactgraph-gazetteer", &lines));
  Reserve(lines.size());
  static const char* const kTypes[] = {"ORG", "PRODUCT", "LOC", "PERSON", "EVENT"};
  for (size_t n = 1; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitTabs(line);
    int ln = static_cast<int>(n + 1);
    if (cols.size() < 2) return LineError(path, ln, "expected name<TAB>type[<TAB>canonical<TAB>flags]");
    if (cols[0].empty()) return LineError(path, ln, "empty name");
    bool known = false;
    for (const char* t : kTypes) known = known || cols[1] == t;
    if (!known) return LineError(path, ln, "unknown type \"" + cols[1] + "\"");
    uint8_t flags = 0;
    if (cols.size() > 3 && !cols[3].empty()) {
      // Comma-separated; split by hand (a string stream per line was a
      // third of the start-up time of `extract`).
      std::string_view rest = cols[3];
      while (!rest.empty()) {
        const size_t comma = rest.find(',');
        const std::string_view f = rest.substr(0, comma);
        rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
        if (f == "ambiguous")
          flags |= kAmbiguous;
        else if (f == "distinct")
          flags |= kDistinct;
        else if (f == "cs")
          flags |= kCaseSensitive;
        else if (f == "prefix")
          flags |= kPrefix;
        else if (f == "weak")
          flags |= kWeak;
        else if (f == "derived")
          flags |= kDerived;
        else
          return LineError(path, ln, "unknown flag \"" + std::string(f) + "\"");
      }
    }
    Status st = Add(cols[0], cols[1], cols.size() > 2 ? cols[2] : "", flags);
    if (!st.ok()) return LineError(path, ln, st.message());
  }
  return Status::OK();
}

const std::vector<uint32_t>* Gazetteer::Find(uint64_t seq_hash) const {
  const uint32_t* node = index_.Find(seq_hash);
  return node ? Entries(*node) : nullptr;
}

Status WordLexicon::Add(std::string_view word, std::string_view cls) {
  uint32_t bit = Bit(cls);
  if (bit == 0) {
    if (names_.size() >= 32) return Status::InvalidArgument("more than 32 word classes");
    names_.emplace_back(cls);
    bit = 1u << (names_.size() - 1);
  }
  mask_[FoldedHash(word)] |= bit;
  folded_lists_[std::string(cls)].push_back(Fold(word));
  return Status::OK();
}

uint32_t WordLexicon::Bit(std::string_view cls) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == cls) return 1u << i;
  return 0;
}

bool WordLexicon::EndsWithAny(std::string_view cls, std::string_view folded_word) const {
  auto it = folded_lists_.find(cls);
  if (it == folded_lists_.end()) return false;
  for (const std::string& s : it->second) {
    // The last bytes first: most words end differently.
    if (folded_word.size() > s.size() && (s.empty() || folded_word.back() == s.back()) &&
        folded_word.substr(folded_word.size() - s.size()) == s)
      return true;
  }
  return false;
}

Status WordLexicon::AddFile(const std::string& path) {
  std::vector<std::string> lines;
  PG_RETURN_IF_ERROR(ReadVersioned(path, "pactgraph-lexicon", &lines));
  for (size_t n = 1; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitTabs(line);
    if (cols.size() != 2 || cols[0].empty() || cols[1].empty()) {
      return LineError(path, static_cast<int>(n + 1), "expected word<TAB>class");
    }
    Status st = Add(cols[0], cols[1]);
    if (!st.ok()) return LineError(path, static_cast<int>(n + 1), st.message());
  }
  return Status::OK();
}

bool WordLexicon::Has(std::string_view cls, std::string_view word) const {
  return HasHash(cls, FoldedHash(word));
}

bool WordLexicon::HasHash(std::string_view cls, uint64_t folded_hash) const {
  return (Mask(folded_hash) & Bit(cls)) != 0;
}

void TitleLexicon::Add(std::string_view phrase, std::string_view lang, std::string_view normalised) {
  std::vector<std::string> words = NameWords(phrase);
  if (words.empty()) return;
  if (words.size() > max_words_) max_words_ = words.size();
  first_words_[FoldedHash(words[0])] = 1;
  if (words.size() == 1 && lang != "en" && words[0].size() >= 4 && words[0].find('-') == std::string::npos) {
    german_heads_.emplace_back(Fold(words[0]), std::string(normalised));
    const std::string& head = german_heads_.back().first;  // not empty: folding keeps a byte per character
    german_heads_by_last_[static_cast<unsigned char>(head.back())].push_back(
        static_cast<uint32_t>(german_heads_.size() - 1));
  }
  uint32_t& slot = index_[SequenceHash(words)];
  if (slot == 0) {
    titles_.emplace_back();
    slot = static_cast<uint32_t>(titles_.size());
  }
  titles_[slot - 1].push_back(Title{std::string(lang), std::string(normalised)});
}

Status TitleLexicon::AddFile(const std::string& path) {
  std::vector<std::string> lines;
  PG_RETURN_IF_ERROR(ReadVersioned(path, "pactgraph-titles", &lines));
  for (size_t n = 1; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitTabs(line);
    int ln = static_cast<int>(n + 1);
    if (cols.size() != 3 || cols[0].empty() || cols[2].empty()) {
      return LineError(path, ln, "expected phrase<TAB>lang<TAB>normalised");
    }
    if (cols[1] != "en" && cols[1] != "de" && cols[1] != "*") {
      return LineError(path, ln, "language must be en, de or *, found \"" + cols[1] + "\"");
    }
    Add(cols[0], cols[1], cols[2]);
  }
  return Status::OK();
}

const std::string* TitleLexicon::FindGermanCompound(std::string_view folded_word) const {
  if (folded_word.empty()) return nullptr;
  const std::string* best = nullptr;
  size_t best_len = 0;
  for (uint32_t i : german_heads_by_last_[static_cast<unsigned char>(folded_word.back())]) {
    const auto& [head, norm] = german_heads_[i];
    if (folded_word.size() >= head.size() + 3 && head.size() > best_len &&
        folded_word.substr(folded_word.size() - head.size()) == head) {
      best = &norm;
      best_len = head.size();
    }
  }
  return best;
}

const std::string* TitleLexicon::Find(uint64_t seq_hash, std::string_view lang) const {
  const uint32_t* slot = index_.Find(seq_hash);
  if (!slot || *slot == 0) return nullptr;
  for (const Title& t : titles_[*slot - 1])
    if (t.lang == "*" || t.lang == lang) return &t.normalised;
  return nullptr;
}

}  // namespace ner
}  // namespace pactgraph
