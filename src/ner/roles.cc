#include "ner/roles.h"

#include <algorithm>
#include <map>

namespace pactgraph {
namespace ner {
namespace {

// The document as a sequence of entity mentions, title phrases and other
// words. Trivial and zero by default (a plain word), so that the list of a
// document's items is cleared in one sweep; its text is the document's bytes
// [start, end) (RoleFinder::Text).
struct Item {
  enum Kind : uint8_t { kWord = 0, kEntity, kTitle } kind;
  bool possessive;
  bool paragraph_start;
  uint32_t entity;           // for kEntity: index into the entity list
  uint32_t start, end;       // bytes
  const std::string* title;  // normalised, for kTitle (the title lexicon's string)
  uint64_t hash;             // FoldedHash of the text, for kWord
};

// Case-insensitive membership; the words of `set` are lower case and have no
// apostrophe. Folding keeps the byte length of everything else, so only
// same-length words are compared.
bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (s.size() == w.size() && FoldedEquals(w, s)) return true;
  return false;
}

// OneOf for the words of the document, which carry their folded hash: the
// set keeps its words' hashes, so a word whose hash matches none (nearly
// every word) is told apart without folding it.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      entries_.push_back(Entry{FoldedHash(w), w});
      filter_ |= FilterBit(entries_.back().hash);
      filter_high_ |= FilterBit(entries_.back().hash >> 6);
    }
  }
  bool Has(std::string_view text, uint64_t hash) const {
    // Two bits of the hash tested against the set's rule out nearly every word.
    if (!(filter_ & FilterBit(hash)) || !(filter_high_ & FilterBit(hash >> 6))) return false;
    for (const Entry& e : entries_)
      if (e.hash == hash && e.word.size() == text.size() && FoldedEquals(text, e.word)) return true;
    return false;
  }

 private:
  struct Entry {
    uint64_t hash;
    std::string_view word;
  };
  static uint64_t FilterBit(uint64_t hash) { return uint64_t{1} << (hash & 63); }
  std::vector<Entry> entries_;
  uint64_t filter_ = 0;       // FilterBit of every entry's hash
  uint64_t filter_high_ = 0;  // FilterBit of every entry's hash >> 6
};

// Entity types as the role rules test them, looked up once per entity.
enum class EntityKind : uint8_t { kOther, kPerson, kOrg, kLoc, kProduct };

EntityKind KindOf(std::string_view type) {
  if (type == "PERSON") return EntityKind::kPerson;
  if (type == "ORG") return EntityKind::kOrg;
  if (type == "LOC") return EntityKind::kLoc;
  if (type == "PRODUCT") return EntityKind::kProduct;
  return EntityKind::kOther;
}

class RoleFinder {
 public:
  RoleFinder(const Resources& res, std::string_view text, const std::vector<Word>& words,
             const Grouping& groups, const std::string& lang)
      : res_(res), text_(text), words_(words), groups_(groups), lang_(lang) {
    kinds_.reserve(groups_.entities.size());
    for (const DocEntity& e : groups_.entities) kinds_.push_back(KindOf(e.type));
  }

  std::vector<DocRole> Run() {
    // Every role links a person to an organisation.
    if (std::find(kinds_.begin(), kinds_.end(), EntityKind::kPerson) == kinds_.end() ||
        std::find(kinds_.begin(), kinds_.end(), EntityKind::kOrg) == kinds_.end())
      return {};
    BuildItems();
    // The rules start at the items the list of BuildItems names, in document order.
    for (size_t k : anchors_) {
      if (IsType(k, EntityKind::kPerson)) PersonFirst(k);
      if (IsType(k, EntityKind::kOrg)) {
        OrgFirst(k);
        LedBy(k);
      }
      if (items_[k].kind == Item::kWord) Its(k);  // a possessive pronoun
      if (items_[k].kind == Item::kTitle && !consumed_[k]) TitleOfOrg(k);
    }
    return roles_;
  }

