#include "ner/tagger.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "ner/tagger_decode.h"
#include "ner/tagger_features.h"
#include "ner/tagger_model.h"

namespace pactgraph {
namespace {

using tagger::kNumLabels;

// Per-label scores of every token: its word rows in role order, its shape
// rows, then the weights of its other context keys and of its history keys
// as the keys come (the order DecodeFeatures describes).
void Emissions(const tagger::TaggerModel& m, const std::vector<std::string_view>& words,
               const tagger::DocContext& doc, std::vector<float>* em) {
  using tagger::kNumWordRoles;
  const size_t n = words.size();
  thread_local tagger::DecodeFeatures feats;
  tagger::ExtractDecodeFeatures(words, m, doc, &feats);
  em->resize(n * kNumLabels);
  // History keys of every token: hist[hist_ends[i]..hist_ends[i + 1]).
  thread_local std::vector<uint64_t> hist;
  thread_local std::vector<uint32_t> hist_ends;
  hist.clear();
  hist_ends.assign(1, 0);
  for (size_t i = 0; i < n; ++i) {
    tagger::AppendHistoryFeatures(words, i, doc, &hist);
    hist_ends.push_back(static_cast<uint32_t>(hist.size()));
  }
  // rows[0..s): the context keys' weights, rows[s..): the history keys'.
  const tagger::SentenceFeatures& ctx = feats.context;
  const size_t s = ctx.keys.size();
  thread_local std::vector<const float*> rows;
  rows.resize(s + hist.size());
  m.weights.FindAll(ctx.keys.data(), s, rows.data());
  m.weights.FindAll(hist.data(), hist.size(), rows.data() + s);
  for (size_t i = 0; i < n; ++i) {
    tagger::LabelSum sum;
    for (int r = 0; r < kNumWordRoles; ++r) {
      const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + tagger::kWordRoleOffset[r];
      sum.Add(j >= 0 && j < static_cast<std::ptrdiff_t>(n) ? feats.word_rows[j] + r * kNumLabels
                                                           : &feats.edge_rows[r * kNumLabels]);
    }
    for (int k = 0; k < tagger::kMaxShapeRows; ++k) {
      if (const float* w = feats.shape_rows[i * tagger::kMaxShapeRows + k]) sum.Add(w);
    }
    auto add = [&](size_t begin, size_t end) {
      for (size_t j = begin; j < end; ++j) {
        if (const float* w = rows[j]) sum.Add(w);
      }
    };
    add(ctx.offsets[i], ctx.offsets[i + 1]);
    add(s + hist_ends[i], s + hist_ends[i + 1]);
    sum.Store(&(*em)[i * kNumLabels]);
  }
}

struct Decoded {
  std::vector<int> labels;
  std::vector<float> emissions;
};

Decoded DecodeFull(const tagger::TaggerModel& m, const std::vector<std::string_view>& words,
                   const tagger::DocContext& doc) {
  Decoded d;
  tagger::DecodeSentence(m, words, doc, &d.labels, &d.emissions);
  return d;
}

std::vector<std::string> LabelNames(const std::vector<int>& labels) {
  std::vector<std::string> out;
  out.reserve(labels.size());
  for (int y : labels) out.emplace_back(tagger::Iob2Name(y));
  return out;
}

}  // namespace

namespace tagger {

void DecodeSentence(const TaggerModel& model, const std::vector<std::string_view>& words,
                    const DocContext& doc, std::vector<int>* labels, std::vector<float>* emissions) {
  thread_local std::vector<float> local;
  std::vector<float>& em = emissions ? *emissions : local;
  Emissions(model, words, doc, &em);
  Viterbi(em, words.size(), model.transition, labels);
}

}  // namespace tagger

StatusOr<std::unique_ptr<NerTagger>> NerTagger::Load(const std::string& model_path) {
  StatusOr<tagger::TaggerModel> model = tagger::LoadModel(model_path);
  if (!model.ok()) return model.status();
  return std::make_unique<NerTagger>(std::make_shared<const tagger::TaggerModel>(std::move(model).value()));
}

Status NerTagger::Check(const std::string& model_path) { return tagger::CheckModelFile(model_path); }

NerTagger::NerTagger(std::shared_ptr<const tagger::TaggerModel> model) : model_(std::move(model)) {}
NerTagger::~NerTagger() = default;

std::vector<std::string> NerTagger::Tag(const std::vector<std::string_view>& words) const {
  tagger::DocContext doc;
  doc.ScanSentence(words);
  return LabelNames(DecodeFull(*model_, words, doc).labels);
}

std::vector<TaggedSpan> NerTagger::TagSpans(const std::vector<std::string_view>& words) const {
  tagger::DocContext doc;
  doc.ScanSentence(words);
  Decoded d = DecodeFull(*model_, words, doc);
  std::vector<float> margins;
  tagger::TokenMargins(d.emissions, words.size(), model_->transition, d.labels, &margins);
  std::vector<TaggedSpan> spans;
  for (const LabelSpan& s : SpansFromLabels(LabelNames(d.labels))) {
    float margin = margins[s.begin];
    for (size_t i = s.begin; i <= s.end && i < words.size(); ++i) margin = std::min(margin, margins[i]);
    float z = model_->conf_a * margin + model_->conf_b;
    spans.push_back({s.begin, s.end, s.type, 1.0f / (1.0f + std::exp(-z))});
  }
  return spans;
}

namespace {

// Calls f(labels) with the BILOU label ids of each sentence in turn, each
// sentence's decision informing the next ones'.
template <typename F>
void ForEachTaggedSentence(const tagger::TaggerModel& model,
                           const std::vector<std::vector<std::string_view>>& sentences, F f) {
  tagger::DocContext doc;
  doc.Scan(sentences);
  std::vector<int> labels;
  for (const auto& words : sentences) {
    tagger::DecodeSentence(model, words, doc, &labels, nullptr);
    doc.Record(words, labels);
    f(labels);
  }
}

}  // namespace

std::vector<std::vector<std::string>> NerTagger::TagDocument(
    const std::vector<std::vector<std::string_view>>& sentences) const {
  std::vector<std::vector<std::string>> out;
  out.reserve(sentences.size());
  ForEachTaggedSentence(*model_, sentences,
                        [&out](const std::vector<int>& labels) { out.push_back(LabelNames(labels)); });
  return out;
}

std::vector<std::vector<LabelSpan>> NerTagger::TagDocumentSpans(
    const std::vector<std::vector<std::string_view>>& sentences) const {
  std::vector<std::vector<LabelSpan>> out;
  out.reserve(sentences.size());
  ForEachTaggedSentence(*model_, sentences,
                        [&out](const std::vector<int>& labels) { out.push_back(SpansFromLabelIds(labels)); });
  return out;
}

std::vector<LabelSpan> SpansFromLabelIds(const std::vector<int>& labels) {
  // As SpansFromLabels on the IOB2 names: B-X (from B and U) opens a span,
  // I-X (from I and L) continues an open span of type X, or opens one.
  std::vector<LabelSpan> spans;
  int open = -1;  // the open span's type
  for (size_t i = 0; i < labels.size(); ++i) {
    const int type = tagger::LabelType(labels[i]);
    const int part = type >= 0 ? tagger::LabelPartOf(labels[i]) : -1;
    const bool inside = part == tagger::kInside || part == tagger::kLast;
    const bool continues = open >= 0 && inside && open == type;
    if (open >= 0 && !continues) {
      spans.back().end = i;
      open = -1;
    }
    if (type >= 0 && !continues) {
      spans.push_back({i, labels.size(), tagger::kTypeNames[type]});
      open = type;
    }
  }
  return spans;
}

std::string NerModelPath(const std::string& data_dir, const std::string& lang) {
  std::string dir = data_dir;
  if (dir.empty()) {
    const char* env = std::getenv("PACTGRAPH_DATA");
    dir = env && *env ? env : PACTGRAPH_DEFAULT_DATA_DIR;
  }
  return dir + "/ner/" + lang + ".model";
}

std::vector<LabelSpan> SpansFromLabels(const std::vector<std::string>& labels) {
  std::vector<LabelSpan> spans;
  bool open = false;
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& l = labels[i];
    bool outside = l.size() < 3 || l[1] != '-' || (l[0] != 'B' && l[0] != 'I');
    std::string type = outside ? "" : l.substr(2);
    bool continues = open && !outside && l[0] == 'I' && spans.back().type == type;
    if (open && !continues) {
      spans.back().end = i;
      open = false;
    }
    if (!outside && !continues) {
      spans.push_back({i, labels.size(), type});
      open = true;
    }
  }
  return spans;
}

}  // namespace pactgraph
