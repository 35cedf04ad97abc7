#include "ner/tagger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "ner/tagger_corpus.h"
#include "ner/tagger_decode.h"
#include "ner/tagger_features.h"
#include "ner/tagger_model.h"
#include "ner/tagger_test_util.h"
#include "ner/tagger_train.h"

namespace pactgraph::tagger {
namespace {

std::vector<LabeledDocument> TinyCorpus() {
  std::vector<LabeledDocument> docs(3);
  docs[0].sentences = {Sent("Angela Merkel visited Paris on Monday .", "B-PER I-PER O B-LOC O O O"),
                       Sent("Siemens said profits rose .", "B-ORG O O O O")};
  docs[1].sentences = {Sent("John Smith works for Siemens in Berlin .", "B-PER I-PER O O B-ORG O B-LOC O"),
                       Sent("The Olympic Games start soon .", "O B-MISC I-MISC O O O")};
  docs[2].sentences = {
      Sent("Reuters reported that Paris and Berlin agreed .", "B-ORG O O B-LOC O B-LOC O O")};
  return docs;
}

TaggerModel TrainTiny() {
  TrainOptions options;
  options.max_epochs = 10;
  options.gazetteer_folds = 1;
  options.prune_below = 0.0f;
  auto model = TrainTagger(TinyCorpus(), {}, WordClusters(), {}, options, nullptr);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return std::move(model).value();
}

std::vector<std::string_view> Views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("pactgraph_tagger_test_" + name)).string();
}

TEST(TaggerTrainTest, TinyTrainingRunLearnsItsSentences) {
  auto model = std::make_shared<const TaggerModel>(TrainTiny());
  NerTagger tagger(model);
  for (const LabeledDocument& doc : TinyCorpus()) {
    for (const LabeledSentence& s : doc.sentences) {
      EXPECT_EQ(tagger.Tag(Views(s.words)), s.labels) << s.words[0];
    }
  }
}

TEST(TaggerModelTest, SaveLoadRoundTripTagsIdentically) {
  TaggerModel original = TrainTiny();
  original.clusters.Add("Paris", {3, 17});
  original.gazetteer.Add({"New", "York"}, Gazetteer::kLoc);
  std::string path = TempPath("roundtrip.model");
  ASSERT_TRUE(SaveModel(original, path).ok());
  auto loaded = LoadModel(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->lang, original.lang);
  EXPECT_EQ(loaded->weights.size(), original.weights.size());
  EXPECT_EQ(loaded->clusters.size(), 1u);
  EXPECT_EQ(loaded->gazetteer.size(), original.gazetteer.size());
  for (const auto& [key, w] : original.weights.Entries()) {
    const float* lw = loaded->weights.Find(key);
    ASSERT_NE(lw, nullptr);
    for (int y = 0; y < kNumLabels; ++y) EXPECT_FLOAT_EQ(lw[y], w[y]);
  }
  for (int p = 0; p <= kNumLabels; ++p)
    for (int y = 0; y < kNumLabels; ++y) EXPECT_FLOAT_EQ(loaded->transition[p][y], original.transition[p][y]);
  NerTagger a(std::make_shared<const TaggerModel>(std::move(original)));
  auto b = NerTagger::Load(path);
  ASSERT_TRUE(b.ok());
  std::vector<std::string> words = {"Merkel", "flew", "to", "New", "York", "with", "Smith", "."};
  EXPECT_EQ(a.Tag(Views(words)), (*b)->Tag(Views(words)));
  std::remove(path.c_str());
}

TEST(TaggerFeaturesTest, WordCacheFollowsTheModelsClusters) {
  // The per-thread word cache must give what a cold thread computes, also
  // when sentences alternate between two models' cluster tables.
  WordClusters a, b;
  a.Add("Paris", {3, 17});
  b.Add("Paris", {5, 9});
  b.Add("visited", {2, 4});
  std::vector<std::string> text = {"Merkel", "visited", "Paris", "and", "PARIS", "."};
  std::vector<std::string_view> words = Views(text);
  auto keys = [&](const WordClusters* c) {
    DocContext doc;
    doc.ScanSentence(words);
    SentenceFeatures f;
    ExtractStaticFeatures(words, FeatureResources{nullptr, c}, doc, &f);
    return std::vector<uint64_t>(f.keys.begin(), f.keys.end());
  };
  std::vector<uint64_t> cold_a, cold_b;
  std::thread([&] { cold_a = keys(&a); }).join();
  std::thread([&] { cold_b = keys(&b); }).join();
  EXPECT_NE(cold_a, cold_b);
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(keys(&a), cold_a);
    EXPECT_EQ(keys(&b), cold_b);
    EXPECT_EQ(keys(nullptr), keys(nullptr));
  }
}

