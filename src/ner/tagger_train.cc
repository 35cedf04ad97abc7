#include "ner/tagger_train.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <memory>
#include <numeric>
#include <random>
#include <unordered_map>

#include "ner/tagger_decode.h"
#include "ner/tagger_features.h"

namespace pactgraph::tagger {
namespace {

struct TrainSentence {
  std::vector<std::string_view> words;
  std::vector<int> gold;
  std::vector<uint32_t> ids, offsets;  // static feature ids per token
};

struct TrainDoc {
  std::vector<TrainSentence> sentences;
  float weight = 1.0f;
};

// The copy of a feature key that fires only in source domain `domain`.
uint64_t DomainKey(uint64_t key, int domain) {
  uint64_t h = key ^ (0xd6e8feb86659fd93ULL * static_cast<uint64_t>(domain));
  h ^= h >> 32;
  h *= 0x9fb21c651e98df25ULL;
  h ^= h >> 29;
  return h | 1;
}

// Averaged perceptron weights with the lazy-averaging trick: the average is
// w - acc / steps, where acc sums step * update.
class Perceptron {
 public:
  // `exported` false: a training-only feature (a source domain's copy).
  uint32_t Id(uint64_t key, bool exported = true) {
    auto [it, inserted] = index_.emplace(key, static_cast<uint32_t>(keys_.size()));
    if (inserted) {
      keys_.push_back(key);
      exported_.push_back(exported);
      w_.resize(w_.size() + kNumLabels, 0.0f);
      acc_.resize(acc_.size() + kNumLabels, 0.0f);
    }
    return it->second;
  }
  void AddEmission(uint32_t id, float* row) const {
    const float* w = &w_[size_t{id} * kNumLabels];
    for (int y = 0; y < kNumLabels; ++y) row[y] += w[y];
  }
  void Update(uint32_t id, int label, float delta) {
    w_[size_t{id} * kNumLabels + label] += delta;
    acc_[size_t{id} * kNumLabels + label] += delta * static_cast<float>(steps_);
  }
  void UpdateTransition(int prev, int cur, float delta) {
    trans_[prev + 1][cur] += delta;
    trans_acc_[prev + 1][cur] += delta * static_cast<float>(steps_);
  }
  const Transitions& transitions() const { return trans_; }
  void Step() { ++steps_; }

  // The averaged model, without features whose weights are all tiny.
  void Export(float prune_below, TaggerModel* model) const {
    const float inv = 1.0f / static_cast<float>(steps_);
    std::vector<std::pair<uint64_t, LabelWeights>> entries;
    for (size_t f = 0; f < keys_.size(); ++f) {
      if (!exported_[f]) continue;
      LabelWeights avg;
      float biggest = 0;
      for (int y = 0; y < kNumLabels; ++y) {
        avg[y] = w_[f * kNumLabels + y] - acc_[f * kNumLabels + y] * inv;
        biggest = std::max(biggest, std::fabs(avg[y]));
      }
      if (biggest >= prune_below) entries.emplace_back(keys_[f], avg);
    }
    model->weights.Build(entries);
    for (int p = 0; p <= kNumLabels; ++p)
      for (int y = 0; y < kNumLabels; ++y) model->transition[p][y] = trans_[p][y] - trans_acc_[p][y] * inv;
  }
  size_t size() const { return keys_.size(); }

