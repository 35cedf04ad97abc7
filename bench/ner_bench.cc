// NER tagger speed on the BBC News corpus (../shared/data/bbc-news): tokens
// per second per core for sentence-by-sentence tagging (what the entity
// stage calls), whole-document tagging (document-level features), and
// tagging with span confidences. Also prints model load time and the
// resident memory the model adds. Results: bench/results/ner.md.
//
//   ner_bench [--model PATH] [google-benchmark flags]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "ner/tagger.h"
#include "ner/tagger_corpus.h"

namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::string> texts;
  // documents -> sentences -> tokens (views into texts)
  std::vector<std::vector<std::vector<std::string_view>>> docs;
  size_t tokens = 0;
};

Corpus* g_corpus = nullptr;
const pactgraph::NerTagger* g_tagger = nullptr;

long ResidentKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Whitespace/punctuation tokens, sentences cut after . ! ? and at blank lines.
void LoadCorpus(const fs::path& dir, Corpus* c) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  c->texts.reserve(files.size());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    c->texts.push_back(ss.str());
  }
  std::vector<std::string_view> toks;
  for (const std::string& t : c->texts) {
    pactgraph::tagger::SimpleTokenize(t, &toks);
    auto& doc = c->docs.emplace_back();
    doc.emplace_back();
    for (std::string_view tok : toks) {
      doc.back().push_back(tok);
      if (tok == "." || tok == "!" || tok == "?") doc.emplace_back();
    }
    if (doc.back().empty()) doc.pop_back();
    c->tokens += toks.size();
  }
}

void BM_TagSentences(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& doc : g_corpus->docs)
      for (const auto& s : doc) benchmark::DoNotOptimize(g_tagger->Tag(s));
    n += g_corpus->tokens;
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagSentences)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TagDocuments(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& doc : g_corpus->docs) benchmark::DoNotOptimize(g_tagger->TagDocument(doc));
    n += g_corpus->tokens;
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagDocuments)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TagSpansWithConfidence(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& doc : g_corpus->docs)
      for (const auto& s : doc) benchmark::DoNotOptimize(g_tagger->TagSpans(s));
    n += g_corpus->tokens;
  }
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagSpansWithConfidence)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  std::string model_path = std::string(PACTGRAPH_DATA_DIR) + "/ner/en.model";
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
      model_path = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  fs::path bbc = fs::path(PACTGRAPH_SHARED_DIR) / "data/bbc-news/bbc";
  if (!fs::exists(bbc)) return std::cerr << "ner_bench: " << bbc << " not found\n", 1;
  Corpus corpus;
  LoadCorpus(bbc, &corpus);
  long rss_before = ResidentKb();
  auto start = std::chrono::steady_clock::now();
  auto tagger = pactgraph::NerTagger::Load(model_path);
  double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!tagger.ok()) return std::cerr << "ner_bench: " << tagger.status().ToString() << "\n", 1;
  long rss_after = ResidentKb();
  std::cout << "model " << model_path << ": " << fs::file_size(model_path) << " bytes, load " << load_ms
            << " ms, resident memory +" << (rss_after - rss_before) / 1024.0 << " MiB (process "
            << rss_after / 1024.0 << " MiB)\n";
  std::cout << "corpus: " << corpus.docs.size() << " BBC articles, " << corpus.tokens << " tokens\n";
  g_corpus = &corpus;
  g_tagger = tagger->get();
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