// A tiny model with word clusters and the German feature block on, so that
// every feature template has weights.
TaggerModel TrainTinyWithExtras() {
  TrainOptions options;
  options.max_epochs = 10;
  options.gazetteer_folds = 1;
  options.prune_below = 0.0f;
  WordClusters clusters;
  std::vector<std::vector<std::string_view>> text;
  std::vector<LabeledDocument> corpus = TinyCorpus();
  for (const LabeledDocument& d : corpus)
    for (const LabeledSentence& s : d.sentences) text.push_back(Views(s.words));
  AddExtraFeatureEntries(text, &clusters);
  clusters.Add("Paris", {3, 17});
  clusters.Add("Berlin", {3, 18});
  clusters.Add("visited", {2, 4});
  auto model = TrainTagger(corpus, {}, clusters, {}, options, nullptr);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return std::move(model).value();
}

std::vector<std::vector<std::string>> DecodeTestSentences() {
  return {{"Angela", "Merkel", "visited", "Paris", "and", "Berlin", "."},
          {"Siemens-Chef", "John", "Smith", "visited", "Siemens", "in", "Paris", "and", "Paris", "."},
          {"Supercalifragilisticexpialidocious-Werke", "said", "profits", "rose", "."},
          {"Reuters"},
          {"PARIS", "(", "Reuters", ")", "-", "The", "Olympic", "Games", "start", "soon", "."}};
}

// The emissions DecodeSentence gives a sentence alone (its own document).
std::vector<float> DecodeEmissions(const TaggerModel& model, const std::vector<std::string>& text) {
  std::vector<std::string_view> words = Views(text);
  DocContext doc;
  doc.ScanSentence(words);
  std::vector<int> labels;
  std::vector<float> em;
  DecodeSentence(model, words, doc, &labels, &em);
  return em;
}

TEST(TaggerDecodeTest, WordRowsAddUpToTheStaticFeatures) {
  // Decoding adds up a token's static features as word rows plus context
  // keys; the sum must be that of ExtractStaticFeatures' keys, so the two
  // cannot drift apart.
  for (const TaggerModel& model : {TrainTiny(), TrainTinyWithExtras()}) {
    ASSERT_EQ(model.cache_id, 0u);
    for (const auto& text : DecodeTestSentences()) {
      std::vector<std::string_view> words = Views(text);
      DocContext doc;
      doc.ScanSentence(words);
      const std::vector<float> em = DecodeEmissions(model, text);
      SentenceFeatures feats;
      FeatureResources res{&model.gazetteer, model.clusters.size() ? &model.clusters : nullptr};
      ExtractStaticFeatures(words, res, doc, &feats);
      size_t known = 0;
      for (size_t i = 0; i < words.size(); ++i) {
        std::vector<uint64_t> keys(feats.keys.begin() + feats.offsets[i],
                                   feats.keys.begin() + feats.offsets[i + 1]);
        AppendHistoryFeatures(words, i, doc, &keys);
        float sum[kNumLabels] = {};
        for (uint64_t key : keys) {
          if (const float* w = model.weights.Find(key)) {
            ++known;
            for (int y = 0; y < kNumLabels; ++y) sum[y] += w[y];
          }
        }
        for (int y = 0; y < kNumLabels; ++y) EXPECT_NEAR(em[i * kNumLabels + y], sum[y], 1e-3) << text[i];
      }
      EXPECT_GT(known, 5 * words.size()) << text[0];
    }
  }
}

