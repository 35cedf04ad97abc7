#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "input/reader.h"
#include "pactgraph/extractor.h"

namespace pactgraph::cli {
namespace {

struct ExtractFlags {
  std::vector<std::string> paths;
  bool text = false;
  std::string data_dir;
  size_t max_bytes = ExtractorOptions().max_bytes;
  int jobs = 1;
};

// Articles are extracted in batches; with several jobs, the batch is shared
// out between threads and written back in input order.
constexpr size_t kBatchSize = 256;

struct Pending {
  Article article;
  StatusOr<Extraction> result = Status::Internal("not extracted");
};

void ExtractBatch(const Extractor& extractor, std::vector<Pending>* batch, int jobs) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < batch->size(); i = next++) (*batch)[i].result = extractor.Extract((*batch)[i].article);
  };
  int threads = std::min<int>(jobs, static_cast<int>(batch->size()));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

int RunExtract(const ExtractFlags& flags) {
  ExtractorOptions opts;
  opts.data_dir = flags.data_dir;
  opts.keep_text = flags.text;
  opts.max_bytes = flags.max_bytes;
  auto extractor = Extractor::Create(opts);
  if (!extractor.ok()) {
    std::cerr << "pactgraph: " << extractor.status().ToString() << "\n";
    return 2;
  }
  // Lines go out through stdout's buffer, which is one page by default: with
  // output to a file or pipe, a larger one saves most of the write calls
  // (a terminal keeps its line buffering).
  static char out_buffer[1 << 16];
  if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  std::vector<std::string> paths = flags.paths.empty() ? std::vector<std::string>{"-"} : flags.paths;
  size_t failed = 0;
  auto report = [&](const Status& st) {
    ++failed;
    std::cerr << "pactgraph extract: " << st.message() << "\n";
  };
  std::vector<Pending> batch;
  auto flush = [&] {
    ExtractBatch(**extractor, &batch, flags.jobs);
    for (Pending& p : batch) {
      if (!p.result.ok()) {
        report(p.result.status().WithContext(p.article.source));
        continue;
      }
      for (const std::string& w : p.result->warnings) {
        std::cerr << "pactgraph extract: " << p.article.source << ": " << w << "\n";
      }
      std::cout << ToJsonLine(*p.result, flags.text) << '\n';
    }
    batch.clear();
  };
  ReaderOptions ropts;
  ropts.max_bytes = opts.max_bytes;
  ForEachArticle(
      paths, ropts,
      [&](Article&& a) {
        batch.push_back(Pending{std::move(a)});
        if (batch.size() >= (flags.jobs > 1 ? kBatchSize : 1)) flush();
      },
      report);
  flush();
  std::cout.flush();
  return failed ? 1 : 0;
}

}  // namespace

void AddExtractCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* cmd = app.add_subcommand("extract", "articles in, one JSON line of facts per article out");
  cmd->add_option("paths", flags->paths, "files, folders (recursive) or - for stdin (default -)");
  cmd->add_flag("--text", flags->text, "add the cleaned article text as doc.text");
  cmd->add_option("--data", flags->data_dir, "data folder (default: $PACTGRAPH_DATA or the built-in one)");
  cmd->add_option("--max-bytes", flags->max_bytes,
                  "refuse files and JSONL lines larger than this (default 16MiB; suffixes k, M)")
      ->transform(CLI::AsSizeValue(false));
  cmd->add_option("-j,--jobs", flags->jobs, "worker threads; output keeps the input order (default 1)")
      ->check(CLI::Range(1, 256));
  cmd->callback([flags, exit_code] { *exit_code = RunExtract(*flags); });
}

}  // namespace pactgraph::cli
