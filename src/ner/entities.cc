#include "ner/entities.h"

#include <sys/stat.h>

#include <map>
#include <mutex>

#include "ner/coref.h"
#include "ner/gazetteer.h"
#include "ner/mentions.h"
#include "ner/roles.h"
#include "ner/tagger.h"

namespace pactgraph {
namespace {

using ner::Candidate;
using ner::Word;

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The gazetteer files, curated lists first so that they win over derived ones.
constexpr const char* kGazetteerFiles[] = {"orgs.tsv", "products.tsv", "places.tsv", "companies.tsv"};

class RuleAndTaggerRecognizer : public EntityRecognizer {
 public:
  explicit RuleAndTaggerRecognizer(std::unique_ptr<ner::Resources> res) : res_(std::move(res)) {}

  // Checks each language's model file now (header, version, length) and
  // reads it on first use, so that a batch in one language never pays for
  // reading the other model.
  Status LoadTaggers(const std::string& data_dir) {
    for (const char* lang : {"en", "de"}) {
      std::string path = data_dir + "/ner/" + lang + ".model";
      if (!FileExists(path)) continue;  // rules and gazetteers work alone
      PG_RETURN_IF_ERROR(NerTagger::Check(path));
      taggers_[lang] = std::make_unique<LazyTagger>(std::move(path));
    }
    return Status::OK();
  }

  Status Prepare(const std::string& lang) const override {
    Status st;
    TaggerFor(lang, &st);
    return st;
  }

  EntityResult Recognize(std::string_view text, const Segmented& seg,
                         const std::string& lang) const override {
    std::vector<Word> words = ner::MakeWords(text, seg);
    ner::ClassifyWords(*res_, &words);
    std::vector<Candidate> cands = ner::FindGazetteerMentions(*res_, text, words, lang);
    std::vector<Candidate> patterns = ner::FindPatternMentions(*res_, text, words, lang);
    cands.insert(cands.end(), patterns.begin(), patterns.end());
    AddTaggerMentions(words, lang, &cands);
    cands = ner::ResolveOverlaps(std::move(cands));
    ner::AddAcronymMentions(text, words, &cands);
    ner::Grouping groups = ner::GroupMentions(*res_, text, words, cands, lang);
    EntityResult out;
    out.roles = ner::FindRoles(*res_, text, words, groups, lang);
    out.entities = std::move(groups.entities);
    return out;
  }

 private:
  // A language's tagger, read from its file by the first caller that needs
  // it (thread-safe); a file that fails to load leaves the language without
  // a tagger and its error in `status`.
  class LazyTagger {
   public:
    explicit LazyTagger(std::string path) : path_(std::move(path)) {}
    const NerTagger* Get(Status* status) const {
      std::call_once(once_, [this] {
        auto tagger = NerTagger::Load(path_);
        if (tagger.ok()) {
          tagger_ = std::move(tagger).value();
        } else {
          status_ = tagger.status();
        }
      });
      if (status) *status = status_;
      return tagger_.get();
    }

   private:
    std::string path_;
    mutable std::once_flag once_;
    mutable std::unique_ptr<NerTagger> tagger_;
    mutable Status status_;
  };

  const NerTagger* TaggerFor(const std::string& lang, Status* status = nullptr) const {
    auto it = taggers_.find(ner::IsGerman(lang) ? "de" : "en");
    return it == taggers_.end() ? nullptr : it->second->Get(status);
  }

  // Tagger spans over the document's sentences (split at sentence starts).
  void AddTaggerMentions(const std::vector<Word>& words, const std::string& lang,
                         std::vector<Candidate>* cands) const {
    const NerTagger* tagger = TaggerFor(lang);
    if (!tagger || words.empty()) return;
    // Words the rules already named; a sentence whose every capitalised word
    // is named or common has nothing left for the tagger (saves most of its time).
    std::vector<uint8_t> named(words.size(), 0);
    for (const Candidate& c : *cands)
      for (uint32_t w = c.first; w < c.last && w < words.size(); ++w) named[w] = 1;
    std::vector<std::vector<std::string_view>> sentences;
    std::vector<size_t> offsets;
    bool open_name = false;
    // The words [begin, end) are one sentence; only one with a name left
    // open goes to the tagger, so only such a sentence's list is built.
    auto flush = [&](size_t begin, size_t end) {
      if (open_name && end > begin) {
        std::vector<std::string_view>& sentence = sentences.emplace_back();
        sentence.reserve(end - begin);
        for (size_t k = begin; k < end; ++k) sentence.push_back(words[k].text);
        offsets.push_back(begin);
      }
      open_name = false;
    };
    size_t begin = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i > 0 && words[i].Is(ner::kSentenceStart)) {
        flush(begin, i);
        begin = i;
      }
      const Word& w = words[i];
      if ((w.Is(ner::kUpper) || w.Is(ner::kAllCaps)) && !named[i] && !w.In(res_->bits.term) &&
          !ner::IsCommonWord(*res_, w, lang) &&
          !(w.Is(ner::kSentenceStart) && w.Is(ner::kUpper) && !ner::IsGerman(lang)))
        open_name = true;
    }
    flush(begin, words.size());
    if (sentences.empty()) return;
    std::vector<std::vector<LabelSpan>> spans = tagger->TagDocumentSpans(sentences);
    for (size_t s = 0; s < spans.size() && s < sentences.size(); ++s) {
      for (const LabelSpan& span : spans[s]) {
        AddTaggerSpan(words, offsets[s] + span.begin, offsets[s] + span.end, span.type, lang, cands);
      }
    }
  }