TEST(TaggerDecodeTest, CachedWordRowsAreExactlyTheComputedOnes) {
  // A loaded model's word rows come from a per-thread cache keyed by the
  // model; whatever the cache holds, emissions must equal, float for float,
  // those of the same model decoded without the cache. Two models
  // alternate on one thread, and two forms that share a cache slot occur in
  // one sentence.
  std::vector<TaggerModel> originals;
  originals.push_back(TrainTiny());
  originals.push_back(TrainTinyWithExtras());
  std::vector<TaggerModel> loaded, uncached;
  for (size_t m = 0; m < originals.size(); ++m) {
    std::string path = TempPath("cache" + std::to_string(m) + ".model");
    ASSERT_TRUE(SaveModel(originals[m], path).ok());
    auto model = LoadModel(path);
    std::remove(path.c_str());
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    ASSERT_NE(model->cache_id, 0u);
    loaded.push_back(*model);
    uncached.push_back(*model);
    uncached.back().cache_id = 0;
  }
  EXPECT_NE(loaded[0].cache_id, loaded[1].cache_id);
  // Two short forms with the same low 16 hash bits (the same slot of a
  // direct-mapped cache of up to 65,536 slots) and different features.
  std::vector<std::string> clash;
  std::unordered_map<uint64_t, std::string> names;
  for (int k = 0; k < 2000; ++k)
    names.emplace(Fnv1a64("Merkel" + std::to_string(k)) & 0xffff, "Merkel" + std::to_string(k));
  for (int k = 0; clash.empty(); ++k) {
    std::string w = "w" + std::to_string(k);
    auto it = names.find(Fnv1a64(w) & 0xffff);
    if (it != names.end()) clash = {it->second, w};
  }
  std::vector<std::vector<std::string>> sentences = DecodeTestSentences();
  sentences.push_back({clash[0], "visited", "Paris"});
  sentences.push_back({clash[0], clash[1], "Paris", clash[0], clash[1]});
  for (int round = 0; round < 3; ++round) {
    for (size_t m = 0; m < loaded.size(); ++m) {
      for (const auto& text : sentences) {
        EXPECT_EQ(DecodeEmissions(loaded[m], text), DecodeEmissions(uncached[m], text))
            << "model " << m << ": " << text[0];
      }
    }
  }
}

TEST(LabelSumTest, AddsEachLabelInOrderLikeAPlainLoop) {
  // The vector sum must give the same floats as adding row after row one
  // label at a time (the decoder's scores, and so its output, depend on it).
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> weight(-3.0f, 3.0f);
  for (int trial = 0; trial < 50; ++trial) {
    LabelSum sum;
    float plain[kNumLabels] = {};
    for (int r = 0; r < 1 + trial % 13; ++r) {
      float row[kNumLabels];
      for (float& w : row) w = weight(rng) * (r % 3 == 0 ? 1e-4f : 1.0f);
      sum.Add(row);
      for (int y = 0; y < kNumLabels; ++y) plain[y] += row[y];
    }
    float out[kNumLabels];
    sum.Store(out);
    for (int y = 0; y < kNumLabels; ++y) ASSERT_EQ(out[y], plain[y]) << "trial " << trial << " label " << y;
  }
}

TEST(KeyFilterTest, NeverRejectsAnAddedKeyAndRejectsMostOthers) {
  std::mt19937_64 rng(7);
  for (size_t sized_for : {size_t{0}, size_t{100}, size_t{20000}}) {
    KeyFilter f;
    f.Reset(sized_for);
    std::vector<uint64_t> added(20000);
    for (uint64_t& k : added) {
      k = rng();
      f.Add(k);
    }
    for (uint64_t k : added) ASSERT_TRUE(f.MayContain(k)) << "sized for " << sized_for;
    if (sized_for < added.size()) continue;  // overfull: allowed to say "maybe" to everything
    size_t maybe = 0;
    for (int i = 0; i < 20000; ++i) maybe += f.MayContain(rng());
    EXPECT_LT(maybe, 20000u / 10);  // about 5% at 8 bits per key
  }
}

TEST(TaggerModelTest, LoadedModelTagsButCannotBeSaved) {
  // LoadModel keeps only the lookup tables; saving needs the word lists.
  std::string path = TempPath("tagging-only.model");
  TaggerModel original = TrainTiny();
  original.clusters.Add("Paris", {3, 17});
  ASSERT_TRUE(SaveModel(original, path).ok());
  auto loaded = LoadModel(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->tagging_only);
  EXPECT_EQ(loaded->clusters.Find(Fnv1a64("Paris"), Fnv1a64("paris")).fine, 17);
  Status st = SaveModel(*loaded, path + ".copy");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("loaded for tagging"), std::string::npos) << st.message();
  std::remove(path.c_str());
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

