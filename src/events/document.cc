#include "events/document.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

namespace pactgraph {
namespace events {
namespace {

bool StartsUpperAscii(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

constexpr size_t kRightWindow = 14;      // words after a trigger searched for its object
constexpr size_t kReporterGap = 3;       // "X radio station reported (on Monday)": words around a reporting verb
constexpr size_t kAttributionWords =
    8;  // ", EU Trade Commissioner Peter Mandelson has announced": words back to the comma
constexpr size_t kMeetObjectReach = 4;   // "met with executives of Samsung": words to the party met
constexpr size_t kStatusAfter = 8;       // words after a trigger searched for modality cues
constexpr size_t kNegationWindow = 5;    // words before a trigger searched for negation
constexpr size_t kDevelopsReach = 4;     // words after an English develop-trigger its product may start
constexpr size_t kDescriptorReach =
    4;  // "from oil giant Shell": lower-case words between a preposition and its party
constexpr size_t kDivestReach = 5;     // "sale of its 33 % stake": words from a divesting word to the stake
constexpr size_t kRelativeReach = 20;  // "Vereinbarungen, die …, … traf": words back to the relative pronoun
constexpr size_t kContextSentences = 3;  // sentences searched back for anaphora and salience
constexpr size_t kMaxTriggersPerSentence = 16;

// `type` is a literal: as a string_view its length is known where this is
// inlined, so most types differ by size without a string comparison.
bool IsType(const EventInput& in, long e, std::string_view type) {
  return e >= 0 && static_cast<size_t>(e) < in.entities->entities.size() &&
         in.entities->entities[e].type == type;
}

bool IsSymmetricType(const std::string& type) { return type == "MEETING" || type == "PARTNERSHIP"; }

bool IsoDate(const std::string& v) {
  static const size_t kLens[] = {4, 7, 10};
  if (std::find(std::begin(kLens), std::end(kLens), v.size()) == std::end(kLens)) return false;
  for (size_t i = 0; i < v.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? v[i] != '-' : (v[i] < '0' || v[i] > '9')) return false;
  }
  return true;
}

// Dates agree when one is a prefix of the other ("2024-05" and "2024-05-14").
bool DatesCompatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return true;
  return a.size() <= b.size() ? b.compare(0, a.size(), a) == 0 : a.compare(0, b.size(), b) == 0;
}

void SortUnique(std::vector<size_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

template <typename T>
bool Subset(const std::vector<T>& a, const std::vector<T>& b) {  // both sorted
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

const char* kAbbreviations[] = {"mr",  "mrs", "ms",  "dr",  "prof", "inc",  "corp", "co",   "ltd",
                                "jan", "feb", "mar", "apr", "jun",  "jul",  "aug",  "sep",  "sept",
                                "oct", "nov", "dec", "no",  "st",   "vs",   "nr",   "bzw",  "ca",
                                "gen", "jr",  "sr",  "dt",  "bspw", "evtl", "ggf",  "inkl", "usw"};

bool IsAbbreviation(std::string_view text, size_t dot) {
  size_t b = dot;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(text[b - 1]))) --b;
  std::string w(text.substr(b, dot - b));
  if (w.size() == 1) return true;  // an initial
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* a : kAbbreviations) {
    if (w == a) return true;
  }
  return false;
}

// A simple splitter used while the segmenter gives one sentence for a whole
// multi-line text: breaks at newlines and at . ! ? followed by space and a
// capital letter, digit-free start or quote, except after abbreviations.
std::vector<TextRange> SplitPlain(std::string_view text) {
  std::vector<TextRange> out;
  uint32_t start = 0, n = static_cast<uint32_t>(text.size());
  auto emit = [&](uint32_t end) {
    if (end > start) out.push_back(TextRange{start, end});
    start = end;
  };
  for (uint32_t i = 0; i < n; ++i) {
    char c = text[i];
    if (c == '\n') {
      emit(i);
      start = i + 1;
    } else if ((c == '.' || c == '!' || c == '?') && i + 2 < n && text[i + 1] == ' ') {
      unsigned char next = static_cast<unsigned char>(text[i + 2]);
      bool capital = (next >= 'A' && next <= 'Z') || next == '"' || next >= 0xC3;
      if (capital && !(c == '.' && IsAbbreviation(text, i))) {
        emit(i + 1);
        start = i + 2;
      }
    }
  }
  emit(n);
  return out;
}

// Trims spaces at both ends of a range.
TextRange Trim(std::string_view text, TextRange r) {
  while (r.start < r.end && std::isspace(static_cast<unsigned char>(text[r.start]))) ++r.start;
  while (r.end > r.start && std::isspace(static_cast<unsigned char>(text[r.end - 1]))) --r.end;
  return r;
}

const char* kGlueWords[] = {"and",        "und",         "or",           "oder",    "sowie",    "as",
                            "well",       "also",        "including",    "the",     "of",       "von",
                            "der",        "des",         "from",         "such",    "wie",      "ceo",
                            "ceos",       "chief",       "head",         "heads",   "chef",     "s",
                            "its",        "ihr",         "co",           "founder", "chairman", "executive",
                            "executives", "vorsitzende", "vorsitzenden", "n"};

bool IsGlue(std::string_view w) {
  for (const char* g : kGlueWords) {
    if (w == g) return true;
  }
  return false;
}

}  // namespace

DocContext::DocContext(const EventInput& in, const Resources& res)
    : in_(in), res_(res), lex_(res.For(in.lang)), doc_(in.text, lex_.triggers.vocabulary()) {}

void DocContext::SplitSentences() {
  std::vector<TextRange> base;
  if (in_.seg != nullptr && in_.seg->sentences.size() > 1) {
    base.reserve(in_.seg->sentences.size());
    for (const Sentence& s : in_.seg->sentences) base.push_back(TextRange{s.start, s.end});
  } else {
    base = SplitPlain(in_.text);
  }
  sentence_bytes_.reserve(base.size() + base.size() / 4);
  // A headline or a list item never runs across a line break.
  const uint32_t size = static_cast<uint32_t>(in_.text.size());
  auto piece = [&](uint32_t b, uint32_t e) {
    TextRange t = Trim(in_.text, TextRange{b, e});
    if (t.end > t.start) sentence_bytes_.push_back(t);
  };
  for (TextRange r : base) {
    uint32_t b = r.start;
    const uint32_t last = std::min(r.end, size);
    while (b < last) {
      const void* nl = std::memchr(in_.text.data() + b, '\n', last - b);
      if (nl == nullptr) break;
      const uint32_t i = static_cast<uint32_t>(static_cast<const char*>(nl) - in_.text.data());
      piece(b, i);
      b = i + 1;
    }
    if (r.end <= size && r.start <= r.end) piece(b, r.end);
  }
}

void DocContext::IndexMentions() {
  const auto& ents = in_.entities->entities;
  role_org_.assign(ents.size(), -1);
  mention_count_.assign(ents.size(), 0);
  for (const DocRole& r : in_.entities->roles) {
    if (r.person < ents.size() && r.org < ents.size() && role_org_[r.person] < 0 &&
        ents[r.org].type == "ORG") {
      role_org_[r.person] = static_cast<long>(r.org);
    }
  }
  size_t total = 0;
  for (const auto& ent : ents) total += ent.mentions.size();
  mentions_.reserve(total);
  for (size_t e = 0; e < ents.size(); ++e) {
    for (TextRange r : ents[e].mentions) {
      if (r.end > in_.text.size() || r.start >= r.end) continue;
      mentions_.push_back(MentionRef{r, static_cast<long>(e)});
      ++mention_count_[e];
    }
  }
  std::sort(mentions_.begin(), mentions_.end(),
            [](const MentionRef& a, const MentionRef& b) { return a.r.start < b.r.start; });
}

long DocContext::OrgOf(long entity) const {
  if (IsType(in_, entity, "ORG")) return entity;
  if (IsType(in_, entity, "PERSON")) return role_org_[entity];
  return -1;
}

std::string_view DocContext::GapBefore(size_t word) const {
  const auto& w = doc_.words();
  if (word == 0 || word >= w.size()) return {};
  return in_.text.substr(w[word - 1].end, w[word].start - w[word - 1].end);
}

bool DocContext::BoundaryBefore(size_t word) const {
  if (word == 0 || word >= doc_.words().size()) return true;
  std::string_view gap = GapBefore(word);
  for (char c : gap) {
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"') return true;
  }
  return gap.find(" - ") != std::string_view::npos || gap.find("\xE2\x80\x93") != std::string_view::npos ||
         gap.find("\xE2\x80\x94") != std::string_view::npos;
}