 private:
  // Whether a rule starts at item k: a person or an organisation, a title,
  // a possessive pronoun ("its", "seine", ...).
  bool IsAnchor(size_t k) const {
    const Item& it = items_[k];
    switch (it.kind) {
      case Item::kEntity:
        return IsType(k, EntityKind::kPerson) || IsType(k, EntityKind::kOrg);
      case Item::kTitle:
        return true;
      case Item::kWord:
        return pronouns_.Has(Text(it), it.hash);
    }
    return false;
  }

  // Splits the text into items and lists the anchors among them.
  void BuildItems() {
    size_t m = 0;
    const std::vector<MentionRef>& ms = groups_.mentions;
    // Each item takes at least one word, and a mention adds at most one
    // compound tail: the items are written in place into room for that
    // many, and the list cut to what was written.
    items_.resize(words_.size() + ms.size());
    n_items_ = 0;
    // Where mention m starts (past the text when none is left).
    auto start_of = [&](size_t m) { return m < ms.size() ? ms[m].start : UINT32_MAX; };
    uint32_t next = start_of(m);
    for (size_t i = 0; i < words_.size();) {
      const Word& w = words_[i];
      while (next < w.start) next = start_of(++m);
      Item& it = items_[n_items_++];
      it.start = w.start;
      it.paragraph_start = w.Is(kParagraphStart);
      if (next == w.start) {
        const MentionRef& r = ms[m];
        it.kind = Item::kEntity;
        it.entity = static_cast<uint32_t>(r.entity);
        it.end = r.end;
        if (IsAnchor(n_items_ - 1)) anchors_.push_back(n_items_ - 1);
        size_t last = std::max<size_t>(r.last, i + 1);
        const Word& lw = words_[last - 1];
        if (r.end + 1 < lw.end && text_[r.end] == '-') AddCompoundTail(r.end + 1, lw.end);
        i = last;
        next = start_of(++m);
        continue;
      }
      const std::string* norm = nullptr;
      size_t t = MatchTitleRef(res_, words_, i, lang_, &norm);
      if (t > 0) {
        it.kind = Item::kTitle;
        it.title = norm;
        it.end = words_[i + t - 1].end;
        anchors_.push_back(n_items_ - 1);
        i += t;
        continue;
      }
      it.end = w.end;  // w.text is the text at [w.start, w.end)
      it.hash = w.hash;
      it.possessive = w.Is(kPossessive);
      if (pronouns_.Has(w.text, w.hash)) anchors_.push_back(n_items_ - 1);  // IsAnchor of a word
      ++i;
    }
    items_.resize(n_items_);
    consumed_.assign(items_.size(), 0);
  }

  // "Gründer" of "Microsoft-Gründer": a title (or a plain word) after the name.
  void AddCompoundTail(uint32_t b, uint32_t e) {
    Item& it = items_[n_items_++];
    it.start = b;
    it.end = e;
    it.hash = FoldedHash(Text(it));
    if (const std::string* n = res_.titles.Find(CombineHash(0, it.hash), IsGerman(lang_) ? "de" : "en")) {
      it.kind = Item::kTitle;
      it.title = n;
    }
    if (IsAnchor(n_items_ - 1)) anchors_.push_back(n_items_ - 1);
  }

  bool IsType(size_t k, EntityKind kind) const {
    return k < items_.size() && items_[k].kind == Item::kEntity &&
           kinds_[static_cast<size_t>(items_[k].entity)] == kind;
  }
  bool IsWord(size_t k, std::initializer_list<std::string_view> set) const {
    return k < items_.size() && items_[k].kind == Item::kWord && OneOf(Text(items_[k]), set);
  }
  bool IsComma(size_t k) const { return k < items_.size() && Text(items_[k]) == ","; }
  std::string_view Text(const Item& it) const { return text_.substr(it.start, it.end - it.start); }