TEST(TaggerModelTest, RejectsBadFilesWithClearMessages) {
  std::string path = TempPath("bad.model");
  WriteFile(path, "hello world\n");
  auto r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a pactgraph NER model"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find(path), std::string::npos);

  WriteFile(path, "pactgraph-ner-tagger 1\n");
  r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("older"), std::string::npos) << r.status().message();

  WriteFile(path, "pactgraph-ner-tagger 2\nlang\ten\nbogus\t1\nend-header\n");
  r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 3"), std::string::npos) << r.status().message();

  WriteFile(path, "pactgraph-ner-tagger 99\n");
  r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("newer"), std::string::npos) << r.status().message();

  // A real model cut short in its binary part.
  ASSERT_TRUE(SaveModel(TrainTiny(), path).ok());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  WriteFile(path, bytes.substr(0, bytes.size() - 40));
  r = NerTagger::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("truncated"), std::string::npos) << r.status().message();

  r = NerTagger::Load(TempPath("does-not-exist.model"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  std::remove(path.c_str());
}

// The textbook Viterbi: every predecessor of every label in ascending order,
// a strictly better score replaces the best (so ties go to the first).
std::vector<int> PlainViterbi(const std::vector<float>& em, size_t n, const Transitions& trans) {
  const float neg_inf = -std::numeric_limits<float>::infinity();
  std::vector<float> alpha(n * kNumLabels, neg_inf);
  std::vector<int> back(n * kNumLabels, 0);
  for (int y = 0; y < kNumLabels; ++y)
    if (TransitionAllowed(-1, y)) alpha[y] = em[y] + trans[0][y];
  for (size_t t = 1; t < n; ++t) {
    for (int y = 0; y < kNumLabels; ++y) {
      float best = neg_inf;
      int arg = 0;
      for (int p = 0; p < kNumLabels; ++p) {
        if (!TransitionAllowed(p, y)) continue;
        const float s = alpha[(t - 1) * kNumLabels + p] + trans[p + 1][y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      alpha[t * kNumLabels + y] = best + em[t * kNumLabels + y];
      back[t * kNumLabels + y] = arg;
    }
  }
  std::vector<int> labels(n, 0);
  int y = 0;
  for (int z = 1; z < kNumLabels; ++z)
    if (EndAllowed(z) && alpha[(n - 1) * kNumLabels + z] > alpha[(n - 1) * kNumLabels + y]) y = z;
  for (size_t t = n; t-- > 0;) {
    labels[t] = y;
    if (t > 0) y = back[t * kNumLabels + y];
  }
  return labels;
}

// Viterbi's grouped, vectorised inner loops must choose exactly what the
// textbook loop chooses, ties included: scores from a few small integers
// make ties common.
TEST(ViterbiTest, AgreesWithThePlainLoopIncludingTies) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const int spread = round % 2 ? 3 : 1000;
    std::uniform_int_distribution<int> value(-spread, spread);
    Transitions trans;
    for (auto& row : trans)
      for (float& x : row) x = static_cast<float>(value(rng)) * 0.5f;
    const size_t n = 1 + round % 23;
    std::vector<float> em(n * kNumLabels);
    for (float& x : em) x = static_cast<float>(value(rng)) * 0.25f;
    std::vector<int> labels;
    Viterbi(em, n, trans, &labels);
    ASSERT_EQ(labels, PlainViterbi(em, n, trans)) << "round " << round;
  }
}

TEST(SpansTest, FollowsConllevalChunkRules) {
  // IOB1: I- after O starts a chunk; B- only separates adjacent chunks.
  auto spans = SpansFromLabels({"I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"});
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[1].begin, 2u);
  EXPECT_EQ(spans[1].end, 3u);
  EXPECT_EQ(spans[2].type, "LOC");
  EXPECT_EQ(spans[3].begin, 5u);
  EXPECT_EQ(spans[3].end, 7u);
  EXPECT_EQ(ToIob2({"I-PER", "I-PER", "B-PER", "O", "I-LOC"}),
            (std::vector<std::string>{"B-PER", "I-PER", "B-PER", "O", "B-LOC"}));
}

TEST(SpansTest, FromLabelIdsAsFromTheirIob2Names) {
  // Every sequence of up to four labels (83,521 of them, valid BILOU order
  // or not), and random longer ones.
  auto check = [](const std::vector<int>& ids) {
    std::vector<std::string> names;
    for (int y : ids) names.push_back(Iob2Name(y));
    const std::vector<LabelSpan> want = SpansFromLabels(names), got = SpansFromLabelIds(ids);
    ASSERT_EQ(got.size(), want.size());
    for (size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(got[k].begin, want[k].begin);
      EXPECT_EQ(got[k].end, want[k].end);
      EXPECT_EQ(got[k].type, want[k].type);
    }
  };
  for (int len = 0; len <= 4; ++len) {
    std::vector<int> ids(len, 0);
    while (true) {
      check(ids);
      int k = 0;
      while (k < len && ++ids[k] == kNumLabels) ids[k++] = 0;
      if (k == len) break;
    }
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::vector<int> ids(5 + rng() % 30);
    for (int& y : ids) y = rng() % 3 == 0 ? 0 : static_cast<int>(rng() % kNumLabels);
    check(ids);
  }
}