// The word before a party's name, looking back over a lower-case descriptor
// ("from oil giant Shell") and over a bracketed acronym's long form ("from
// Avions de Transport Regional (ATR)"), up to kDescriptorReach words.
size_t DocContext::WordBeforeDescriptor(size_t s, const Party& p) const {
  const SentenceInfo& si = sentences_[s];
  size_t w = p.word;
  for (size_t steps = 0; w > si.wb && steps < kDescriptorReach; ++steps) {
    const size_t prev = w - 1;
    std::string_view original = doc_.Original(prev);
    if (original == "(") {
      // A party ending right before the bracket names the same thing.
      auto it = std::find_if(si.parties.begin(), si.parties.end(),
                             [&](const Party& q) { return q.end_word == prev && q.word < prev; });
      if (it == si.parties.end()) return prev;
      w = it->word;
      continue;
    }
    if (original.empty() || !(original[0] >= 'a' && original[0] <= 'z') || BoundaryBefore(w)) return prev;
    std::string_view f = doc_.Folded(prev);
    if (f == "from" || f == "von" || f == "vom" || f == "of" || f == "by" || f == "to" || f == "with" ||
        f == "in" || f == "into" || f == "and" || f == "the")
      return prev;
    w = prev;
  }
  return w > 0 ? w - 1 : 0;
}

bool DocContext::BeforeBracketedName(size_t s, const PhraseMatch& m) const {
  constexpr size_t kReach = 4;  // words from the trigger's end to the bracket
  if (!StartsUpperAscii(doc_.Original(m.first_word))) return false;  // a name word, not "arbeiten mit"
  const SentenceInfo& si = sentences_[s];
  for (size_t k = m.end_word; k < si.we && k <= m.end_word + kReach; ++k) {
    if (GapBefore(k).find('(') != std::string_view::npos) {
      // The bracket opens right before word k: is word k an organisation's mention?
      for (const Party& p : si.parties)
        if (p.word == k && p.end_word == k + 1 && IsType(in_, p.entity, "ORG")) return true;
      return false;
    }
    if (k > m.end_word && BoundaryBefore(k)) return false;
    // A name of its own between ("führen die Europäische Union (EU)"): the
    // acronym is that name's, not the trigger's.
    for (const Party& p : si.parties)
      if (p.word <= k && k < p.end_word) return false;
  }
  return false;
}

bool DocContext::HyphenatedToPrevious(size_t word) const { return word > 0 && GapBefore(word) == "-"; }

bool DocContext::HasCue(size_t s, Cue cue, size_t from, size_t to) const {
  for (const PhraseMatch& c : sentences_[s].cues) {
    if (c.payload == static_cast<int>(cue) && c.first_word >= from && c.first_word < to) return true;
  }
  return false;
}

size_t DocContext::ClauseStart(size_t s, size_t word) const {
  const SentenceInfo& si = sentences_[s];
  for (size_t i = word; i > si.wb; --i) {
    if (BoundaryBefore(i)) return i;
    if (HasCue(s, Cue::kBoundary, i - 1, i)) return i - 1;
  }
  return si.wb;
}

namespace {
// Double quotation marks in a gap between words: ASCII, English curly and
// German low-high („…“).
size_t CountQuotes(std::string_view gap) {
  size_t n = 0;
  for (size_t i = 0; i < gap.size(); ++i) {
    if (gap[i] == '"') ++n;
    if (gap.compare(i, 2, "\xE2\x80") == 0 && i + 2 < gap.size() &&
        (gap[i + 2] == '\x9C' || gap[i + 2] == '\x9D' || gap[i + 2] == '\x9E'))
      ++n;
  }
  return n;
}
}  // namespace

size_t DocContext::RightEnd(size_t s, size_t word) const {
  const SentenceInfo& si = sentences_[s];
  size_t limit = std::min(si.we, word + kRightWindow);
  // Inside a quotation, its closing mark ends what the trigger can reach:
  // after it stands the speaker ("…accept a UFJ-MTFG merger," Sumitomo said).
  const auto& words = doc_.words();
  size_t quotes = 0;
  for (size_t i = si.wb + 1; i < word && i < words.size(); ++i) quotes += CountQuotes(GapBefore(i));
  if (si.wb < words.size() && words[si.wb].start >= si.bytes.start)
    quotes += CountQuotes(in_.text.substr(si.bytes.start, words[si.wb].start - si.bytes.start));
  if (quotes % 2 == 1) {
    for (size_t i = std::max(word, si.wb + 1); i < limit; ++i) {
      if (CountQuotes(GapBefore(i)) > 0) {
        limit = i;
        break;
      }
    }
  }
  for (size_t i = word; i < limit; ++i) {
    if (HasCue(s, Cue::kBoundary, i, i + 1)) return i;
    if (i > word && GapBefore(i).find(';') != std::string_view::npos) return i;
  }
  return limit;
}

SentenceInfo DocContext::Analyse(size_t s) {
  SentenceInfo si;
  si.bytes = sentence_bytes_[s];
  // Sentences come in text order: their words are found walking on from the last one's.
  si.wb = doc_.WordAtFrom(si.bytes.start, s > 0 ? sentences_[s - 1].wb : 0);
  si.we = doc_.WordAtFrom(si.bytes.end, si.wb);
  // Matches go to a reused buffer, then into a list of exactly their size.
  scratch_.clear();
  lex_.cues.FindAll(doc_, si.wb, si.we, si.we, &scratch_);
  si.cues.assign(scratch_.begin(), scratch_.end());
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), si.bytes.start,
                             [](const MentionRef& m, uint32_t p) { return m.r.start < p; });
  size_t cursor = si.wb;  // mentions come by start
  for (; it != mentions_.end() && it->r.start < si.bytes.end; ++it) {
    long e = it->entity;
    bool product = IsType(in_, e, "PRODUCT");
    if (!product && !IsType(in_, e, "ORG") && !IsType(in_, e, "PERSON")) continue;
    Party p;
    p.entity = e;
    p.org = OrgOf(e);
    p.product = product;
    p.word = cursor = doc_.WordAtFrom(it->r.start, cursor);
    p.end_word = std::max(p.word + 1, doc_.WordAtFrom(it->r.end, p.word));
    si.parties.push_back(p);
  }
  return si;
}

void DocContext::MarkWithLists(SentenceInfo* si) const {
  for (const PhraseMatch& c : si->cues) {
    Cue kind = static_cast<Cue>(c.payload);
    if (kind == Cue::kSource) {
      for (Party& p : si->parties) {
        if (p.word >= c.first_word && p.word < c.end_word + 4) p.source = true;
      }
    } else if (kind == Cue::kReporter || kind == Cue::kSpeaker) {
      // "…, the Financial Times reported.", "…, EU Trade Commissioner Peter
      // Mandelson has announced.": a reporting verb with the sentence ending
      // within a few words, after a phrase set off by a comma or a
      // quotation's close; the parties of that phrase are the report's
      // source (a publication's verb) or its speaker.
      if (c.end_word + kReporterGap < si->we) continue;
      size_t from = c.first_word;
      while (from > si->wb && c.first_word - from < kAttributionWords && !BoundaryBefore(from)) --from;
      // (The sentence's own start is no such boundary: "Initech reported higher sales.")
      if (from <= si->wb || from == c.first_word || !BoundaryBefore(from)) continue;
      const bool speaker = kind == Cue::kSpeaker;
      auto mark = [&](Party& p) { (speaker ? p.speaker : p.source) = true; };
      bool marked = false;
      for (Party& p : si->parties) {
        if (p.word >= from && p.end_word <= c.first_word && c.first_word <= p.end_word + kReporterGap) {
          mark(p);
          marked = true;
        }
      }
      // The rest of the phrase ("EU" in "EU Trade Commissioner Peter
      // Mandelson") goes with the one it describes.
      if (!marked) continue;
      for (Party& p : si->parties)
        if (p.word >= from && p.end_word <= c.first_word) mark(p);
    } else if (kind == Cue::kSpeakerNoun || kind == Cue::kOutsiderNoun) {
      // "Finjan spokesman Tim Warner": the name right before the noun and the
      // person right after it speak for that name (speakers, still salient);
      // "BBC correspondents", "HVB analyst X": they report or comment
      // (sources).
      for (Party& p : si->parties) {
        if (p.end_word != c.first_word && p.word != c.end_word) continue;
        (kind == Cue::kSpeakerNoun ? p.speaker : p.source) = true;
      }
    } else if (kind == Cue::kRival) {
      for (Party& p : si->parties) {
        if (p.word >= c.end_word) p.rival = true;
      }
    } else if (kind == Cue::kWith) {
      size_t prev_end = c.end_word;
      bool first = true;
      for (Party& p : si->parties) {
        if (p.word < c.end_word) continue;
        size_t gap = p.word >= prev_end ? p.word - prev_end : 0;
        bool glued = true;
        for (size_t w = prev_end; w < p.word; ++w) glued = glued && IsGlue(doc_.Folded(w));
        if (first ? gap > 4 : (gap > 4 || !glued)) break;
        p.with = true;
        prev_end = std::max(prev_end, p.end_word);
        first = false;
      }
    }
  }
}