 private:
  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<uint64_t> keys_;
  std::vector<bool> exported_;
  std::vector<float> w_, acc_;
  Transitions trans_{}, trans_acc_{};
  long steps_ = 1;
};

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Calls add(tokens, class) for a span and, with `variants`, its derived forms.
template <typename AddFn>
void AddSpan(const std::vector<std::string>& tokens, int type, bool variants, AddFn add) {
  const uint8_t cls = static_cast<uint8_t>(1 << type);
  add(tokens, cls);
  if (!variants || tokens.empty()) return;
  const std::string& last = tokens.back();
  auto genitive = [&](std::vector<std::string> t) {
    std::string& w = t.back();
    if (w.size() < 3 || EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ß")) return;
    w += "s";
    add(t, cls);
  };
  const bool capitalised = std::isupper(static_cast<unsigned char>(last[0])) || (last[0] & 0x80);
  if (type == 0 && capitalised) {  // PER
    genitive(tokens);
    if (tokens.size() >= 2 && last.size() >= 3) {
      add({last}, cls);
      genitive({last});
    }
  } else if (type == 2 && capitalised) {  // LOC
    genitive(tokens);
  } else if (type == 3 && tokens.size() == 1) {  // MISC: adjectives in -isch
    static const char* const kEndings[] = {"e", "en", "er", "es", "em"};
    size_t pos = last.rfind("isch");
    if (pos == std::string::npos || pos < 2 || last.size() - pos > 6) return;
    std::string stem = last.substr(0, pos + 4);
    for (const char* e : kEndings) {
      if (stem + e == last) {
        for (const char* e2 : kEndings) {
          std::string form = stem + e2;
          add({form}, cls);
          if (form[0] >= 'a' && form[0] <= 'z') {
            form[0] = static_cast<char>(form[0] - 'a' + 'A');
            add({form}, cls);
          }
        }
        return;
      }
    }
  }
}

template <typename AddFn>
void ForEachSpan(const LabeledDocument& doc, bool variants, AddFn add) {
  for (const LabeledSentence& s : doc.sentences) {
    for (const LabelSpan& span : SpansFromLabels(s.labels)) {
      int type = -1;
      for (int t = 0; t < kNumTypes; ++t)
        if (span.type == kTypeNames[t]) type = t;
      if (type < 0 || span.end - span.begin > static_cast<size_t>(Gazetteer::kMaxLen)) continue;
      std::vector<std::string> tokens(s.words.begin() + span.begin, s.words.begin() + span.end);
      AddSpan(tokens, type, variants, add);
    }
  }
}

void AddEntities(const LabeledDocument& doc, bool variants, Gazetteer* gaz) {
  ForEachSpan(doc, variants,
              [&](const std::vector<std::string>& tokens, uint8_t cls) { gaz->Add(tokens, cls); });
}

}  // namespace

void AddSpanPhrases(const std::vector<LabeledDocument>& docs, bool variants,
                    std::vector<GazetteerPhrase>* out) {
  for (const LabeledDocument& d : docs)
    ForEachSpan(d, variants, [&](const std::vector<std::string>& tokens, uint8_t cls) {
      out->push_back({tokens, cls});
    });
}

namespace {

Gazetteer BuildGazetteer(const std::vector<LabeledDocument>& train,
                         const std::vector<GazetteerPhrase>& external, int skip_fold, int folds,
                         bool variants) {
  Gazetteer gaz;
  for (const GazetteerPhrase& p : external) gaz.Add(p.tokens, p.classes);
  for (size_t d = 0; d < train.size(); ++d) {
    if (folds > 1 && static_cast<int>(d % folds) == skip_fold) continue;
    AddEntities(train[d], variants, &gaz);
  }
  return gaz;
}

std::vector<TrainDoc> Prepare(const std::vector<LabeledDocument>& train,
                              const std::vector<Gazetteer>& fold_gaz, const WordClusters& clusters, int folds,
                              Perceptron* perceptron) {
  std::vector<TrainDoc> docs(train.size());
  SentenceFeatures feats;
  for (size_t d = 0; d < train.size(); ++d) {
    const Gazetteer& gaz = fold_gaz[folds > 1 ? d % folds : 0];
    FeatureResources res{&gaz, clusters.size() ? &clusters : nullptr};
    DocContext ctx;
    docs[d].weight = train[d].weight;
    for (const LabeledSentence& s : train[d].sentences) {
      ctx.ScanSentence(std::vector<std::string_view>(s.words.begin(), s.words.end()));
    }
    for (const LabeledSentence& s : train[d].sentences) {
      TrainSentence ts;
      ts.words.assign(s.words.begin(), s.words.end());
      ts.gold = BilouFromIob(s.labels);
      ExtractStaticFeatures(ts.words, res, ctx, &feats);
      const int domain = train[d].domain;
      ts.ids.reserve(feats.keys.size() * (domain > 0 ? 2 : 1));
      ts.offsets.assign(1, 0);
      for (size_t i = 0; i + 1 < feats.offsets.size(); ++i) {
        for (uint32_t j = feats.offsets[i]; j < feats.offsets[i + 1]; ++j) {
          ts.ids.push_back(perceptron->Id(feats.keys[j]));
          if (domain > 0) ts.ids.push_back(perceptron->Id(DomainKey(feats.keys[j], domain), false));
        }
        ts.offsets.push_back(static_cast<uint32_t>(ts.ids.size()));
      }
      docs[d].sentences.push_back(std::move(ts));
    }
  }
  return docs;
}

// One perceptron step on one sentence; returns the predicted labels.
// `weight` scales the update (down-weighted silver data, up-weighted in-domain data).
std::vector<int> TrainSentenceStep(const TrainSentence& s, const DocContext& history, float weight,
                                   Perceptron* p) {
  const size_t n = s.words.size();
  std::vector<float> em(n * kNumLabels, 0.0f);
  std::vector<std::vector<uint32_t>> dynamic(n);
  std::vector<uint64_t> keys;
  for (size_t i = 0; i < n; ++i) {
    float* row = &em[i * kNumLabels];
    for (uint32_t j = s.offsets[i]; j < s.offsets[i + 1]; ++j) p->AddEmission(s.ids[j], row);
    keys.clear();
    AppendHistoryFeatures(s.words, i, history, &keys);
    for (uint64_t key : keys) {
      dynamic[i].push_back(p->Id(key));
      p->AddEmission(dynamic[i].back(), row);
    }
  }
  std::vector<int> pred;
  Viterbi(em, n, p->transitions(), &pred);
  if (pred != s.gold) {
    for (size_t i = 0; i < n; ++i) {
      int prev_gold = i ? s.gold[i - 1] : -1, prev_pred = i ? pred[i - 1] : -1;
      if (prev_gold != prev_pred || s.gold[i] != pred[i]) {
        p->UpdateTransition(prev_gold, s.gold[i], weight);
        p->UpdateTransition(prev_pred, pred[i], -weight);
      }
      if (s.gold[i] == pred[i]) continue;
      auto update = [&](uint32_t id) {
        p->Update(id, s.gold[i], weight);
        p->Update(id, pred[i], -weight);
      };
      for (uint32_t j = s.offsets[i]; j < s.offsets[i + 1]; ++j) update(s.ids[j]);
      for (uint32_t id : dynamic[i]) update(id);
    }
  }
  p->Step();
  return pred;
}

// Fits confidence = sigmoid(a * margin + b) to whether dev spans are right
// (logistic regression by Newton's method on two parameters).
void CalibrateConfidence(const TaggerModel& model, const std::vector<LabeledDocument>& dev,
                         TaggerModel* out) {
  std::vector<std::pair<double, double>> points;  // (margin, correct)
  std::vector<int> labels;
  std::vector<float> em, margins;
  std::vector<std::string> names;
  for (const LabeledDocument& doc : dev) {
    for (const LabeledSentence& s : doc.sentences) {
      std::vector<std::string_view> words(s.words.begin(), s.words.end());
      DocContext ctx;
      ctx.ScanSentence(words);
      DecodeSentence(model, words, ctx, &labels, &em);
      TokenMargins(em, words.size(), model.transition, labels, &margins);
      names.clear();
      for (int y : labels) names.emplace_back(Iob2Name(y));
      std::vector<LabelSpan> gold = SpansFromLabels(s.labels);
      for (const LabelSpan& span : SpansFromLabels(names)) {
        float m = margins[span.begin];
        for (size_t i = span.begin; i <= span.end && i < words.size(); ++i) m = std::min(m, margins[i]);
        bool right = std::any_of(gold.begin(), gold.end(), [&](const LabelSpan& g) {
          return g.begin == span.begin && g.end == span.end && g.type == span.type;
        });
        points.emplace_back(std::min(m, 50.0f), right ? 1.0 : 0.0);
      }
    }
  }
  if (points.size() < 20) return;
  double a = 0, b = 0;
  FitConfidenceCurve(points, &a, &b);
  out->conf_a = static_cast<float>(a);
  out->conf_b = static_cast<float>(b);
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

void FitConfidenceCurve(const std::vector<std::pair<double, double>>& points, double* a_out, double* b_out) {
  // Newton steps with a small ridge term and step halving: without them the
  // fit ran away to |a| ~ 1e10 on nearly separable German dev data.
  auto loss = [&](double a, double b) {
    double l = 1e-3 * (a * a + b * b);
    for (auto [m, y] : points) {
      double z = a * m + b;
      l += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - y * z;
    }
    return l;
  };
  double a = 0.1, b = 0.0, current = loss(a, b);
  for (int it = 0; it < 50; ++it) {
    double ga = 2e-3 * a, gb = 2e-3 * b, haa = 2e-3, hab = 0, hbb = 2e-3;
    for (auto [m, y] : points) {
      double p = 1.0 / (1.0 + std::exp(-(a * m + b)));
      double r = p - y, w = p * (1 - p);
      ga += r * m;
      gb += r;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    double det = haa * hbb - hab * hab;
    if (std::fabs(det) < 1e-12) break;
    double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    double step = 1.0, next = loss(a - da, b - db);
    while (next > current && step > 1e-4) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    bool done = current - next < 1e-9 * (1 + current);
    current = next;
    if (done) break;
  }
  *a_out = a;
  *b_out = b;
}

SpanScorer Evaluate(const NerTagger& tagger, const std::vector<LabeledDocument>& docs) {
  SpanScorer scorer;
  for (const LabeledDocument& doc : docs) {
    std::vector<std::vector<std::string_view>> sentences;
    for (const LabeledSentence& s : doc.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
    std::vector<std::vector<std::string>> predicted = tagger.TagDocument(sentences);
    for (size_t i = 0; i < doc.sentences.size(); ++i) scorer.Add(doc.sentences[i].labels, predicted[i]);
  }
  return scorer;
}

StatusOr<TaggerModel> TrainTagger(const std::vector<LabeledDocument>& train,
                                  const std::vector<LabeledDocument>& dev, WordClusters clusters,
                                  const std::vector<GazetteerPhrase>& external, const TrainOptions& options,
                                  std::ostream* log, TrainReport* report) {
  if (train.empty()) return Status::InvalidArgument("no training documents");
  auto start = std::chrono::steady_clock::now();
  const int folds = std::max(1, options.gazetteer_folds);
  std::vector<Gazetteer> fold_gaz;
  for (int f = 0; f < folds; ++f)
    fold_gaz.push_back(
        BuildGazetteer(train, external, folds > 1 ? f : -1, folds, options.gazetteer_variants));

  Perceptron perceptron;
  std::vector<TrainDoc> docs = Prepare(train, fold_gaz, clusters, folds, &perceptron);
  if (log)
    *log << "prepared " << docs.size() << " documents, " << perceptron.size() << " features in "
         << Seconds(start) << " s\n";

  auto make_model = [&]() {
    auto m = std::make_shared<TaggerModel>();
    m->lang = options.lang;
    m->description = options.description;
    m->clusters = clusters;
    m->gazetteer = BuildGazetteer(train, external, -1, 1, options.gazetteer_variants);
    perceptron.Export(options.prune_below, m.get());
    return m;
  };

  std::vector<size_t> order(docs.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(options.seed);
  std::shared_ptr<TaggerModel> best;
  double best_f1 = -1;
  int since_best = 0;
  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t d : order) {
      DocContext history;
      for (const TrainSentence& s : docs[d].sentences)
        history.Record(s.words, TrainSentenceStep(s, history, docs[d].weight, &perceptron));
    }
    std::shared_ptr<TaggerModel> model = make_model();
    double f1 = 0;
    if (!dev.empty()) f1 = Evaluate(NerTagger(model), dev).overall().F1();
    if (log) {
      *log << "epoch " << epoch << ": dev F1 " << f1;
      for (const auto* m : options.monitor) *log << ", monitor F1 " << Evaluate(NerTagger(model), *m).overall().F1();
      *log << ", " << model->weights.size() << " features kept, " << Seconds(start) << " s\n";
    }
    if (dev.empty() || f1 > best_f1) {
      best = model;
      best_f1 = f1;
      since_best = 0;
      if (report) *report = {epoch, f1};
    } else if (++since_best >= options.patience) {
      break;
    }
  }
  if (!dev.empty()) CalibrateConfidence(*best, dev, best.get());
  return std::move(*best);
}

}  // namespace pactgraph::tagger