TEST(SpanScorerTest, ScoresExactSpansPerTypeLikeConlleval) {
  SpanScorer scorer;
  // gold: PER[0,2) LOC[3,4) ORG[5,7); predicted: PER[0,2) right, LOC[3,5)
  // wrong boundary, ORG[6,7) wrong boundary, MISC[8,9) spurious.
  scorer.Add({"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "O"},
             {"B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "B-ORG", "O", "B-MISC"});
  EXPECT_EQ(scorer.overall().gold, 3);
  EXPECT_EQ(scorer.overall().predicted, 4);
  EXPECT_EQ(scorer.overall().correct, 1);
  EXPECT_DOUBLE_EQ(scorer.overall().Precision(), 0.25);
  EXPECT_DOUBLE_EQ(scorer.overall().Recall(), 1.0 / 3);
  EXPECT_NEAR(scorer.overall().F1(), 2 * 0.25 / 3 / (0.25 + 1.0 / 3), 1e-12);
  EXPECT_DOUBLE_EQ(scorer.by_type().at("PER").F1(), 1.0);
  EXPECT_EQ(scorer.by_type().at("MISC").gold, 0);
  EXPECT_EQ(scorer.tokens(), 9);
  EXPECT_NE(scorer.Report().find("FB1:  28.57"), std::string::npos) << scorer.Report();
}

TEST(CorpusTest, ReadsConllIob1AndGermEvalWithTypeMapping) {
  std::string conll = TempPath("c.conll");
  WriteFile(conll,
            "-DOCSTART- -X- -X- O\n\nRODGAU Rodgau NE I-NC I-LOC\nliegt x x x O\n\n"
            "-DOCSTART- -X- -X- O\n\nHerr x x x O\nKohl x x x I-PER\n");
  auto docs = ReadCorpus(conll, CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].sentences[0].labels, (std::vector<std::string>{"B-LOC", "O"}));
  EXPECT_EQ((*docs)[1].sentences[0].labels, (std::vector<std::string>{"O", "B-PER"}));

  std::string ge = TempPath("g.tsv");
  WriteFile(ge,
            "#\thttp://x\t[2009]\n1\tDie\tO\tO\n2\tdeutsche\tB-LOCderiv\tO\n3\tEU-Kommission\tB-ORGpart\tO\n"
            "4\tin\tO\tO\n5\tBad\tB-LOC\tO\n6\tEms\tI-LOC\tO\n7\tTatort\tB-OTH\tO\n\n");
  docs = ReadCorpus(ge, CorpusFormat::kAuto);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_EQ((*docs)[0].sentences[0].labels,
            (std::vector<std::string>{"O", "B-MISC", "O", "O", "B-LOC", "I-LOC", "B-MISC"}));

  docs = ReadCorpus(ge, CorpusFormat::kConll);  // explicit format that does not fit
  ASSERT_FALSE(docs.ok());
  EXPECT_NE(docs.status().message().find("tab-separated"), std::string::npos) << docs.status().message();

  WriteFile(ge, "1\tDie\n");
  docs = ReadCorpus(ge, CorpusFormat::kConllu);
  ASSERT_FALSE(docs.ok());
  EXPECT_NE(docs.status().message().find("line 1"), std::string::npos) << docs.status().message();
  std::remove(conll.c_str());
  std::remove(ge.c_str());
}

TEST(TokenizeTest, PeelsPunctuationButKeepsAbbreviationsAndPossessives) {
  std::vector<std::string_view> toks;
  SimpleTokenize("Samsung's chief (Lee) met U.S. officials, \xE2\x80\x9CMach-1\xE2\x80\x9D said.", &toks);
  std::vector<std::string> got(toks.begin(), toks.end());
  EXPECT_EQ(got,
            (std::vector<std::string>{"Samsung", "'s", "chief", "(", "Lee", ")", "met", "U.S.", "officials",
                                      ",", "\xE2\x80\x9C", "Mach-1", "\xE2\x80\x9D", "said", "."}));
}

TEST(FeaturesTest, ShapesAndNormalisation) {
  std::string out;
  WordShape("Mach-1", false, &out);
  EXPECT_EQ(out, "Xxxx-d");
  WordShape("Mach-1", true, &out);
  EXPECT_EQ(out, "Xx-d");
  WordShape(
      "\xC3\x9C"
      "ber",
      true, &out);  // Über
  EXPECT_EQ(out, "Xx");
  NormalizeWord(
      "\xC3\x9C"
      "BER2024",
      &out);
  EXPECT_EQ(out,
            "\xC3\xBC"
            "ber0000");
}

TEST(TaggerTest, SpansCarryConfidenceAndAgreeWithTag) {
  NerTagger tagger(std::make_shared<const TaggerModel>(TrainTiny()));
  std::vector<std::string> words = {"John", "Smith", "visited", "Berlin", "."};
  auto labels = tagger.Tag(Views(words));
  auto spans = tagger.TagSpans(Views(words));
  auto expected = SpansFromLabels(labels);
  ASSERT_EQ(spans.size(), expected.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    EXPECT_EQ(spans[i].begin, expected[i].begin);
    EXPECT_EQ(spans[i].type, expected[i].type);
    EXPECT_GT(spans[i].confidence, 0.0f);
    EXPECT_LE(spans[i].confidence, 1.0f);
  }
  EXPECT_TRUE(tagger.Tag({}).empty());
}

TEST(TaggerTest, OddBytesNeverCrash) {
  NerTagger tagger(std::make_shared<const TaggerModel>(TrainTiny()));
  std::string junk;
  unsigned seed = 7;
  for (int i = 0; i < 2000; ++i) {
    seed = seed * 1103515245u + 12345u;
    junk.push_back(static_cast<char>(seed >> 16));
  }
  std::vector<std::string_view> words = {"", "\xC3", "\xE2\x80", std::string_view(junk).substr(0, 700), "A"};
  for (size_t i = 0; i + 3 < junk.size(); i += 3)
    words.push_back(std::string_view(junk).substr(i, 1 + i % 5));
  EXPECT_EQ(tagger.Tag(words).size(), words.size());
  EXPECT_EQ(tagger.TagDocument({words, words}).size(), 2u);
  for (const TaggedSpan& s : tagger.TagSpans(words)) EXPECT_LE(s.end, words.size());
}

// The shipped models, when present: load and find obvious names.
TEST(ShippedModelTest, EnglishModelTagsANewsSentence) {
  std::string path = std::string(PACTGRAPH_DATA_DIR) + "/ner/en.model";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not built";
  auto tagger = NerTagger::Load(path);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::vector<std::string> words = {"Microsoft", "chief", "Satya", "Nadella", "met",
                                    "officials", "in",    "Seoul", "."};
  auto labels = (*tagger)->Tag(Views(words));
  EXPECT_EQ(labels[0], "B-ORG");
  EXPECT_EQ(labels[2], "B-PER");
  EXPECT_EQ(labels[3], "I-PER");
  EXPECT_EQ(labels[7], "B-LOC");
}

TEST(ShippedModelTest, DocumentSpansAreTheSpansOfTheDocumentLabels) {
  std::string path = std::string(PACTGRAPH_DATA_DIR) + "/ner/en.model";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not built";
  auto tagger = NerTagger::Load(path);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::vector<std::vector<std::string>> text = {
      {"Samsung", "Electronics", "and", "SK", "Hynix", "supply", "HBM", "chips", "to", "Nvidia", "."},
      {"Jensen", "Huang", "met", "Lee", "Jae-yong", "in", "Seoul", "on", "Monday", "."},
      {"The", "two", "companies", "did", "not", "comment", "."}};
  std::vector<std::vector<std::string_view>> sentences;
  for (const auto& words : text) sentences.push_back(Views(words));
  const auto labels = (*tagger)->TagDocument(sentences);
  const auto spans = (*tagger)->TagDocumentSpans(sentences);
  ASSERT_EQ(spans.size(), labels.size());
  size_t names = 0;
  for (size_t s = 0; s < labels.size(); ++s) {
    const std::vector<LabelSpan> want = SpansFromLabels(labels[s]);
    ASSERT_EQ(spans[s].size(), want.size()) << s;
    for (size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(spans[s][k].begin, want[k].begin);
      EXPECT_EQ(spans[s][k].end, want[k].end);
      EXPECT_EQ(spans[s][k].type, want[k].type);
    }
    names += want.size();
  }
  EXPECT_GE(names, 4u);
}

}  // namespace
}  // namespace pactgraph::tagger