long DocContext::SalientSubject(size_t s) const {
  // The organisation most often named among the subjects of recent sentences.
  long best = -1;
  size_t best_count = 0;
  for (size_t k = 0; k < kContextSentences && k < s; ++k) {
    long org = sentences_[s - 1 - k].subject_org;
    if (org < 0) continue;
    size_t count = mention_count_[org];
    if (count > best_count) {
      best = org;
      best_count = count;
    }
  }
  return best;
}

std::vector<long> DocContext::ResolveOne(size_t s, size_t word, const SentenceInfo& si) const {
  for (const Party& p : si.parties) {
    if (p.word < word && p.org >= 0 && !p.source) return {p.org};
  }
  long org = SalientSubject(s);
  if (org >= 0) return {org};
  return {};
}

std::vector<Party> DocContext::ResolveTwo(size_t s, size_t word, const SentenceInfo& si) const {
  // Gather parties from the nearest text back until two sides are named, then
  // keep the two sides named most often in the document.
  std::vector<const Party*> cands;
  std::vector<long> keys;
  auto gather = [&](const std::vector<Party>& parties, size_t limit) {
    for (const Party& p : parties) {
      if (p.word >= limit || p.source || p.product || p.rival) continue;
      cands.push_back(&p);
      long key = p.org >= 0 ? p.org : p.entity;
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  };
  gather(si.parties, word);
  for (size_t k = 0; k < kContextSentences && k < s && keys.size() < 2; ++k) {
    gather(sentences_[s - 1 - k].parties, static_cast<size_t>(-1));
  }
  if (keys.size() < 2) return {};
  auto salience = [&](long key) { return mention_count_[key]; };
  std::stable_sort(keys.begin(), keys.end(), [&](long a, long b) { return salience(a) > salience(b); });
  keys.resize(2);
  std::vector<Party> out;
  for (const Party* p : cands) {
    long key = p->org >= 0 ? p->org : p->entity;
    if (key == keys[0] || key == keys[1]) out.push_back(*p);
  }
  return out;
}

void DocContext::ResolveAnaphora(size_t s, SentenceInfo* si) {
  std::vector<PhraseMatch>& found = scratch_;
  found.clear();
  lex_.anaphora.FindAll(doc_, si->wb, si->we, si->we, &found);
  std::vector<Party> added;
  size_t covered_until = 0;
  for (const PhraseMatch& m : found) {
    if (m.first_word < covered_until) continue;  // longest match per start comes first
    covered_until = m.end_word;
    bool inside_entity = false;
    for (const Party& p : si->parties)
      inside_entity = inside_entity || (m.first_word >= p.word && m.first_word < p.end_word);
    if (inside_entity) continue;
    if (m.payload == static_cast<int>(Anaphor::kOne)) {
      for (long org : ResolveOne(s, m.first_word, *si)) {
        Party p;
        p.entity = org;
        p.org = org;
        p.word = m.first_word;
        p.end_word = m.end_word;
        added.push_back(p);
      }
    } else {
      for (Party p : ResolveTwo(s, m.first_word, *si)) {
        p.word = m.first_word;
        p.end_word = m.end_word;
        p.with = false;
        p.source = false;
        p.speaker = false;
        p.rival = false;
        added.push_back(p);
      }
    }
  }
  // Analyse lists the parties in word order already: only added ones need sorting in.
  if (added.empty()) return;
  si->parties.insert(si->parties.end(), added.begin(), added.end());
  std::stable_sort(si->parties.begin(), si->parties.end(),
                   [](const Party& a, const Party& b) { return a.word < b.word; });
}

// Whether a word lies inside the name of a person, firm, product or place
// (a named event such as "MS CEO Summit 2024" may still be a trigger).
bool DocContext::InName(size_t word) const {
  const Word& w = doc_.words()[word];
  auto it = std::upper_bound(mentions_.begin(), mentions_.end(), w.start,
                             [](uint32_t p, const MentionRef& m) { return p < m.r.start; });
  // Mentions do not nest deeply; look back over a few that start before the word.
  for (int k = 0; k < 4 && it != mentions_.begin(); ++k) {
    --it;
    if (it->r.end > w.start && !IsType(in_, it->entity, "EVENT")) return true;
  }
  return false;
}

bool DocContext::IsAlliance(long entity) const {
  if (!IsType(in_, entity, "ORG")) return false;
  std::string name = FoldCase(in_.entities->entities[entity].name);
  for (const std::string& w : res_.alliance_words) {
    if (name.find(w) != std::string::npos) return true;
  }
  return false;
}

bool DocContext::Definite(size_t s, const PhraseMatch& m) const {
  size_t from = m.first_word >= 3 ? m.first_word - 3 : 0;
  return HasCue(s, Cue::kDefinite, std::max(from, sentences_[s].wb), m.first_word);
}

void DocContext::SetStatus(size_t s, const PhraseMatch& m, const TriggerInfo& info, Draft* d) const {
  const SentenceInfo& si = sentences_[s];
  size_t from = ClauseStart(s, m.first_word);
  size_t to = std::min(si.we, m.end_word + kStatusAfter);
  auto set = [d](const char* status, int strength) {
    d->ev.status = status;
    d->strength = strength;
  };
  // "on speculation that it will be bought", "Gerüchte, dass …": a clause
  // that is the content of a modal noun or verb right before it.
  const bool content_of_modal = from > si.wb + 1 &&
                                (doc_.Folded(from) == "that" || doc_.Folded(from) == "dass") &&
                                HasCue(s, Cue::kModal, from >= si.wb + 3 ? from - 3 : si.wb, from);
  if (info.status == "occurred") {
    size_t near = std::max(m.first_word >= 3 ? m.first_word - 3 : 0, si.wb);
    if (content_of_modal || HasCue(s, Cue::kModal, near, m.first_word)) return set("speculative", 2);
    // "will be bought by", "is to be taken over": a future before a trigger that reads as done.
    if (HasCue(s, Cue::kPlanned, near, m.first_word)) return set("planned", 2);
    return set("occurred", 2);
  }
  if (content_of_modal) return set("speculative", 2);
  // "Microsoft said it would buy X": a reported intention, not a guess.
  if (HasCue(s, Cue::kReportedFuture, from, m.first_word) && !HasCue(s, Cue::kHedge, from, to))
    return set("planned", 2);
  if (HasCue(s, Cue::kModal, from, to)) return set("speculative", 2);
  if (HasCue(s, Cue::kPlanned, from, to)) return set("planned", 2);
  if (!info.status.empty()) return set(info.status.c_str(), 2);
  if (HasCue(s, Cue::kPast, from, to)) return set("occurred", 2);
  if (HasCue(s, Cue::kOngoing, from, to)) return set("ongoing", 2);
  if (HasCue(s, Cue::kHedge, from, to)) return set("speculative", 1);
  const std::string& t = info.type;
  if (t == "MEETING" || t == "INVESTMENT" || t == "DEAL" || t == "ACQUISITION") return set("occurred", 0);
  return set("ongoing", 0);
}

std::string DocContext::DateFor(size_t s, const PhraseMatch& m, bool* relative) const {
  *relative = false;
  if (in_.timexes == nullptr) return "";
  const SentenceInfo& si = sentences_[s];
  const auto& w = doc_.words();
  uint32_t anchor = w[m.first_word].start;
  std::string best;
  uint32_t best_dist = UINT32_MAX;
  for (const Timex& t : *in_.timexes) {
    if (t.start < si.bytes.start || t.end > si.bytes.end || t.type != "DATE" || !IsoDate(t.value)) continue;
    bool in_name = false;
    for (const MentionRef& mr : mentions_) {
      if (mr.r.start <= t.start && t.end <= mr.r.end && !IsType(in_, mr.entity, "LOC")) in_name = true;
    }
    if (in_name) continue;
    uint32_t dist = t.start > anchor ? t.start - anchor : anchor - t.end;
    if (dist < best_dist) {
      best_dist = dist;
      best = t.value;
      *relative = t.relative;
    }
  }
  return best;
}

long DocContext::PlaceFor(size_t s, size_t anchor_word, size_t right_end) const {
  static const char* kPrepositions[] = {"in", "im", "at", "bei", "nach", "to"};
  const SentenceInfo& si = sentences_[s];
  long best_right = -1, best_left = -1;
  size_t right_dist = SIZE_MAX, left_dist = SIZE_MAX;
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), si.bytes.start,
                             [](const MentionRef& mr, uint32_t p) { return mr.r.start < p; });
  for (; it != mentions_.end() && it->r.start < si.bytes.end; ++it) {
    if (!IsType(in_, it->entity, "LOC")) continue;
    // A dateline ("Celle, Deutschland - ") names where the publisher is.
    std::string_view after = in_.text.substr(it->r.end, std::min<size_t>(40, in_.text.size() - it->r.end));
    size_t line_start = in_.text.rfind('\n', it->r.start);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    if (it->r.start - line_start < 40 && (after.find(" - ") != std::string_view::npos ||
                                          after.find("\xE2\x80\x93") != std::string_view::npos)) {
      continue;
    }
    size_t word = doc_.WordAt(it->r.start);
    if (word == 0 || word <= si.wb) continue;
    std::string_view prev = doc_.Folded(word - 1);
    bool prep = false;
    for (const char* p : kPrepositions) prep = prep || prev == p;
    if (!prep) continue;
    size_t venue = (prev == "at" || prev == "bei") ? 3 : 0;  // the city after "in" is preferred to a venue
    if (prev == "to" && (word < anchor_word || word > anchor_word + 2)) continue;  // "a trip to Seoul"
    if (word >= anchor_word && word < right_end && word - anchor_word + venue < right_dist) {
      right_dist = word - anchor_word + venue;
      best_right = it->entity;
    } else if (word < anchor_word && anchor_word - word + venue < left_dist) {
      left_dist = anchor_word - word + venue;
      best_left = it->entity;
    }
  }
  return best_right >= 0 ? best_right : best_left;
}