  void AddTaggerSpan(const std::vector<Word>& words, size_t b, size_t e, const std::string& tag,
                     const std::string& lang, std::vector<Candidate>* cands) const {
    static const std::map<std::string, std::string> kTypes = {
        {"PER", "PERSON"}, {"ORG", "ORG"}, {"LOC", "LOC"}};
    auto type = kTypes.find(tag);
    if (type == kTypes.end() || e > words.size()) return;
    // Leading function words and titles are not part of the name ("The", "CEO").
    // Nor is a leading adjective ("Tunisian-born Abdellatif Kechiche").
    while (b < e && (words[b].In(res_->bits.stop) || ner::MatchTitle(*res_, words, b, lang, nullptr) > 0 ||
                     words[b].Is(ner::kPunct) || (e - b > 1 && LeadingGermanNoun(words[b], lang)) ||
                     (e - b > 1 && ner::IsCompoundAdjective(*res_, words[b]))))
      ++b;
    while (e > b && (words[e - 1].Is(ner::kPunct) || words[e - 1].Is(ner::kPossessive) ||
                     words[e - 1].In(res_->bits.stop) || words[e - 1].In(res_->bits.connector)))
      --e;
    if (b >= e) return;
    if (e - b == 1 && (ner::IsCommonWord(*res_, words[b], lang) || !words[b].Is(ner::kUpper))) return;
    // Technical terms and common words are not names ("HBM", "AI PCs", "KI-Chips").
    bool all_terms = true;
    for (size_t k = b; k < e; ++k) {
      const Word& w = words[k];
      size_t dash = w.text.find('-');
      bool term_head = dash != std::string_view::npos &&
                       (res_->lexicon.Mask(ner::FoldedHash(w.text.substr(0, dash))) & res_->bits.term);
      if (term_head) return;
      // "Moscow-based", "state-owned": an adjective, not part of a name.
      if (ner::IsCompoundAdjective(*res_, w)) return;
      bool common = w.In(res_->bits.term) || ner::IsCommonWord(*res_, w, lang);
      // A person's name has no common word in it ("Bett Tech"); an
      // organisation with a technical term in it needs an organisation word
      // at the end ("Samsung AI Center" is rare next to "Telco AI Platform").
      if (common && ner::SameText(type->second, "PERSON")) return;
      if (w.In(res_->bits.term) && ner::SameText(type->second, "ORG") &&
          !words[e - 1].In(res_->bits.org_suffix))
        return;
      all_terms = all_terms && common;
    }
    if (all_terms) return;
    Candidate c;
    c.first = static_cast<uint32_t>(b);
    c.last = static_cast<uint32_t>(e);
    c.start = words[b].start;
    c.end = words[e - 1].end;
    c.type = type->second;
    c.source = ner::Source::kTagger;
    cands->push_back(std::move(c));
  }

  // "Hacker-Kollektiv Anonymous", "Oligarchenbank KTB": a German common noun
  // in front of the name (noun list, noun ending, or a compound of a noun or
  // technical term).
  bool LeadingGermanNoun(const Word& w, const std::string& lang) const {
    if (!ner::IsGerman(lang) || w.Is(ner::kAllCaps)) return false;
    if (w.In(res_->bits.noun_de)) return true;
    std::string folded = ner::Fold(w.text);
    if (folded.size() >= 7 && res_->lexicon.EndsWithAny("noun_suffix_de", folded)) return true;
    size_t dash = w.text.find('-');
    if (dash == std::string_view::npos) return false;
    uint32_t head = res_->lexicon.Mask(ner::FoldedHash(w.text.substr(0, dash)));
    return (head & (res_->bits.noun_de | res_->bits.term)) != 0;
  }

  std::unique_ptr<ner::Resources> res_;
  std::map<std::string, std::unique_ptr<LazyTagger>> taggers_;
};

}  // namespace

StatusOr<std::unique_ptr<EntityRecognizer>> EntityRecognizer::Load(const std::string& data_dir) {
  return Load(data_dir, EntityOptions());
}

StatusOr<std::unique_ptr<EntityRecognizer>> EntityRecognizer::Load(const std::string& data_dir,
                                                                   const EntityOptions& options) {
  auto res = std::make_unique<ner::Resources>();
  std::string dir = data_dir + "/ner/";
  for (const char* f : kGazetteerFiles) PG_RETURN_IF_ERROR(res->gazetteer.AddFile(dir + f));
  PG_RETURN_IF_ERROR(res->lexicon.AddFile(dir + "lexicon.tsv"));
  PG_RETURN_IF_ERROR(res->titles.AddFile(dir + "titles.tsv"));
  res->ResolveBits();
  auto rec = std::make_unique<RuleAndTaggerRecognizer>(std::move(res));
  if (options.use_tagger) PG_RETURN_IF_ERROR(rec->LoadTaggers(data_dir));
  return std::unique_ptr<EntityRecognizer>(std::move(rec));
}

}  // namespace pactgraph