  size_t SkipArticle(size_t k) const {
    return IsWord(k, {"the", "der", "die", "das", "dem", "den", "des", "a", "an", "ein", "eine", "einer"})
               ? k + 1
               : k;
  }
  size_t SkipModifier(size_t k) const {
    return IsWord(k, {"former", "new", "current", "incoming", "outgoing", "interim", "acting", "then",
                      "ehemalige", "ehemaliger", "ehemaligen", "neue", "neuer", "neuen", "amtierende",
                      "amtierender", "langjährige", "langjähriger"})
               ? k + 1
               : k;
  }

  // Title phrases joined by and/und/&/comma: "founder and CEO", "CEO und Mitgründer".
  size_t ParseTitles(size_t k, std::string* title) const {
    k = SkipModifier(k);
    if (k >= items_.size() || items_[k].kind != Item::kTitle) return 0;
    *title = *items_[k].title;
    size_t end = k + 1;
    for (;;) {
      size_t j = end;
      if (!IsWord(j, {"and", "und", "&"}) && !IsComma(j)) break;
      ++j;
      j = SkipModifier(j);
      if (j >= items_.size() || items_[j].kind != Item::kTitle) break;
      *title += " and " + *items_[j].title;
      end = j + 1;
    }
    return end;
  }

  bool IsConnector(size_t k) const {
    return IsWord(k, {"of", "at", "from", "von", "bei", "des", "der", "für", "for", "with"});
  }

  // After a connector: [article] ORG, or a division phrase then connector then
  // ORG ("der DS-Abteilung von Samsung"). Returns the ORG item or -1.
  // A word or a place/product name that may stand in a descriptor before the
  // organisation ("U.S. chipmaker", "des ChatGPT-Entwicklers").
  bool DescriptorItem(size_t j) const {
    if (j >= items_.size() || IsComma(j) || items_[j].possessive) return false;
    const Item& it = items_[j];
    if (it.kind == Item::kEntity) return IsType(j, EntityKind::kLoc) || IsType(j, EntityKind::kProduct);
    const std::string_view text = Text(it);
    if (it.kind != Item::kWord || text == "." || text == "(" || text == ";" || text == ":") return false;
    return !OneOf(text, {"that", "which", "who", "and", "und", "or", "oder", "but", "aber", "is", "was",
                         "ist", "war", "said", "sagte"});
  }

  // After a connector: [article] ORG; a descriptor then ORG ("of U.S.
  // chipmaker Qualcomm"); or a division phrase, connector, ORG ("der
  // DS-Abteilung von Samsung"). Returns the ORG item or -1.
  long OrgAfterConnector(size_t k, std::string* division) const {
    size_t j = SkipArticle(k);
    if (IsType(j, EntityKind::kOrg)) return static_cast<long>(j);
    size_t words = 0;
    std::string phrase;
    while (words < 4 && DescriptorItem(j) && !IsConnector(j)) {
      if (!phrase.empty()) phrase += ' ';
      phrase += Text(items_[j]);
      ++j;
      ++words;
    }
    if (words == 0) return -1;
    if (IsType(j, EntityKind::kOrg) && words <= 3) return static_cast<long>(j);
    if (!IsConnector(j)) return -1;
    j = SkipArticle(j + 1);
    if (!IsType(j, EntityKind::kOrg)) return -1;
    if (division) *division = phrase;
    return static_cast<long>(j);
  }

  void AddRole(size_t person_item, size_t org_item, std::string title, size_t first, size_t last) {
    size_t p = static_cast<size_t>(items_[person_item].entity);
    size_t o = static_cast<size_t>(items_[org_item].entity);
    for (DocRole& r : roles_) {
      if (r.person == p && r.org == o) {
        if (r.title.empty()) r.title = title;
        return;
      }
    }
    TextRange ev{items_[first].start, items_[last].end};
    roles_.push_back(DocRole{p, o, std::move(title), ev});
    last_role_person_item_ = static_cast<long>(person_item);
    last_role_org_item_ = static_cast<long>(org_item);
  }