void DocContext::PlacesFromSameDate() {
  // "The conference held in Seoul on Nov. 7 ... met on Nov. 7": a meeting
  // without a place of its own takes the place given for the same day.
  if (in_.timexes == nullptr) return;
  for (Draft& d : drafts_) {
    if (d.ev.type != "MEETING" || d.ev.place >= 0 || d.ev.date.size() != 10) continue;
    for (const Timex& t : *in_.timexes) {
      if (t.value != d.ev.date) continue;
      for (size_t s = 0; s < sentences_.size() && d.ev.place < 0; ++s) {
        if (t.start < sentences_[s].bytes.start || t.end > sentences_[s].bytes.end) continue;
        d.ev.place = PlaceFor(s, doc_.WordAt(t.start), sentences_[s].we);
      }
      if (d.ev.place >= 0) break;
    }
  }
}

std::optional<Amount> DocContext::AmountFor(size_t s, const PhraseMatch& m) const {
  if (in_.money == nullptr) return std::nullopt;
  const SentenceInfo& si = sentences_[s];
  uint32_t anchor = doc_.words()[m.first_word].start;
  const Money* best = nullptr;
  uint32_t best_dist = UINT32_MAX;
  for (const Money& money : *in_.money) {
    if (money.start < si.bytes.start || money.end > si.bytes.end || money.currency.empty()) continue;
    uint32_t dist = money.start > anchor ? money.start - anchor : anchor - std::min(anchor, money.end);
    if (dist < best_dist) {
      best_dist = dist;
      best = &money;
    }
  }
  if (best == nullptr) return std::nullopt;
  return Amount{best->value, best->currency};
}

void DocContext::EventsFromTrigger(size_t s, const PhraseMatch& m) {
  const TriggerInfo& info = res_.triggers[m.payload];
  // "has withdrawn its takeover offer", "tried to buy", "did not sign":
  // a denied, failed or abandoned relation is not one.
  {
    size_t from = std::max(ClauseStart(s, m.first_word),
                           m.first_word >= kNegationWindow ? m.first_word - kNegationWindow : 0);
    if (HasCue(s, Cue::kNegated, from, m.first_word)) return;
  }
  // "meet demand", "meet its targets", "Entscheidungen getroffen", "ins
  // Gespräch gebracht": the words around a meeting trigger say it is none.
  if (info.type == "MEETING") {
    size_t from = std::max(sentences_[s].wb, m.first_word >= 3 ? m.first_word - 3 : 0);
    if (HasCue(s, Cue::kNotMeeting, from, std::min(sentences_[s].we, m.end_word + 3))) return;
    // "the board meeting", "at separate meetings", "the cabinet met": one body's own session.
    if (m.first_word > sentences_[s].wb && HasCue(s, Cue::kSession, m.first_word - 1, m.first_word)) return;
  }
  Draft base;
  base.ev.type = info.type;
  base.ev.evidence.push_back(sentences_[s].bytes);
  base.last_sentence = s;
  base.order = order_++;
  SetStatus(s, m, info, &base);
  base.ev.date = DateFor(s, m, &base.date_relative);
  if (info.type == "MEETING") base.ev.place = PlaceFor(s, m.first_word, RightEnd(s, m.end_word));
  if (info.type == "INVESTMENT" || info.type == "DEAL" || info.type == "ACQUISITION")
    base.ev.amount = AmountFor(s, m);
  base.ev.topics = sentences_[s].topics;
  // A date after the publication date is announced, one before it happened.
  if (base.strength < 2 && !base.ev.date.empty() && !in_.published.empty()) {
    std::string pub = in_.published.substr(0, base.ev.date.size());
    if (base.ev.date > pub) base.ev.status = "planned";
    if (base.ev.date < pub) base.ev.status = "occurred";
  }
  if (IsSymmetricType(info.type)) {
    Symmetric(s, m, info, std::move(base));
  } else {
    Directed(s, m, info, std::move(base));
  }
}

// "meet" as a verb names a meeting only with someone to meet: a party just
// after it ("met Nadella", "met with executives of Samsung") or two sides
// before it ("Samsung and LG met"). Otherwise it is "meet expectations",
// "people meet and chat", "ministers meet on Thursday" (one body's own
// session). Nouns ("talks", "meeting") are left to the two-sides test of Keep.
bool DocContext::MeetingHasTwoSides(size_t s, const PhraseMatch& m) const {
  // The verbs that need it are marked in triggers.tsv (frame "sym+object").
  if (m.end_word != m.first_word + 1 || !res_.triggers[m.payload].needs_object) return true;
  std::string_view verb = doc_.Folded(m.first_word);
  const SentenceInfo& si = sentences_[s];
  bool with_follows = false;
  if (in_.lang == "en") {
    with_follows = m.end_word < si.we && doc_.Folded(m.end_word) == "with";
  } else if (in_.lang == "de") {
    // "treffen" also means to face ("trifft auf den LASK"), to score ("trifft
    // zum 1:0"), to hit or affect ("hat auch HTC getroffen"): a meeting is
    // "sich treffen (mit)" or meeting someone named right after the verb.
    if (StartsUpperAscii(doc_.Original(m.first_word))) return true;  // the noun "Treffen"
  } else {
    return true;
  }
  const size_t clause = ClauseStart(s, m.first_word);
  const size_t right_end = RightEnd(s, m.end_word);
  if (in_.lang == "de") {
    // "Vereinbarungen, die X, Chef von Y, mit Z traf": a relative clause about
    // a noun that makes "treffen" another verb (not_meeting nouns:
    // Vereinbarungen treffen, Entscheidungen treffen), up to kRelativeReach
    // words back.
    const size_t stop =
        std::max(si.wb + 1, m.first_word > kRelativeReach ? m.first_word - kRelativeReach : 0);
    for (size_t w = m.first_word; w-- > stop;) {
      std::string_view f = doc_.Folded(w);
      bool relative =
          f == "die" || f == "der" || f == "das" || f == "welche" || f == "welcher" || f == "welches";
      if (!relative || !BoundaryBefore(w)) continue;
      if (HasCue(s, Cue::kNotMeeting, w - 1, w)) return false;
      break;  // the nearest relative clause is about something else
    }
    const size_t near_end = std::min<size_t>(si.we, m.end_word + kMeetObjectReach);
    for (size_t w = m.end_word; w < near_end; ++w) {
      std::string_view f = doc_.Folded(w);
      if (f == "auf" || f == "zum" || f == "via") return false;
    }
    // "traf sich … mit X", and verb-final "hatte sich im März mit X getroffen".
    bool reflexive = false;
    for (size_t w = clause; w < near_end && !reflexive; ++w) reflexive = doc_.Folded(w) == "sich";
    if (verb == "getroffen" && !reflexive) return false;
    if (reflexive) {
      for (const Party& p : si.parties)
        if (p.with && p.CanBeSide() && p.word >= clause && p.word < right_end) return true;
    }
  }
  std::vector<long> before;
  for (const Party& p : si.parties) {
    if (!p.CanBeSide() || p.rival || p.product) continue;
    if (p.word >= m.end_word && p.word < m.end_word + kMeetObjectReach) return true;
    // "met with the head of U.S. chipmaker Qualcomm"
    if (with_follows && p.word >= m.end_word && p.word < right_end) return true;
    long side = p.org >= 0 ? p.org : p.entity;
    if (p.word >= clause && p.end_word <= m.first_word &&
        std::find(before.begin(), before.end(), side) == before.end())
      before.push_back(side);
  }
  size_t subject_end = 0;
  if (SharedSubject(s, m, clause, &subject_end)) {
    for (const Party& p : si.parties) {
      if (!p.CanBeSide() || p.rival || p.product || p.with || p.word >= subject_end) continue;
      long side = p.org >= 0 ? p.org : p.entity;
      if (std::find(before.begin(), before.end(), side) == before.end()) before.push_back(side);
    }
  }
  return before.size() >= 2;
}

