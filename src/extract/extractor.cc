#include "pactgraph/extractor.h"

#include <cstdlib>

#include "clean/clean.h"
#include "events/events.h"
#include "input/decode.h"
#include "lang/lang.h"
#include "money/money.h"
#include "ner/entities.h"
#include "segment/segment.h"
#include "time/timex.h"
#include "util/hash.h"

#ifndef PACTGRAPH_DEFAULT_DATA_DIR
#define PACTGRAPH_DEFAULT_DATA_DIR "data"
#endif

namespace pactgraph {
namespace {

std::string ResolveDataDir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("PACTGRAPH_DATA"); env && *env) return env;
  return PACTGRAPH_DEFAULT_DATA_DIR;
}

Mention MakeMention(const OffsetText& text, TextRange r) {
  return Mention{text.ToInput(r.start, r.end), text.text().substr(r.start, r.end - r.start)};
}

class PipelineExtractor : public Extractor {
 public:
  PipelineExtractor(ExtractorOptions options, std::unique_ptr<EntityRecognizer> ner,
                    std::unique_ptr<EventExtractor> events)
      : options_(std::move(options)), ner_(std::move(ner)), events_(std::move(events)) {}

  StatusOr<Extraction> Extract(const Article& article) const override {
    if (article.bytes.size() > options_.max_bytes) {
      return Status::InvalidArgument("input is " + std::to_string(article.bytes.size()) +
                                     " bytes, over the limit of " + std::to_string(options_.max_bytes));
    }
    StatusOr<Decoded> decoded = Decode(article.bytes);
    if (!decoded.ok()) return decoded.status();

    CleanDoc clean = article.format == InputFormat::kHtml ? CleanHtml(decoded->text)
                                                          : CleanPlainText(decoded->text);
    // Mapping the cleaned text through an identity decoding would change no origin.
    OffsetText text = decoded->identity ? std::move(clean.text) : clean.text.ComposedWith(decoded->text);

    Extraction out;
    DocInfo& doc = out.doc;
    doc.source = article.source;
    doc.url = article.url;
    doc.id = article.id.empty() ? ContentId(article.bytes) : article.id;
    doc.encoding = decoded->encoding;
    doc.title = clean.title;
    doc.published = !article.published.empty() ? article.published : clean.published;
    if (decoded->replaced > 0) {
      out.warnings.push_back(std::to_string(decoded->replaced) + " invalid byte sequence(s) replaced");
    }
    LangGuess lang = DetectLanguage(text.text());
    doc.lang = lang.code;
    doc.lang_confidence = lang.confidence;
    if (options_.keep_text) doc.text = text.text();

    if (Status st = ner_->Prepare(doc.lang); !st.ok()) return st;
    Segmented seg = Segment(text.text(), doc.lang);
    EntityResult ents = ner_->Recognize(text.text(), seg, doc.lang);
    // Without a publication date, relative dates resolve against the date the text itself establishes.
    std::string anchor = !doc.published.empty() ? doc.published : InferAnchor(text.text(), doc.lang);
    std::vector<Timex> timexes = FindTimexes(text.text(), doc.lang, anchor);
    std::vector<Money> money = FindMoney(text.text(), doc.lang);
    EventInput in{text.text(), &seg, doc.lang, doc.published, &ents, &timexes, &money};
    std::vector<DocEvent> events = events_->Extract(in);

    auto eid = [](long i) { return "e" + std::to_string(i + 1); };
    for (size_t i = 0; i < ents.entities.size(); ++i) {
      const DocEntity& de = ents.entities[i];
      Entity e{eid(static_cast<long>(i)), de.type, de.name, {}};
      for (TextRange r : de.mentions) e.mentions.push_back(MakeMention(text, r));
      out.entities.push_back(std::move(e));
    }
    for (const DocRole& r : ents.roles) {
      out.roles.push_back(Role{eid(static_cast<long>(r.person)), eid(static_cast<long>(r.org)), r.title,
                               text.ToInput(r.evidence.start, r.evidence.end)});
    }
    for (const DocEvent& de : events) {
      Event e;
      e.type = de.type;
      for (size_t p : de.participants) e.participants.push_back(eid(static_cast<long>(p)));
      if (de.from >= 0) e.from = eid(de.from);
      if (de.to >= 0) e.to = eid(de.to);
      if (de.place >= 0) e.place = eid(de.place);
      e.date = de.date;
      e.amount = de.amount;
      e.status = de.status;
      e.topics = de.topics;
      for (TextRange r : de.evidence) e.evidence.push_back(text.ToInput(r.start, r.end));
      out.events.push_back(std::move(e));
    }
    return out;
  }

 private:
  ExtractorOptions options_;
  std::unique_ptr<EntityRecognizer> ner_;
  std::unique_ptr<EventExtractor> events_;
};

}  // namespace

StatusOr<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  ExtractorOptions opts = options;
  opts.data_dir = ResolveDataDir(options.data_dir);
  auto ner = EntityRecognizer::Load(opts.data_dir);
  if (!ner.ok()) return ner.status();
  auto events = EventExtractor::Load(opts.data_dir);
  if (!events.ok()) return events.status();
  return std::unique_ptr<Extractor>(
      new PipelineExtractor(std::move(opts), std::move(ner).value(), std::move(events).value()));
}

}  // namespace pactgraph
