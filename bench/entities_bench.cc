// Entity-and-role stage speed on the BBC News corpus (../shared/data/bbc-news):
// bytes per second of EntityRecognizer::Recognize alone (text already
// segmented), with and without the statistical tagger (the tagger run only
// when <data>/ner/en.model exists). Also prints the load time.
//
//   entities_bench [google-benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ner/entities.h"
#include "segment/segment.h"

namespace {

namespace fs = std::filesystem;

struct Doc {
  std::string text;
  pactgraph::Segmented seg;
};

std::vector<Doc>* g_docs = nullptr;
size_t g_bytes = 0;

void LoadDocs() {
  g_docs = new std::vector<Doc>();
  fs::path dir = fs::path(PACTGRAPH_SHARED_DIR) / "data" / "bbc-news" / "bbc";
  if (!fs::exists(dir)) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    Doc d{ss.str(), {}};
    d.seg = pactgraph::Segment(d.text, "en");
    g_bytes += d.text.size();
    g_docs->push_back(std::move(d));
  }
}

void Run(benchmark::State& state, bool tagger) {
  pactgraph::EntityOptions opts;
  opts.use_tagger = tagger;
  auto t0 = std::chrono::steady_clock::now();
  auto rec = pactgraph::EntityRecognizer::Load(PACTGRAPH_DATA_DIR, opts);
  double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!rec.ok()) {
    state.SkipWithError(rec.status().message().c_str());
    return;
  }
  if (g_docs->empty()) {
    state.SkipWithError("no ../shared/data/bbc-news");
    return;
  }
  size_t entities = 0;
  for (auto _ : state) {
    for (const Doc& d : *g_docs) {
      pactgraph::EntityResult r = (*rec)->Recognize(d.text, d.seg, "en");
      entities += r.entities.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_bytes));
  state.counters["docs"] = static_cast<double>(g_docs->size());
  state.counters["load_ms"] = load_ms;
  state.counters["entities_per_doc"] =
      static_cast<double>(entities) / static_cast<double>(state.iterations() * g_docs->size());
}

void BM_RulesAndGazetteers(benchmark::State& state) { Run(state, false); }
void BM_WithTaggerIfPresent(benchmark::State& state) { Run(state, true); }

BENCHMARK(BM_RulesAndGazetteers)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_WithTaggerIfPresent)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  LoadDocs();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