// The body that holds a meeting is not one of its sides: "the G7 meeting",
// "an IMF meeting" (a name between a determiner and the meeting noun), "a
// meeting of the Business Software Alliance" (an alliance after "of").
bool DocContext::HostsMeeting(size_t s, const PhraseMatch& m, const Party& p) const {
  if (p.end_word == m.first_word && p.word > sentences_[s].wb) {
    // Before the name a determiner, perhaps after an adjective or two ("the
    // recent G7 meeting", "an extraordinary EU summit"), or a possessive
    // ("Friday's EU summit").
    static constexpr std::string_view kDeterminers[] = {"the",  "a",   "an",    "this", "next",
                                                        "last", "its", "their", "s"};
    for (size_t back = 1; back <= 3 && p.word >= sentences_[s].wb + back; ++back) {
      std::string_view before = doc_.Folded(p.word - back);
      for (std::string_view d : kDeterminers)
        if (before == d) return true;
      std::string_view original = doc_.Original(p.word - back);
      if (original.empty() || !(original[0] >= 'a' && original[0] <= 'z'))
        break;  // only lower-case adjectives between
    }
  }
  // "a meeting of the Business Software Alliance", "the next meeting of G7
  // countries": the one organisation after "of" (not "of Samsung and LG").
  if (m.end_word >= sentences_[s].we || p.word <= m.end_word) return false;
  std::string_view after = doc_.Folded(m.end_word);
  if (after != "of" && after != "der" && after != "des") return false;
  size_t first = m.end_word + 1;
  if (first < p.word && (doc_.Folded(first) == "the")) ++first;
  if (p.word != first || !IsType(in_, p.org >= 0 ? p.org : p.entity, "ORG")) return false;
  if (IsAlliance(p.entity)) return true;
  const size_t next = p.end_word;
  if (next >= sentences_[s].we) return true;
  std::string_view joint = doc_.Folded(next);
  return !(joint == "and" || joint == "und" || joint == "or" || BoundaryBefore(next + 1) ||
           BoundaryBefore(next)) ||
         p.end_word + 1 >= sentences_[s].we;
}

// Who takes part in a meeting: the parties of its clause before the trigger
// (a list before it counts whole: "Samsung, SK Hynix, LG and SK Telecom
// met"), those introduced by "with" up to the clause's end, and the party
// met or visited right after the trigger. Not a name elsewhere in the
// sentence ("UBS economist X told Reuters" after a quote about meetings).
// Computed once per trigger as word ranges: before it [left_from, left_to),
// after it [m.end_word, right_to).
DocContext::MeetingScope DocContext::ScopeOfMeeting(size_t s, const PhraseMatch& m) const {
  MeetingScope scope{0, m.end_word, std::numeric_limits<size_t>::max()};
  // German clauses put the parties anywhere around the noun ("ein Treffen
  // …, bei dem X und Y zusammenkamen"); the window is for English.
  if (in_.lang != "en") return scope;
  // After the trigger, up to a quotation's attribution ("…meetings," UBS
  // economist X told Reuters").
  const auto& w = doc_.words();
  for (size_t i = m.end_word; i < w.size() && i > 0; ++i) {
    std::string_view gap = GapBefore(i);
    if (gap.find('"') != std::string_view::npos || gap.find("\xE2\x80\x9D") != std::string_view::npos) {
      scope.right_to = i;
      break;
    }
  }
  size_t clause = ClauseStart(s, m.first_word);
  // Walk the clause start back over a list of parties joined by commas and "and".
  const SentenceInfo& si = sentences_[s];
  for (auto it = si.parties.rbegin(); it != si.parties.rend(); ++it) {
    if (it->word >= clause || it->end_word > clause) continue;
    bool glued = true;
    for (size_t k = it->end_word; k < clause && glued; ++k) glued = IsGlue(doc_.Folded(k));
    if (!glued || clause - it->end_word > 1) break;
    clause = it->word;
  }
  // A clause with no party of its own before the trigger shares the
  // sentence's subject ("X and Y met in 2014, and met again in 2016";
  // "Euronext, which runs three exchanges, also began talks with the LSE").
  size_t subject_end = 0;
  if (SharedSubject(s, m, clause, &subject_end)) {
    scope.left_to = subject_end;
  } else {
    scope.left_from = clause;
  }
  return scope;
}

bool DocContext::MeetingScope::Includes(const PhraseMatch& m, const Party& p) const {
  if (p.word >= m.end_word) return p.word < right_to;
  return p.word >= left_from && p.word < left_to;
}

// True when no party stands in the trigger's clause before it, so that the
// clause's subject is the sentence's: its first party and the list it heads
// (words before *end).
bool DocContext::SharedSubject(size_t s, const PhraseMatch& m, size_t clause, size_t* end) const {
  const SentenceInfo& si = sentences_[s];
  if (clause >= m.first_word || clause <= si.wb) return false;
  const Party* first = nullptr;
  for (const Party& q : si.parties) {
    if (!q.CanBeSide() || q.rival || q.product || q.with) continue;
    if (q.word >= clause && q.word < m.first_word) return false;
    if (!first && q.end_word <= clause) first = &q;
  }
  if (!first) return false;
  *end = first->end_word;
  for (const Party& q : si.parties) {
    if (q.word < *end || q.word >= clause) continue;
    bool glued = q.word <= *end + 1;
    for (size_t w = *end; w < q.word && glued; ++w) glued = IsGlue(doc_.Folded(w));
    if (!glued) break;
    *end = q.end_word;
  }
  return true;
}

