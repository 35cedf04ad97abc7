// Time and money tagging speed on the BBC News corpus
// (../shared/data/bbc-news): bytes per second per core, one article per call
// as the pipeline calls them. Results: bench/results/timex.md.
//
//   timex_bench [google-benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "money/money.h"
#include "time/timex.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string>* g_docs = nullptr;
size_t g_bytes = 0;

void LoadCorpus() {
  static std::vector<std::string> docs;
  const fs::path dir = fs::path(PACTGRAPH_SHARED_DIR) / "data/bbc-news/bbc";
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    g_bytes += ss.str().size();
    docs.push_back(ss.str());
  }
  g_docs = &docs;
}

void BM_FindTimexes(benchmark::State& state) {
  const std::string anchor = "2005-03-15";
  for (auto _ : state) {
    size_t n = 0;
    for (const std::string& d : *g_docs) n += pactgraph::FindTimexes(d, "en", anchor).size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_bytes));
}

void BM_FindMoney(benchmark::State& state) {
  for (auto _ : state) {
    size_t n = 0;
    for (const std::string& d : *g_docs) n += pactgraph::FindMoney(d, "en").size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_bytes));
}

void BM_InferAnchor(benchmark::State& state) {
  for (auto _ : state) {
    size_t n = 0;
    for (const std::string& d : *g_docs) n += pactgraph::InferAnchor(d, "en").size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_bytes));
}

BENCHMARK(BM_FindTimexes)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_FindMoney)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_InferAnchor)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

}  // namespace

int main(int argc, char** argv) {
  LoadCorpus();
  if (g_docs->empty()) {
    std::cerr << "timex_bench: no BBC News corpus under " << PACTGRAPH_SHARED_DIR << "/data/bbc-news/bbc\n";
    return 1;
  }
  std::cerr << g_docs->size() << " documents, " << g_bytes << " bytes\n";
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