  // "Kwak Noh-jung, CEO of SK Hynix", "Kyung Kye-hyun of Samsung",
  // "Sam Altman, der CEO und Mitgründer von OpenAI".
  void PersonFirst(size_t k) {
    size_t j = k + 1;
    bool comma = IsComma(j);
    if (comma) ++j;
    j = SkipArticle(j);
    std::string title;
    size_t after = ParseTitles(j, &title);
    if (after == 0 && comma && IsType(j, EntityKind::kOrg)) {
      // "Satya Nadella, Microsoft's CEO", "Sundar Pichai, Google CEO".
      size_t t = j + 1;
      if (t < items_.size() && items_[t].possessive) ++t;
      std::string t2;
      size_t a2 = ParseTitles(t, &t2);
      if (a2 > 0) {
        for (size_t c = t; c < a2; ++c) consumed_[c] = 1;
        AddRole(k, j, t2, k, a2 - 1);
      }
      return;
    }
    if (after == 0 && comma && IsWord(j, {"who", "der", "die"})) {
      // "Jane Roe, who founded Acme", "Jane Roe, die Acme leitet" is left to later work.
      static const std::initializer_list<std::string_view> kHeads = {"heads",  "leads", "runs", "chairs",
                                                                     "headed", "led",   "ran",  "chaired"};
      static const std::initializer_list<std::string_view> kFounds = {"founded", "co-founded", "cofounded"};
      std::string implied;
      if (IsWord(j + 1, kHeads))
        implied = "head";
      else if (IsWord(j + 1, kFounds))
        implied = OneOf(Text(items_[j + 1]), {"founded"}) ? "founder" : "co-founder";
      size_t o = SkipArticle(j + 2);
      if (!implied.empty() && IsType(o, EntityKind::kOrg)) AddRole(k, o, implied, k, o);
      return;
    }
    if (after == 0) {
      if (comma || !IsWord(k + 1, {"of", "from", "at", "von", "bei"})) return;
      if (IsType(k + 2, EntityKind::kOrg)) {
        std::string pre;
        if (k > 0 && items_[k - 1].kind == Item::kTitle) pre = *items_[k - 1].title;
        AddRole(k, k + 2, pre, k, k + 2);
      }
      return;
    }
    if (!IsConnector(after)) return;
    std::string division;
    long org = OrgAfterConnector(after + 1, &division);
    if (org < 0) return;
    for (size_t c = j; c < after; ++c) consumed_[c] = 1;
    if (!division.empty() && title == "head") title += " of " + division;
    AddRole(k, static_cast<size_t>(org), title, k, static_cast<size_t>(org));
  }

  // "Microsoft CEO Satya Nadella", "Microsoft's founder, Bill Gates",
  // "Microsoft-Gründer Bill Gates", "Samsung's Lee".
  void OrgFirst(size_t k) {
    size_t j = k + 1;
    bool possessive = j < items_.size() && items_[j].possessive;
    if (possessive) ++j;
    if (IsComma(j) && !possessive) return;
    std::string title;
    size_t after = ParseTitles(j, &title);
    if (after == 0) {
      if (possessive && IsType(j, EntityKind::kPerson)) AddRole(j, k, "", k, j);
      return;
    }
    size_t p = after;
    if (IsComma(p)) ++p;
    if (!IsType(p, EntityKind::kPerson)) return;
    for (size_t c = j; c < after; ++c) consumed_[c] = 1;
    AddRole(p, k, title, k, p);
    // "... und CEO Satya Nadella": a coordinated title without its own organisation.
    size_t q = p + 1;
    if (IsComma(q)) ++q;
    if (IsWord(q, {"and", "und"})) {
      std::string t2;
      size_t a2 = ParseTitles(q + 1, &t2);
      if (a2 > 0 && IsType(a2, EntityKind::kPerson) && !IsConnector(a2 + 1)) {
        for (size_t c = q + 1; c < a2; ++c) consumed_[c] = 1;
        AddRole(a2, k, t2, k, a2);
      }
    }
  }