void DocContext::Symmetric(size_t s, const PhraseMatch& m, const TriggerInfo& info, Draft base) {
  const SentenceInfo& si = sentences_[s];
  bool meeting = info.type == "MEETING";
  auto add_party = [&](const Party& p, std::vector<size_t>* out) {
    if (p.product) return;
    if (meeting || IsType(in_, p.entity, "ORG")) out->push_back(static_cast<size_t>(p.entity));
    if (p.org >= 0) out->push_back(static_cast<size_t>(p.org));
  };
  if (meeting && !MeetingHasTwoSides(s, m)) return;
  const MeetingScope scope = meeting ? ScopeOfMeeting(s, m) : MeetingScope{};
  std::vector<const Party*> hub, with;
  bool hosted = false;
  for (const Party& p : si.parties) {
    if (!p.CanBeSide() || p.rival || p.product) continue;
    if (meeting && HostsMeeting(s, m, p)) {
      hosted = true;
      continue;
    }
    if (meeting && !scope.Includes(m, p)) continue;
    (p.with ? with : hub).push_back(&p);
  }
  // "attending the G7 meeting", "the next meeting of G7 countries": a named
  // body's own session, not a meeting between sides, unless someone meets
  // "with" another there ("the G7 meeting with China").
  if (hosted && with.empty()) return;
  // "joint ventures with Chinese players", "talks with unions": the other
  // side is there but unnamed, so the names before are not each other's partners.
  if (with.empty() && HasCue(s, Cue::kWith, m.end_word, m.end_word + 2)) {
    const size_t right_end = RightEnd(s, m.end_word);
    bool named = std::any_of(si.parties.begin(), si.parties.end(), [&](const Party& p) {
      return p.word >= m.end_word && p.word < right_end && p.CanBeSide() && !p.rival && !p.product;
    });
    if (!named) return;
  }
  std::vector<long> with_keys;
  for (const Party* p : with) {
    long key = p->org >= 0 ? p->org : p->entity;
    if (std::find(with_keys.begin(), with_keys.end(), key) == with_keys.end()) with_keys.push_back(key);
  }
  std::vector<size_t> hub_ids;
  for (const Party* p : hub) add_party(*p, &hub_ids);
  if (hub_ids.empty() && !with.empty()) {
    long salient = SalientSubject(s);
    if (salient < 0 && si.subject_org >= 0) salient = si.subject_org;
    bool salient_is_with = std::find(with_keys.begin(), with_keys.end(), salient) != with_keys.end();
    if (salient >= 0 && !salient_is_with) hub_ids.push_back(static_cast<size_t>(salient));
  }
  if (info.needs_with && with.empty()) return;
  bool split =
      with_keys.size() >= 2 && !hub_ids.empty() && (info.frame == Frame::kEach || info.type == "PARTNERSHIP");
  bool definite = Definite(s, m);
  if (split) {
    for (long key : with_keys) {
      Draft d = base;
      d.ev.participants = hub_ids;
      for (const Party* p : with) {
        if ((p->org >= 0 ? p->org : p->entity) == key) add_party(*p, &d.ev.participants);
      }
      SortUnique(&d.ev.participants);
      Add(std::move(d), false);
    }
    return;
  }
  Draft d = std::move(base);
  d.ev.participants = hub_ids;
  for (const Party* p : with) add_party(*p, &d.ev.participants);
  SortUnique(&d.ev.participants);
  // "die Partnerschaft", "the alliance": a definite partnership noun names a
  // partnership already reported when they share an organisation; other
  // names in its sentence belong to something else ("the partnership could
  // help X win orders from Y").
  if (definite && info.type == "PARTNERSHIP") {
    std::vector<long> mine = OrgsOf(d.ev);
    for (auto it = drafts_.rbegin(); it != drafts_.rend(); ++it) {
      if (it->ev.type != "PARTNERSHIP") continue;
      std::vector<long> theirs = OrgsOf(it->ev);
      bool shared = std::any_of(mine.begin(), mine.end(), [&](long o) {
        return std::find(theirs.begin(), theirs.end(), o) != theirs.end();
      });
      if (!shared) continue;
      Draft same = d;
      same.ev.participants = it->ev.participants;
      Merge(&*it, same);
      return;
    }
  }
  Add(std::move(d), definite && meeting);
}

void DocContext::Directed(size_t s, const PhraseMatch& m, const TriggerInfo& info, Draft base) {
  const SentenceInfo& si = sentences_[s];
  const std::string& type = info.type;
  // A reflexive reading is an idiom, not a transaction: "liefert sich einen
  // Streit", "übernimmt sich" (a trigger that needs "sich" has it inside).
  if (in_.lang == "de" && m.end_word < si.we && doc_.Folded(m.end_word) == "sich") return;
  size_t clause = ClauseStart(s, m.first_word);
  size_t right_end = RightEnd(s, m.end_word);
  auto object_ok = [&](const Party& p) {
    if (type == "DEVELOPS") return p.product;
    if (p.org < 0 || !p.CanBeSide()) return false;
    if (type == "MEMBERSHIP") return IsAlliance(p.entity);
    // "takes over the network from BT", "a stake from X": after "from" stands the seller.
    // "bought Toyota's hybrid technology", "Alfa-Eco's stake in Y": a possessor is not what is bought.
    if ((type == "ACQUISITION" || type == "INVESTMENT") && info.frame == Frame::kFwd && p.word > 0) {
      std::string_view before = doc_.Folded(WordBeforeDescriptor(s, p));
      // (A German noun trigger takes "von" for its object: "die Übernahme von Kernwerk".)
      bool noun_de = in_.lang == "de" && StartsUpperAscii(doc_.Original(m.first_word));
      if (p.word > m.first_word && ((before == "from" && !BidderAfterFrom(m)) ||
                                    ((before == "von" || before == "vom") && !noun_de)))
        return false;
      if (p.end_word < doc_.words().size() && p.end_word > 0 && doc_.Folded(p.end_word) == "s") {
        std::string_view gap = GapBefore(p.end_word);
        if (gap == "'" || gap == "\xE2\x80\x99") return false;
      }
    }
    if (type == "INVESTMENT" && info.frame == Frame::kFwd && p.word > m.first_word) {
      // "investors" alone is not an investment: the investee follows "in"/"into"/"an".
      // ("an einem neuen Werk des Auftragsfertigers TSMC": up to seven words between).
      size_t from = p.word >= 7 ? p.word - 7 : 0;
      return HasCue(s, Cue::kInto, std::max(from, m.first_word), p.word);
    }
    return true;
  };
  auto subject_ok = [&](const Party& p) { return !p.product && p.CanBeSide() && !p.rival && p.org >= 0; };

  // Subjects: the parties of the clause before the trigger; else the sentence's subject.
  std::vector<const Party*> subjects, left_with, left_objects, objects;
  for (const Party& p : si.parties) {
    if (p.word >= m.first_word) continue;
    if (p.word >= clause && subject_ok(p) && !(type == "MEMBERSHIP" && IsAlliance(p.entity))) {
      (p.with ? left_with : subjects).push_back(&p);
    }
    if (p.word >= clause && object_ok(p)) left_objects.push_back(&p);
  }
  // "Columbia was part of FleetBoston, bought by BOA last year": a participle
  // after a comma and before "by" is a reduced relative clause about the
  // name just before the comma, and its agent is the one who acts.
  const bool reduced_relative = ReducedRelative(s, m);
  if (subjects.empty() && reduced_relative) {
    for (const Party& p : si.parties) {
      if (p.end_word == m.first_word && subject_ok(p)) subjects.push_back(&p);
    }
    if (subjects.empty()) return;
  }
  if (subjects.empty()) {
    for (const Party& p : si.parties) {
      if (p.word < clause && subject_ok(p) && !p.with) {
        subjects.push_back(&p);
        break;
      }
    }
  }
  bool subject_from_list = false;
  if (subjects.empty() && !left_with.empty()) {
    subjects.push_back(left_with.front());
    subject_from_list = true;  // its list fellows are co-subjects, not objects
  }
  if (subjects.empty()) return;
  if (type == "INVESTMENT" && info.frame == Frame::kFwd && SellsItsStake(s, m, clause, subjects.front()->org))
    return;
  // Coordinated subjects ("Samsung and SK Hynix supply ...").
  std::vector<long> from_orgs{subjects.front()->org};
  for (size_t i = 1; i < subjects.size(); ++i) {
    const Party* prev = subjects[i - 1];
    bool glued = subjects[i]->word <= prev->end_word + 1;
    for (size_t w = prev->end_word; w < subjects[i]->word && glued; ++w) glued = IsGlue(doc_.Folded(w));
    if (!glued) break;
    if (std::find(from_orgs.begin(), from_orgs.end(), subjects[i]->org) == from_orgs.end())
      from_orgs.push_back(subjects[i]->org);
  }
  // Objects: after the trigger (or inside it, "uses X to supply"); a list counts item by item.
  for (const Party& p : si.parties) {
    if (p.word < m.first_word + (m.end_word - m.first_word > 1 ? 1 : 0) || p.word >= right_end) continue;
    if (p.word < m.end_word && m.end_word - m.first_word <= 1) continue;
    if (!object_ok(p)) continue;
    // "launched a scheme to replace versions of Windows XP": what is developed
    // follows closely (a list then goes on item by item).
    if (type == "DEVELOPS" && in_.lang != "de" && objects.empty() && p.word > m.end_word + kDevelopsReach)
      break;
    // The subject again ("provide its models to X"): not an object, and no break in the list.
    if (type != "DEVELOPS" && std::find(from_orgs.begin(), from_orgs.end(), p.org) != from_orgs.end())
      continue;
    if (!objects.empty()) {
      const Party* prev = objects.back();
      bool glued = p.word <= prev->end_word + 3;
      for (size_t w = prev->end_word; w < p.word && glued; ++w) glued = IsGlue(doc_.Folded(w));
      if (!glued) break;
    }
    objects.push_back(&p);
  }
  if (objects.empty() && !left_with.empty() && !subject_from_list) {
    for (const Party* p : left_with) {
      if (object_ok(*p)) objects.push_back(p);
    }
  }
  if (objects.empty() && in_.lang == "de") {
    // Verb-final clauses ("dass das Unternehmen an Mach-1 arbeitet"): the object precedes the verb.
    const Party* subject = subjects.front();
    for (const Party* p : left_objects) {
      if (p->word < subject->end_word || p->word == subject->word) continue;
      if (subject_from_list && p->with) continue;
      bool co_subject = std::find(from_orgs.begin(), from_orgs.end(), p->org) != from_orgs.end();
      if (!co_subject || p->product) objects.push_back(p);
    }
  }
  if (objects.empty()) return;
  std::vector<long> to_ids;
  for (const Party* p : objects) {
    long id = type == "DEVELOPS" ? p->entity : (type == "MEMBERSHIP" ? p->entity : p->org);
    if (std::find(to_ids.begin(), to_ids.end(), id) == to_ids.end()) to_ids.push_back(id);
  }
  bool reverse = info.frame == Frame::kRev;
  // "Apple supplier Foxconn", "der Apple-Zulieferer Japan Display": a name
  // right before a supplier noun is the customer.
  if (type == "SUPPLY" && info.frame == Frame::kFwd && !objects.empty() &&
      subjects.front()->end_word == m.first_word && HasCue(s, Cue::kSupplierNoun, m.end_word - 1, m.end_word))
    reverse = true;
  if (info.frame == Frame::kDeal) {
    size_t from_word = ClauseStart(s, m.first_word);
    bool buyer = HasCue(s, Cue::kBuyer, from_word, right_end);
    bool seller = HasCue(s, Cue::kSeller, from_word, right_end);
    // A deal "with" someone: the partner is the buyer unless we are told
    // otherwise; without a "with" partner the subject is the buyer.
    bool partner_is_with = !objects.empty() && objects.front()->with;
    reverse = buyer ? seller : (seller || partner_is_with);
  }
  const bool passive_agent = PassiveWithAgent(s, m, objects);
  // "All its models can be bought with a six-cylinder engine", "was acquired
  // in 2003": an English passive buy or invest with no agent names no buyer.
  if (!passive_agent && !reduced_relative && in_.lang == "en" && info.frame == Frame::kFwd &&
      (type == "ACQUISITION" || type == "INVESTMENT") && PassiveParticiple(s, m))
    return;
  if (passive_agent || (reduced_relative && info.frame != Frame::kRev) || NominalWithAgent(s, m, objects))
    reverse = !reverse;
  for (long f : from_orgs) {
    for (long t : to_ids) {
      Draft d = base;
      d.ev.from = reverse ? t : f;
      d.ev.to = reverse ? f : t;
      if (d.ev.from == d.ev.to) continue;
      if (type == "DEVELOPS" && reverse) std::swap(d.ev.from, d.ev.to);
      Add(std::move(d), false);
    }
  }
}

// "It was bought ... by Rosneft": an auxiliary right before the trigger and
// an agent phrase before the first object swap who does what to whom.
bool DocContext::PassiveWithAgent(size_t s, const PhraseMatch& m,
                                  const std::vector<const Party*>& objects) const {
  if (objects.empty() || res_.triggers[m.payload].frame == Frame::kRev) return false;
  // "was bought", "was quickly bought", "was in turn bought"
  size_t from = m.first_word >= 3 ? m.first_word - 3 : 0;
  if (!HasCue(s, Cue::kPassive, std::max(from, sentences_[s].wb), m.first_word)) return false;
  size_t obj = objects.front()->word;
  size_t agent_from = obj >= 6 ? obj - 6 : 0;  // "by state-controlled oil company Rosneft"
  return HasCue(s, Cue::kAgent, std::max(agent_from, m.end_word), obj);
}

// "selling an 8% stake in X", "the sale of its stake in X", "verkauft seine
// Beteiligung an X": a divesting word a few words before the investment
// noun, with no other party between ("its" is the subject again), makes the
// subject the seller. Who buys is another event's business ("sold ... to Y"
// is a DEAL trigger).
bool DocContext::SellsItsStake(size_t s, const PhraseMatch& m, size_t clause, long subject_org) const {
  const size_t from = std::max(clause, m.first_word >= kDivestReach ? m.first_word - kDivestReach : 0);
  for (const PhraseMatch& c : sentences_[s].cues) {
    if (c.payload != static_cast<int>(Cue::kDivest) || c.first_word < from || c.end_word > m.first_word)
      continue;
    bool party_between =
        std::any_of(sentences_[s].parties.begin(), sentences_[s].parties.end(), [&](const Party& p) {
          return p.word >= c.end_word && p.word < m.first_word && p.org != subject_org;
        });
    if (!party_between) return true;
  }
  return false;
}

// An auxiliary ("was", "can be", "was in turn") before a trigger that is not
// an -ing form: "was bought", not "has been investing" or "is to buy".
bool DocContext::PassiveParticiple(size_t s, const PhraseMatch& m) const {
  if (!ParticipleLike(m)) return false;
  // The auxiliary must govern the trigger: not "is to buy", "was looking to buy".
  size_t from = std::max(m.first_word >= 3 ? m.first_word - 3 : 0, sentences_[s].wb);
  for (size_t w = m.first_word; w-- > from;) {
    if (doc_.Folded(w) == "to") return false;
    if (HasCue(s, Cue::kPassive, w, w + 1)) return true;
  }
  return false;
}

// A verbal trigger not in its -ing form ("bought", not "investing", nor "the takeover").
bool DocContext::ParticipleLike(const PhraseMatch& m) const {
  if (NounTrigger(m)) return false;
  std::string_view verb = doc_.Folded(m.first_word);
  return !(verb.size() > 3 && verb.compare(verb.size() - 3, 3, "ing") == 0);
}

bool DocContext::ReducedRelative(size_t s, const PhraseMatch& m) const {
  if (in_.lang != "en" || m.first_word == 0 || m.first_word <= sentences_[s].wb) return false;
  if (GapBefore(m.first_word).find(',') == std::string_view::npos || !ParticipleLike(m)) return false;
  // "bought by" may be the trigger itself (a reversed pattern) or be followed by the agent.
  return HasCue(s, Cue::kAgent, m.end_word - 1, m.end_word + 1);
}

// "a $6.75bn buyout by Verizon", "die Übernahme durch Siemens": after a
// noun trigger, the agent phrase names who does it.
bool DocContext::NominalWithAgent(size_t s, const PhraseMatch& m,
                                  const std::vector<const Party*>& objects) const {
  if (objects.empty() || res_.triggers[m.payload].frame != Frame::kFwd || !NounTrigger(m)) return false;
  size_t obj = objects.front()->word;
  if (obj < m.end_word) return false;
  // "accepted a buyout from telecoms giant Verizon": "from" right after the
  // noun names the bidder ("the purchase of X from Y" keeps Y a seller).
  if (BidderAfterFrom(m)) return true;
  size_t agent_from = obj >= 6 ? obj - 6 : 0;
  return HasCue(s, Cue::kAgent, std::max(agent_from, m.end_word), obj);
}

// A trigger whose last word is a noun ("takeover", "buyout", "acquisition",
// "Übernahme"), told by its ending.
bool DocContext::NounTrigger(const PhraseMatch& m) const {
  if (m.end_word == 0) return false;
  std::string_view head = doc_.Folded(m.end_word - 1);
  auto ends = [&](std::string_view suf) {
    return head.size() > suf.size() && head.substr(head.size() - suf.size()) == suf;
  };
  return ends("tion") || ends("tions") || ends("over") || ends("overs") || ends("out") || ends("outs") ||
         ends("ger") || ends("ment") || ends("ments") || ends("ahme") || ends("ung") || ends("ion");
}

// An English noun trigger followed directly by "from": "a buyout from X", "an offer from X".
bool DocContext::BidderAfterFrom(const PhraseMatch& m) const {
  return in_.lang == "en" && NounTrigger(m) && m.end_word < doc_.words().size() &&
         doc_.Folded(m.end_word) == "from";
}