  // "its chairman and CEO, Satya Nadella": "its" is the last organisation named.
  void Its(size_t k) {
    std::string title;
    size_t after = ParseTitles(k + 1, &title);
    if (after == 0) return;
    size_t p = after;
    if (IsComma(p)) ++p;
    if (!IsType(p, EntityKind::kPerson)) return;
    for (size_t b = k; b > 0 && k - b < 40; --b) {
      if (items_[b].paragraph_start && b != k) break;
      if (IsType(b - 1, EntityKind::kOrg)) {
        for (size_t c = k + 1; c < after; ++c) consumed_[c] = 1;
        AddRole(p, b - 1, title, k, p);
        return;
      }
    }
  }

  // "the CEO of SK Hynix, Kwak Noh-jung", "der Vorsitzende des SK-Konzerns, Chey Tae-won".
  void TitleOfOrg(size_t k) {
    std::string title;
    size_t after = ParseTitles(k, &title);
    if (after == 0 || !IsConnector(after)) return;
    std::string division;
    long org = OrgAfterConnector(after + 1, &division);
    if (org < 0) return;
    size_t p = static_cast<size_t>(org) + 1;
    if (IsComma(p)) ++p;
    if (!IsType(p, EntityKind::kPerson)) return;
    if (!division.empty() && title == "head") title += " of " + division;
    AddRole(p, static_cast<size_t>(org), title, k, p);
  }

  // "SK Telecom, led by CEO Ryu", "OpenAI, gegründet von Sam Altman".
  void LedBy(size_t k) {
    size_t j = k + 1;
    if (IsComma(j)) ++j;
    std::string implied;
    if (IsWord(j, {"led", "headed", "run", "chaired", "geführt", "angeführt", "geleitet"}) &&
        IsWord(j + 1, {"by", "von"})) {
      implied = "head";
      j += 2;
    } else if (IsWord(j, {"founded", "co-founded", "gegründet", "mitgegründet"}) &&
               IsWord(j + 1, {"by", "von"})) {
      implied = OneOf(Text(items_[j]), {"co-founded", "mitgegründet"}) ? "co-founder" : "founder";
      j += 2;
    } else if (IsWord(j, {"unter"}) && IsWord(j + 1, {"der"}) && IsWord(j + 2, {"leitung"}) &&
               IsWord(j + 3, {"von"})) {
      implied = "head";
      j += 4;
    } else {
      return;
    }
    std::string title;
    size_t after = ParseTitles(j, &title);
    if (after > 0) {
      for (size_t c = j; c < after; ++c) consumed_[c] = 1;
      j = after;
    } else {
      title = implied;
    }
    if (IsType(j, EntityKind::kPerson)) AddRole(j, k, title, k, j);
  }

  // Possessive pronouns that stand for the last organisation named ("its").
  static const WordSet& Pronouns() {
    static const WordSet kPronouns = {"its",  "seine", "seiner", "seinem", "ihr",
                                      "ihre", "ihrem", "ihrer",  "dessen", "deren"};
    return kPronouns;
  }

  const Resources& res_;
  const WordSet& pronouns_ = Pronouns();
  std::string_view text_;
  const std::vector<Word>& words_;
  const Grouping& groups_;
  const std::string& lang_;
  std::vector<EntityKind> kinds_;  // of each entity, by index
  std::vector<Item> items_;
  size_t n_items_ = 0;           // items written by BuildItems
  std::vector<size_t> anchors_;  // the items where a rule may start (IsAnchor), in order
  std::vector<uint8_t> consumed_;
  std::vector<DocRole> roles_;
  long last_role_person_item_ = -1, last_role_org_item_ = -1;
};

}  // namespace

std::vector<DocRole> FindRoles(const Resources& res, std::string_view text, const std::vector<Word>& words,
                               const Grouping& groups, const std::string& lang) {
  return RoleFinder(res, text, words, groups, lang).Run();
}

}  // namespace ner
}  // namespace pactgraph