std::vector<long> DocContext::OrgsOf(const DocEvent& e) const {
  std::vector<long> out;
  for (size_t p : e.participants) {
    long org = OrgOf(static_cast<long>(p));
    out.push_back(org >= 0 ? org : static_cast<long>(p));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A date resolved from a relative expression ("next month") against an
// inferred anchor is uncertain: it only has to agree on the year.
bool DocContext::DatesAgree(const Draft& a, const Draft& b) const {
  if (DatesCompatible(a.ev.date, b.ev.date)) return true;
  if (!a.date_relative && !b.date_relative) return false;
  return a.ev.date.compare(0, 4, b.ev.date, 0, 4) == 0;
}

bool DocContext::Compatible(const Draft& a, const Draft& b) const {
  if (a.ev.type != b.ev.type) return false;
  // A partnership or a supply relation is one standing relation however often it is dated;
  // meetings on different days are different meetings.
  if (a.ev.type == "MEETING" && !DatesAgree(a, b)) return false;
  if (a.ev.place >= 0 && b.ev.place >= 0 && a.ev.place != b.ev.place) return false;
  if (!IsSymmetricType(a.ev.type)) return a.ev.from == b.ev.from && a.ev.to == b.ev.to;
  std::vector<long> oa = OrgsOf(a.ev), ob = OrgsOf(b.ev);
  if (oa.empty() || ob.empty()) return false;
  return Subset(oa, ob) || Subset(ob, oa);
}

void DocContext::Merge(Draft* into, const Draft& from) const {
  DocEvent& e = into->ev;
  e.participants.insert(e.participants.end(), from.ev.participants.begin(), from.ev.participants.end());
  SortUnique(&e.participants);
  bool take_date =
      !from.ev.date.empty() &&
      ((into->date_relative && !from.date_relative && DatesAgree(*into, from)) || e.date.empty() ||
       (from.ev.date.size() > e.date.size() && DatesCompatible(e.date, from.ev.date)));
  if (take_date) {
    e.date = from.ev.date;
    into->date_relative = from.date_relative;
  }
  if (e.place < 0) e.place = from.ev.place;
  if (!e.amount) e.amount = from.ev.amount;
  if (from.strength > into->strength) {
    e.status = from.ev.status;
    into->strength = from.strength;
  }
  for (const std::string& t : from.ev.topics) {
    if (std::find(e.topics.begin(), e.topics.end(), t) == e.topics.end()) e.topics.push_back(t);
  }
  for (TextRange r : from.ev.evidence) {
    bool have = false;
    for (TextRange q : e.evidence) have = have || (q.start == r.start && q.end == r.end);
    if (!have) {
      e.evidence.push_back(r);
      ++into->evidence_sentences;
    }
  }
  into->last_sentence = std::max(into->last_sentence, from.last_sentence);
}

void DocContext::Add(Draft d, bool definite) {
  for (auto it = drafts_.rbegin(); it != drafts_.rend(); ++it) {
    if (Compatible(*it, d)) {
      Merge(&*it, d);
      return;
    }
  }
  if (definite) {
    // "The talks", "das Treffen": the meeting under discussion. Without parties
    // of its own it joins the most discussed recent meeting; with parties, the
    // meeting of the sentence just before.
    bool incomplete = OrgsOf(d.ev).size() < 2;
    Draft* best = nullptr;
    for (Draft& o : drafts_) {
      size_t window = incomplete ? kContextSentences + 1 : 1;
      if (o.ev.type != d.ev.type || o.last_sentence + window < d.last_sentence) continue;
      if (!DatesAgree(o, d)) continue;
      if (o.ev.place >= 0 && d.ev.place >= 0 && o.ev.place != d.ev.place) continue;
      if (best == nullptr ||
          (incomplete ? o.evidence_sentences >= best->evidence_sentences : o.order > best->order)) {
        best = &o;
      }
    }
    if (best != nullptr) {
      Merge(best, d);
      return;
    }
  }
  drafts_.push_back(std::move(d));
}

bool DocContext::Keep(const Draft& d) const {
  if (!IsSymmetricType(d.ev.type)) return d.ev.from >= 0 && d.ev.to >= 0 && d.ev.from != d.ev.to;
  if (d.ev.type == "PARTNERSHIP") {
    size_t orgs = 0;
    for (size_t p : d.ev.participants) orgs += IsType(in_, static_cast<long>(p), "ORG");
    return orgs >= 2;
  }
  // A meeting has two sides (a person counts as the organisation the text
  // ties them to), and one of them is an organisation: people alone meeting
  // (a tennis match, two ministers) is not a business relation.
  std::vector<long> sides = OrgsOf(d.ev);
  bool organisation = std::any_of(sides.begin(), sides.end(), [&](long e) { return IsType(in_, e, "ORG"); });
  return sides.size() >= 2 && organisation;
}

std::vector<DocEvent> DocContext::Run() {
  SplitSentences();
  IndexMentions();
  sentences_.reserve(sentence_bytes_.size());
  std::vector<PhraseMatch> found, topic_matches;
  for (size_t s = 0; s < sentence_bytes_.size(); ++s) {
    sentences_.push_back(Analyse(s));
    SentenceInfo& si = sentences_.back();
    MarkWithLists(&si);
    ResolveAnaphora(s, &si);
    for (const Party& p : si.parties) {
      if (!p.source && p.org >= 0) {
        si.subject_org = p.org;
        break;
      }
    }
    // Topics: the longest surface form wins where matches overlap; none inside names of people or firms.
    topic_matches.clear();
    res_.For(in_.lang).topics.FindAll(doc_, si.wb, si.we, si.we, &topic_matches);
    std::sort(topic_matches.begin(), topic_matches.end(), [](const PhraseMatch& a, const PhraseMatch& b) {
      return a.end_word - a.first_word > b.end_word - b.first_word;
    });
    std::vector<bool> taken(si.we - si.wb, false);
    for (const PhraseMatch& t : topic_matches) {
      bool free = true;
      for (size_t w = t.first_word; w < t.end_word; ++w) free = free && !taken[w - si.wb];
      for (const Party& p : si.parties) {
        if (!p.product && t.first_word >= p.word && t.first_word < p.end_word && p.entity >= 0 &&
            p.word != p.end_word && p.entity == p.org) {
          free = false;  // inside an organisation's name
        }
      }
      if (!free) continue;
      for (size_t w = t.first_word; w < t.end_word; ++w) taken[w - si.wb] = true;
      const std::string& label = res_.topic_labels[t.payload];
      if (std::find(si.topics.begin(), si.topics.end(), label) == si.topics.end()) si.topics.push_back(label);
    }
    // Triggers: the longest pattern at each position, none inside a name (except a named event).
    found.clear();
    lex_.triggers.FindAll(doc_, si.wb, si.we, si.we, &found);
    size_t covered = 0, used = 0;
    // "meetings with A, B and C" gives one meeting per party; another meeting
    // word in the same sentence ("a trip ... concluded with meetings with ...") adds nothing.
    bool split_meetings = false;
    for (const PhraseMatch& m : found) {
      split_meetings = split_meetings || res_.triggers[m.payload].frame == Frame::kEach;
    }
    for (const PhraseMatch& m : found) {
      if (m.first_word < covered || used >= kMaxTriggersPerSentence) continue;
      if (InName(m.first_word) || InName(m.end_word - 1)) continue;
      // "Microsoft-partnered devices": in English a trigger glued by a hyphen
      // to a name before it is part of a compound adjective, which says
      // nothing about the names around it. (Not "co-develop"; and German
      // compounds are nouns with the trigger as head: "Apple-Zulieferer".)
      if (in_.lang == "en" && HyphenatedToPrevious(m.first_word) &&
          StartsUpperAscii(doc_.Original(m.first_word - 1)))
        continue;
      // "Organisation für wirtschaftliche Zusammenarbeit und Entwicklung
      // (OECD)": a trigger a few words before a bracketed acronym of an
      // organisation is part of that organisation's written-out name.
      if (BeforeBracketedName(s, m)) continue;
      const TriggerInfo& info = res_.triggers[m.payload];
      if (split_meetings && info.type == "MEETING" && info.frame != Frame::kEach) continue;
      covered = m.end_word;
      ++used;
      EventsFromTrigger(s, m);
    }
  }
  PlacesFromSameDate();
  std::vector<DocEvent> out;
  for (Draft& d : drafts_) {
    if (!Keep(d)) continue;
    std::sort(d.ev.evidence.begin(), d.ev.evidence.end(),
              [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
    out.push_back(std::move(d.ev));
  }
  return out;
}

}  // namespace events
}  // namespace pactgraph
